namespace BackOffice.Infrastructure.Platform.Mt5;

/// <summary>
/// How BackOffice reaches the MT5 Web API as a manager (configuration section <c>Platform:Mt5</c>).
/// A class, not a record: a record's generated ToString would print the password into logs.
/// </summary>
public sealed class Mt5Options
{
    /// <summary>The Web API address, e.g. <c>https://mt5.broker.example:443/</c>.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The manager account BackOffice signs in with; it needs user, balance and deal rights.</summary>
    public long ManagerLogin { get; set; }

    public string Password { get; set; } = "";

    /// <summary>How the connection appears in the MT5 server journal.</summary>
    public string Agent { get; set; } = "BackOffice";

    /// <summary>The Web API protocol version announced when signing in.</summary>
    public int Version { get; set; } = 484;

    /// <summary>How long one request may take before the platform counts as unavailable.</summary>
    public double RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>The server drops a session idle for 180 s; a ping every 20 s keeps it open.</summary>
    public double KeepAliveSeconds { get; set; } = 20;

    /// <summary>
    /// Accepts whatever certificate the server presents. MT5 servers often run with a self-signed
    /// certificate; prefer <see cref="ServerCertificateThumbprint"/>, which accepts that one certificate only.
    /// </summary>
    public bool AcceptAnyServerCertificate { get; set; }

    /// <summary>SHA-1 or SHA-256 thumbprint (hex, separators ignored) of the only certificate accepted.</summary>
    public string? ServerCertificateThumbprint { get; set; }
}
