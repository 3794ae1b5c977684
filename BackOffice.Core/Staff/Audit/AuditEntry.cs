namespace BackOffice.Core.Staff.Audit;

/// <summary>
/// One executed command. Rows are only ever inserted: each carries the hash of the previous
/// one, so an edited or deleted row breaks the chain and "verify chain" finds it.
/// </summary>
public sealed class AuditEntry
{
    public long Sequence { get; set; }
    public DateTime At { get; set; }
    public string? ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public string? ApproverId { get; set; }
    public string? ApproverName { get; set; }
    public string Action { get; set; } = "";
    public string? EntityType { get; set; }
    public string? EntityId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? Reason { get; set; }
    public string? Ip { get; set; }
    public string? UserAgent { get; set; }
    public string CorrelationId { get; set; } = "";
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";

    /// <summary>
    /// Every field but the hash itself, as a JSON array in a fixed order: JSON escaping keeps field
    /// boundaries unambiguous whatever the text holds, and null stays distinct from "".
    /// </summary>
    public string Canonical() => System.Text.Json.JsonSerializer.Serialize(new[]
    {
        Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        At.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ActorId, ActorName, ApproverId, ApproverName, Action, EntityType, EntityId,
        Before, After, Reason, Ip, UserAgent, CorrelationId,
    });

    public static string ComputeHash(string previousHash, string canonical) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(previousHash + canonical)));

    /// <summary>
    /// The entry's hash after <paramref name="previousHash"/>: the same as <see cref="ComputeHash"/> of <see cref="Canonical"/>,
    /// written as UTF-8 straight into a buffer kept per thread (every command writes an entry, and its After is kilobytes).
    /// </summary>
    public string HashAfter(string previousHash)
    {
        var buffer = _buffer ??= new System.Buffers.ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        System.Text.EncodingExtensions.GetBytes(System.Text.Encoding.UTF8, previousHash.AsSpan(), buffer);
        var json = _json ??= new System.Text.Json.Utf8JsonWriter(buffer);
        json.Reset(buffer);
        json.WriteStartArray();
        json.WriteStringValue(Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        json.WriteStringValue(At.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var field in (ReadOnlySpan<string?>)[ActorId, ActorName, ApproverId, ApproverName, Action, EntityType, EntityId, Before, After, Reason, Ip, UserAgent, CorrelationId])
        {
            if (field is null) json.WriteNullValue();
            else json.WriteStringValue(field);
        }
        json.WriteEndArray();
        json.Flush();
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(buffer.WrittenSpan));
    }

    [ThreadStatic] private static System.Buffers.ArrayBufferWriter<byte>? _buffer;
    [ThreadStatic] private static System.Text.Json.Utf8JsonWriter? _json;
}
