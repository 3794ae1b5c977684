using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackOffice.Core.Platform;
using Microsoft.Extensions.Logging;

namespace BackOffice.Infrastructure.Platform.Mt5;

/// <summary>
/// The one manager session with the MT5 Web API. MT5 ties the session to the TCP connection, so
/// there is exactly one connection and requests go over it one at a time; the session is opened
/// with the challenge–response handshake, kept alive with pings, and reopened when it is lost.
/// </summary>
internal sealed class Mt5Session : IAsyncDisposable
{
    private readonly Mt5Options _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ITimer? _keepAlive;
    private volatile bool _signedIn;
    private volatile bool _disposed;

    public Mt5Session(Mt5Options options, TimeProvider clock, ILogger log)
    {
        if (!Uri.TryCreate(options.BaseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var baseUri))
            throw new InvalidOperationException("Platform:Mt5:BaseUrl must be an absolute URL of the MT5 Web API.");
        _options = options;
        _clock = clock;
        _log = log;
        _timeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds);
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            UseCookies = true,
            CookieContainer = new CookieContainer(), // some MT5 builds also hand out a session cookie
            ConnectTimeout = _timeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10), // the keep-alive, not the pool, decides
        };
        if (options.AcceptAnyServerCertificate || !string.IsNullOrWhiteSpace(options.ServerCertificateThumbprint))
            handler.SslOptions.RemoteCertificateValidationCallback = AcceptCertificate;
        if (options.AcceptAnyServerCertificate)
            _log.LogWarning("Platform:Mt5 accepts any server certificate; set ServerCertificateThumbprint to accept only the MT5 server's");
        _http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// Sends one request in the open session (signing in first when needed) and returns the answer
    /// once its retcode is "0 Done". A session the server no longer knows is reopened and the request
    /// sent again, since the server refused it unexecuted; after a broken connection only an
    /// idempotent request is sent again. Everything else becomes a <see cref="PlatformException"/>.
    /// </summary>
    public async Task<JsonObject> SendAsync(Mt5Request request, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                if (!_signedIn)
                    await SignInAsync(ct);
                try
                {
                    return await SendOnceAsync(request, ct);
                }
                catch (SessionLostException) when (attempt == 1)
                {
                    _log.LogInformation("The trading platform no longer knows the manager session; signing in again");
                }
                catch (ConnectionLostException) when (attempt == 1 && request.Idempotent)
                {
                    _log.LogInformation("The connection to the trading platform broke; signing in again");
                }
            }
        }
        catch (SessionLostException)
        {
            throw new PlatformException(PlatformErrorKind.Unavailable, "The trading platform dropped the session again right after signing in.");
        }
        catch (ConnectionLostException lost)
        {
            throw lost.ToPlatformException();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task SignInAsync(CancellationToken ct)
    {
        const string what = "the manager sign-in";
        var start = await SendOnceAsync(Mt5Request.Get("api/auth/start", what,
            ("version", _options.Version), ("agent", _options.Agent), ("login", _options.ManagerLogin), ("type", "manager")) with { SigningIn = true }, ct);
        byte[] serverRandom;
        try { serverRandom = Convert.FromHexString(Mt5Json.Text(start, "srv_rand")); }
        catch (FormatException) { throw new PlatformException(PlatformErrorKind.AuthenticationFailed, "The trading platform answered the sign-in with a malformed challenge."); }

        var passwordHash = Mt5Auth.PasswordHash(_options.Password);
        try
        {
            var clientRandom = RandomNumberGenerator.GetBytes(16);
            var answer = await SendOnceAsync(Mt5Request.Get("api/auth/answer", what,
                ("srv_rand_answer", Mt5Auth.Hex(Mt5Auth.Answer(passwordHash, serverRandom))), ("cli_rand", Mt5Auth.Hex(clientRandom))) with { SigningIn = true }, ct);
            if (!Mt5Auth.IsAnswer(passwordHash, clientRandom, Mt5Json.Text(answer, "cli_rand_answer")))
                throw new PlatformException(PlatformErrorKind.AuthenticationFailed,
                    "The trading platform could not prove it knows the manager password, so BackOffice did not sign in. Check that Platform:Mt5:BaseUrl points at your MT5 server.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordHash);
        }

        _signedIn = true;
        var period = TimeSpan.FromSeconds(_options.KeepAliveSeconds);
        _keepAlive ??= _clock.CreateTimer(_ => _ = PingAsync(), null, period, period);
        _log.LogInformation("Signed in to the trading platform as manager {ManagerLogin}", _options.ManagerLogin);
    }

    /// <summary>Keeps the session from idling out. Skipped while a request is on the wire (that keeps it alive too).</summary>
    private async Task PingAsync()
    {
        if (_disposed || !_signedIn || !await _gate.WaitAsync(0))
            return;
        try
        {
            await SendOnceAsync(Mt5Request.Get("api/test/access", "the keep-alive"), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The next request signs in again; a timer must not sign in on its own while the server is down.
            _signedIn = false;
            if (!_disposed)
                _log.LogWarning("Keep-alive to the trading platform failed ({Reason}); the next request signs in again", ex.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<JsonObject> SendOnceAsync(Mt5Request request, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(_timeout, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        using var message = new HttpRequestMessage(request.Method, request.RelativeUri);
        if (request.Body is not null)
            message.Content = new StringContent(request.Body.ToJsonString(), Encoding.UTF8, "application/json");

        HttpStatusCode status;
        string text;
        try
        {
            using var response = await _http.SendAsync(message, linked.Token);
            status = response.StatusCode;
            text = await response.Content.ReadAsStringAsync(linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            _signedIn = false; // the connection is torn down with the request, and the session with it
            throw new PlatformException(PlatformErrorKind.Unavailable,
                $"The trading platform did not answer within {_timeout.TotalSeconds:0.#} seconds.", inner: new TimeoutException());
        }
        catch (OperationCanceledException)
        {
            _signedIn = false;
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            _signedIn = false;
            throw new ConnectionLostException(ex);
        }

        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            if (request.SigningIn)
                throw new PlatformException(PlatformErrorKind.AuthenticationFailed, $"The trading platform refused the manager sign-in (HTTP {(int)status}).");
            _signedIn = false;
            throw new SessionLostException();
        }
        if ((int)status >= 500)
            throw new PlatformException(PlatformErrorKind.Unavailable, $"The trading platform is unavailable (HTTP {(int)status}).");
        if ((int)status >= 300)
            throw new PlatformException(PlatformErrorKind.Rejected, $"The trading platform refused {request.What} (HTTP {(int)status}).");

        JsonObject? answer;
        try { answer = JsonNode.Parse(text) as JsonObject; }
        catch (JsonException) { answer = null; }
        if (answer is null || !Mt5Retcode.TryParse(answer["retcode"]?.ToString(), out var retcode))
            throw new PlatformException(PlatformErrorKind.Unavailable, "The trading platform answered something other than the MT5 Web API.");
        if (retcode.IsDone)
            return answer;
        if (request.SigningIn)
            throw new PlatformException(PlatformErrorKind.AuthenticationFailed,
                $"The trading platform refused the manager sign-in for login {_options.ManagerLogin}: {retcode.Text} ({retcode.Code}). Check Platform:Mt5:ManagerLogin and Password.", retcode.Code);
        if (retcode.IsAuthentication)
        {
            _signedIn = false;
            throw new SessionLostException();
        }
        throw retcode.ToException(request.What);
    }

    private bool AcceptCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_options.AcceptAnyServerCertificate) return true;
        if (certificate is null) return false;
        var pinned = new string(_options.ServerCertificateThumbprint!.Where(char.IsAsciiHexDigit).ToArray());
        return string.Equals(pinned, certificate.GetCertHashString(), StringComparison.OrdinalIgnoreCase)
            || string.Equals(pinned, certificate.GetCertHashString(HashAlgorithmName.SHA256), StringComparison.OrdinalIgnoreCase);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (_keepAlive is not null)
            await _keepAlive.DisposeAsync();
        _http.Dispose();
    }

    /// <summary>The server refused the request because it no longer knows the session: nothing was executed.</summary>
    private sealed class SessionLostException : Exception;

    /// <summary>The connection broke; a request already sent may or may not have been executed.</summary>
    private sealed class ConnectionLostException(Exception inner) : Exception(inner.Message, inner)
    {
        public PlatformException ToPlatformException()
        {
            var reason = (InnerException as HttpRequestException)?.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "cannot be found (check Platform:Mt5:BaseUrl)",
                HttpRequestError.SecureConnectionError => "presented a certificate that is not trusted (see Platform:Mt5:ServerCertificateThumbprint)",
                HttpRequestError.ResponseEnded => "closed the connection before answering",
                _ => "cannot be reached",
            };
            return new PlatformException(PlatformErrorKind.Unavailable, $"The trading platform {reason}.", inner: InnerException);
        }
    }
}
