namespace BackOffice.Web.Auth;

/// <summary>Every request carries a correlation id (the caller's, or a new one), echoed back and put on every log line.</summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> log)
{
    public const string Header = "X-Correlation-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var id = context.Request.Headers[Header].FirstOrDefault() is { Length: > 0 and <= 64 } given && given.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? given
            : Core.Common.Actor.NewCorrelationId();
        context.Items[Header] = id;
        context.Response.Headers[Header] = id;
        using (log.BeginScope("CorrelationId:{CorrelationId}", id))
            await next(context);
    }

    public static string For(HttpContext context) =>
        context.Items.TryGetValue(Header, out var id) && id is string s ? s : Core.Common.Actor.NewCorrelationId();
}
