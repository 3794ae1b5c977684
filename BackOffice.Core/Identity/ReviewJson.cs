using System.Text.Json.Nodes;

namespace BackOffice.Core.Identity;

/// <summary>
/// Reads the provider's review fields, which come in the same shape in webhooks and in its API
/// answers: <c>reviewStatus</c> and a <c>reviewResult</c> object.
/// </summary>
public static class ReviewJson
{
    public static string? Text(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    public static ReviewStatus Status(string? value) => value switch
    {
        "init" => ReviewStatus.Init,
        "pending" => ReviewStatus.Pending,
        "prechecked" => ReviewStatus.Prechecked,
        "queued" => ReviewStatus.Queued,
        "completed" => ReviewStatus.Completed,
        "onHold" => ReviewStatus.OnHold,
        _ => ReviewStatus.Unknown,
    };

    /// <summary>
    /// The verdict in a <c>reviewResult</c> object, or null when there is none (or its answer is
    /// neither GREEN nor RED). A RED without a known reject type is read as FINAL: nothing is sent
    /// back to the client automatically, compliance looks at it.
    /// </summary>
    public static ReviewResult? Result(JsonNode? reviewResult)
    {
        ReviewAnswer? answer = Text(reviewResult, "reviewAnswer") switch
        {
            "GREEN" => ReviewAnswer.Green,
            "RED" => ReviewAnswer.Red,
            _ => null,
        };
        if (answer is null) return null;
        RejectType? rejectType = answer == ReviewAnswer.Green ? null
            : Text(reviewResult, "reviewRejectType") == "RETRY" ? RejectType.Retry : RejectType.Final;
        var labels = (reviewResult!["rejectLabels"] as JsonArray ?? [])
            .Select(l => l is JsonValue v && v.TryGetValue<string>(out var s) ? s : null)
            .OfType<string>()
            .ToList();
        return new ReviewResult(answer.Value, rejectType, labels,
            Text(reviewResult, "clientComment"), Text(reviewResult, "moderationComment"));
    }
}
