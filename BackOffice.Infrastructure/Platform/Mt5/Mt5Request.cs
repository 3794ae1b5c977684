using System.Text.Json.Nodes;

namespace BackOffice.Infrastructure.Platform.Mt5;

/// <param name="What">Finishes "The trading platform refused …" in error messages.</param>
/// <param name="Idempotent">Safe to send again when the connection broke after sending it.</param>
/// <param name="SigningIn">Part of the handshake: any refusal is an authentication failure.</param>
internal sealed record Mt5Request(
    HttpMethod Method,
    string Path,
    IReadOnlyList<(string Name, string Value)> Query,
    JsonObject? Body,
    string What,
    bool Idempotent = true,
    bool SigningIn = false)
{
    public string RelativeUri => Query.Count == 0 ? Path
        : Path + "?" + string.Join("&", Query.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));

    public static Mt5Request Get(string path, string what, params (string Name, object Value)[] query) =>
        new(HttpMethod.Get, path, query.Select(p => (p.Name, Mt5Json.Invariably(p.Value))).ToList(), null, what);

    public static Mt5Request Post(string path, string what, JsonObject body) =>
        new(HttpMethod.Post, path, [], body, what);
}
