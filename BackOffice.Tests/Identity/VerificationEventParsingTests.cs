using System.Security.Cryptography;
using System.Text;
using BackOffice.Core.Identity;
using BackOffice.Core.Kyc.Documents;

namespace BackOffice.Tests.Identity;

public sealed class VerificationEventParsingTests
{
    private static VerificationEvent Parse(string body) => VerificationWebhook.Parse(Encoding.UTF8.GetBytes(body));

    [Fact]
    public void The_specification_body_is_a_rejection_the_client_may_resubmit()
    {
        const string body =
            """{"applicantId":"5f0c1","externalUserId":"client-42","type":"applicantReviewed","reviewResult":{"reviewAnswer":"RED","rejectLabels":["DOCUMENT_EXPIRED"],"reviewRejectType":"RETRY"}}""";

        var e = Parse(body);

        Assert.Equal(VerificationEventType.ApplicantReviewed, e.Type);
        Assert.Equal("5f0c1", e.ApplicantId);
        Assert.Equal("client-42", e.ExternalUserId);
        Assert.Equal(ReviewAnswer.Red, e.Review!.Answer);
        Assert.Equal(RejectType.Retry, e.Review.RejectType);
        Assert.Equal(["DOCUMENT_EXPIRED"], e.Review.RejectLabels);
        Assert.Equal([RejectionReason.Expired], e.Review.Reasons);
        Assert.False(e.Ignored);
    }

    [Fact]
    public void An_approval_has_no_reject_type_or_reasons()
    {
        var e = Parse("""
            {"applicantId":"a1","externalUserId":"client-7","type":"applicantReviewed","reviewStatus":"completed",
             "correlationId":"req-1","createdAtMs":"2026-01-01 10:00:00.000","reviewResult":{"reviewAnswer":"GREEN"}}
            """);

        Assert.True(e.Review!.Approved);
        Assert.Null(e.Review.RejectType);
        Assert.Empty(e.Review.RejectLabels);
        Assert.Empty(e.Review.Reasons);
        Assert.Equal(ReviewStatus.Completed, e.ReviewStatus);
        Assert.Equal("req-1", e.CorrelationId);
    }

    [Fact]
    public void A_final_rejection_keeps_every_label_and_the_reviewers_notes()
    {
        var e = Parse("""
            {"applicantId":"a2","externalUserId":"client-8","type":"applicantReviewed","reviewResult":{"reviewAnswer":"RED",
             "rejectLabels":["FORGERY","SELFIE_MISMATCH","DOCUMENT_TEMPLATE"],"reviewRejectType":"FINAL",
             "clientComment":"Edited date of birth.","moderationComment":"We could not verify your identity."}}
            """);

        Assert.Equal(RejectType.Final, e.Review!.RejectType);
        Assert.Equal(["FORGERY", "SELFIE_MISMATCH", "DOCUMENT_TEMPLATE"], e.Review.RejectLabels);
        Assert.Equal([RejectionReason.SuspectedForgery, RejectionReason.Other], e.Review.Reasons);
        Assert.Equal("Edited date of birth.", e.Review.ClientComment);
        Assert.Equal("We could not verify your identity.", e.Review.ModerationComment);
    }

    [Fact]
    public void A_rejection_without_a_known_reject_type_goes_to_compliance_as_final()
    {
        var e = Parse("""{"applicantId":"a3","type":"applicantReviewed","reviewResult":{"reviewAnswer":"RED","rejectLabels":["SPAM"]}}""");

        Assert.Equal(RejectType.Final, e.Review!.RejectType);
    }

    [Theory]
    [InlineData("applicantCreated", VerificationEventType.ApplicantCreated, "init", ReviewStatus.Init)]
    [InlineData("applicantPending", VerificationEventType.ApplicantPending, "pending", ReviewStatus.Pending)]
    [InlineData("applicantOnHold", VerificationEventType.ApplicantOnHold, "onHold", ReviewStatus.OnHold)]
    public void The_other_events_carry_the_applicant_and_its_status(string type, VerificationEventType expected, string status, ReviewStatus expectedStatus)
    {
        var e = Parse($$"""{"applicantId":"a4","externalUserId":"client-9","type":"{{type}}","reviewStatus":"{{status}}"}""");

        Assert.Equal(expected, e.Type);
        Assert.Equal(type, e.TypeName);
        Assert.Equal("a4", e.ApplicantId);
        Assert.Equal("client-9", e.ExternalUserId);
        Assert.Equal(expectedStatus, e.ReviewStatus);
        Assert.Null(e.Review);
    }

    [Theory]
    [InlineData("""{"applicantId":"a5","type":"applicantPersonalInfoChanged"}""", "applicantPersonalInfoChanged")]
    [InlineData("""{"type":"videoIdentStatusChanged"}""", "videoIdentStatusChanged")]
    [InlineData("""{"applicantId":"a5"}""", "")]
    public void An_unknown_event_is_read_to_be_acknowledged_and_ignored(string body, string typeName)
    {
        var e = Parse(body);

        Assert.Equal(VerificationEventType.Unknown, e.Type);
        Assert.True(e.Ignored);
        Assert.Equal(typeName, e.TypeName);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""["applicantReviewed"]""")]
    [InlineData("""{"type":"applicantPending"}""")]
    [InlineData("""{"applicantId":"a6","type":"applicantReviewed"}""")]
    [InlineData("""{"applicantId":"a6","type":"applicantReviewed","reviewResult":{"reviewAnswer":"YELLOW"}}""")]
    public void A_body_that_cannot_be_acted_on_is_a_format_error(string body) =>
        Assert.Throws<FormatException>(() => Parse(body));

    [Fact]
    public void The_event_id_is_the_sha256_of_the_exact_bytes_so_a_replay_has_the_same_id()
    {
        const string body = """{"applicantId":"a7","type":"applicantReviewed","reviewResult":{"reviewAnswer":"GREEN"}}""";

        var first = Parse(body);
        var replay = Parse(body);
        var other = Parse(body.Replace("a7", "a8"));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))), first.EventId);
        Assert.Equal(first.EventId, replay.EventId);
        Assert.NotEqual(first.EventId, other.EventId);
    }
}
