using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackOffice.Core.Platform;

namespace BackOffice.Infrastructure.Platform.Mt5;

/// <summary>
/// Reads Web API records, whose numbers usually arrive as strings ("Balance": "1000.00"); plain
/// JSON numbers are read too. Figures are parsed in the invariant culture.
/// </summary>
internal static class Mt5Json
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Text(JsonObject record, string name) => record[name] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v => v.ToJsonString(),
        _ => "",
    };

    public static long Long(JsonObject record, string name, long? fallback = null) =>
        long.TryParse(Text(record, name), NumberStyles.Integer, Invariant, out var value) ? value
        : fallback ?? throw Missing(name);

    public static decimal Decimal(JsonObject record, string name, decimal? fallback = null) =>
        decimal.TryParse(Text(record, name), NumberStyles.Float, Invariant, out var value) ? value
        : fallback ?? throw Missing(name);

    /// <summary>Writes a number in the same form (string or number) the platform used for that field.</summary>
    public static void Set(JsonObject record, string name, long value) =>
        record[name] = record[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? JsonValue.Create(value)
            : JsonValue.Create(value.ToString(Invariant));

    public static string Invariably(object value) => Convert.ToString(value, Invariant) ?? "";

    /// <summary>The <c>answer</c> object of a response.</summary>
    public static JsonObject Answer(JsonObject response) =>
        response["answer"] as JsonObject ?? throw Missing("answer");

    /// <summary>The <c>answer</c> array of a response (absent when there is nothing).</summary>
    public static IEnumerable<JsonObject> Rows(JsonObject response) =>
        (response["answer"] as JsonArray ?? []).OfType<JsonObject>();

    private static PlatformException Missing(string name) =>
        new(PlatformErrorKind.Rejected, $"The trading platform answered without a valid {name}: its Web API version may not be supported.");
}
