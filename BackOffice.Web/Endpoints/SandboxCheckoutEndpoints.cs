using BackOffice.Infrastructure.Payments;
using Microsoft.AspNetCore.Mvc;

namespace BackOffice.Web.Endpoints;

/// <summary>
/// The sandbox checkout's buttons: the sandbox processor sends its signed callback to the console's webhook endpoint,
/// over HTTP like any provider, and the page shows what the console answered.
/// </summary>
public static class SandboxCheckoutEndpoints
{
    public sealed class CheckoutForm
    {
        public string? Outcome { get; set; }
        public string? Payer { get; set; }
    }

    public static void MapSandboxCheckout(this IEndpointRouteBuilder app) =>
        app.MapPost("/sandbox/checkout/{paymentId}", async (string paymentId, [FromForm] CheckoutForm form, HttpContext http, SandboxPsp sandbox,
                IConfiguration configuration, CancellationToken ct) =>
            {
                if (sandbox.Find(paymentId) is null || !Enum.TryParse<SandboxOutcome>(form.Outcome, out var outcome))
                    return Results.Redirect($"/sandbox/checkout/{Uri.EscapeDataString(paymentId)}");
                // Behind TLS offload the console may not reach itself on the public address.
                var baseUrl = configuration["BackOffice:InternalBaseUrl"] is { Length: > 0 } internalUrl ? internalUrl : $"{http.Request.Scheme}://{http.Request.Host}/";
                string done;
                try
                {
                    var status = await sandbox.CompleteAsync(paymentId, outcome, string.IsNullOrWhiteSpace(form.Payer) ? null : form.Payer.Trim(), new Uri(baseUrl), ct);
                    done = status == 200
                        ? outcome switch
                        {
                            SandboxOutcome.Pay => "Paid. The processor told the console; you can close this page.",
                            SandboxOutcome.PayPart => "Half paid. The processor told the console; you can close this page.",
                            _ => "The payment did not go through, and the console was told.",
                        }
                        : $"The console answered the processor's callback with HTTP {status}.";
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
                {
                    done = "The processor could not reach the console: " + e.Message;
                }
                return Results.Redirect($"/sandbox/checkout/{Uri.EscapeDataString(paymentId)}?done={Uri.EscapeDataString(done)}");
            })
            .AllowAnonymous().ExcludeFromDescription();
}
