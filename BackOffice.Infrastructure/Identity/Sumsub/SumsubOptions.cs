namespace BackOffice.Infrastructure.Identity.Sumsub;

/// <summary>
/// How BackOffice reaches the Sumsub API (configuration section <c>Identity:Sumsub</c>).
/// A class, not a record: a record's generated ToString would print the secrets into logs.
/// </summary>
public sealed class SumsubOptions
{
    public string BaseUrl { get; set; } = "https://api.sumsub.com/";

    /// <summary>The app token from the Sumsub dashboard, sent with every request.</summary>
    public string AppToken { get; set; } = "";

    /// <summary>Signs every request; never sent.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>The secret Sumsub signs its webhooks with (the webhook's "secret key" in the dashboard).</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>The verification level applicants are created at: which documents and checks Sumsub asks for.</summary>
    public string LevelName { get; set; } = "";

    /// <summary>How long one request may take before the provider counts as unavailable.</summary>
    public double RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>How long a web SDK access token stays valid.</summary>
    public int AccessTokenSeconds { get; set; } = 600;
}
