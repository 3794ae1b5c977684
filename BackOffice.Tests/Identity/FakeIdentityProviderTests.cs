using BackOffice.Core.Identity;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Infrastructure.Identity.Fake;
using Microsoft.Extensions.Time.Testing;

namespace BackOffice.Tests.Identity;

public sealed class FakeIdentityProviderTests
{
    private const string Secret = "demo-webhook-secret";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly ApplicantInfo Client = new("Ana", "Pop", null, "RO", null, null);

    private static bool Verifies(SignedWebhook webhook, string secret = Secret) => VerificationWebhook.Verify(webhook.Body,
        webhook.Headers[VerificationWebhook.DigestHeader], webhook.Headers[VerificationWebhook.AlgorithmHeader], secret);

    [Fact]
    public async Task An_applicant_is_created_once_per_client()
    {
        var fake = new FakeIdentityProvider(Secret, TimeProvider.System);

        var first = await fake.CreateApplicantAsync("client-1", Client, None);
        var again = await fake.CreateApplicantAsync("client-1", Client, None);

        Assert.StartsWith("fake-", first);
        Assert.Equal(first, again);
        Assert.NotEqual(first, await fake.CreateApplicantAsync("client-2", Client, None));
        Assert.Equal(new ApplicantStatus(first, "client-1", ReviewStatus.Init, null), await fake.GetApplicantStatusAsync(first, None));
    }

    [Fact]
    public async Task An_approval_is_signed_with_the_webhook_secret_and_reads_back_green()
    {
        var fake = new FakeIdentityProvider(Secret, TimeProvider.System);
        var applicantId = await fake.CreateApplicantAsync("client-3", Client, None);

        var webhook = fake.BuildReview(applicantId, "client-3", ReviewAnswer.Green);

        Assert.True(Verifies(webhook));
        Assert.False(Verifies(webhook, "another-secret"));
        var e = VerificationWebhook.Parse(webhook.Body);
        Assert.Equal(VerificationEventType.ApplicantReviewed, e.Type);
        Assert.Equal((applicantId, "client-3"), (e.ApplicantId, e.ExternalUserId));
        Assert.True(e.Review!.Approved);
        Assert.Equal(ReviewStatus.Completed, (await fake.GetApplicantStatusAsync(applicantId, None)).Status);
    }

    [Theory]
    [InlineData(RejectType.Retry)]
    [InlineData(RejectType.Final)]
    public async Task A_rejection_carries_the_chosen_type_and_labels(RejectType rejectType)
    {
        var fake = new FakeIdentityProvider(Secret, TimeProvider.System);
        var applicantId = await fake.CreateApplicantAsync("client-4", Client, None);

        var webhook = fake.BuildReview(applicantId, "client-4", ReviewAnswer.Red, rejectType, ["DOCUMENT_EXPIRED", "BAD_PROOF_OF_ADDRESS"]);

        Assert.True(Verifies(webhook));
        var review = VerificationWebhook.Parse(webhook.Body).Review!;
        Assert.Equal((ReviewAnswer.Red, rejectType), (review.Answer, review.RejectType));
        Assert.Equal([RejectionReason.Expired, RejectionReason.AddressMismatch], review.Reasons);
        var status = await fake.GetApplicantStatusAsync(applicantId, None);
        Assert.Equal(["DOCUMENT_EXPIRED", "BAD_PROOF_OF_ADDRESS"], status.Review!.RejectLabels);
    }

    [Fact]
    public void The_same_verdict_given_twice_is_two_events_not_a_replay()
    {
        var fake = new FakeIdentityProvider(Secret, TimeProvider.System);

        var first = VerificationWebhook.Parse(fake.BuildReview("fake-1", "client-5", ReviewAnswer.Green).Body);
        var second = VerificationWebhook.Parse(fake.BuildReview("fake-1", "client-5", ReviewAnswer.Green).Body);

        Assert.NotEqual(first.EventId, second.EventId);
    }

    [Fact]
    public void A_pending_event_is_signed_too()
    {
        var webhook = new FakeIdentityProvider(Secret, TimeProvider.System).BuildPending("fake-2", "client-6");

        Assert.True(Verifies(webhook));
        Assert.Equal(VerificationEventType.ApplicantPending, VerificationWebhook.Parse(webhook.Body).Type);
    }

    [Fact]
    public void An_approval_with_labels_or_a_rejection_without_a_type_is_a_mistake()
    {
        var fake = new FakeIdentityProvider(Secret, TimeProvider.System);

        Assert.Throws<ArgumentException>(() => fake.BuildReview("fake-3", "client-7", ReviewAnswer.Green, RejectType.Retry));
        Assert.Throws<ArgumentException>(() => fake.BuildReview("fake-3", "client-7", ReviewAnswer.Red));
    }

    [Fact]
    public async Task An_unknown_applicant_is_not_found()
    {
        var e = await Assert.ThrowsAsync<IdentityProviderException>(
            () => new FakeIdentityProvider(Secret, TimeProvider.System).GetApplicantStatusAsync("fake-none", None));

        Assert.Equal(IdentityErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public async Task Applicants_survive_a_restart_when_a_state_file_is_set()
    {
        var file = Path.Combine(Path.GetTempPath(), $"identity-fake-{Guid.NewGuid():N}.json");
        try
        {
            var before = new FakeIdentityProvider(Secret, TimeProvider.System, file);
            var applicantId = await before.CreateApplicantAsync("client-8", Client, None);
            before.BuildReview(applicantId, "client-8", ReviewAnswer.Red, RejectType.Final, ["FORGERY"]);

            var after = new FakeIdentityProvider(Secret, TimeProvider.System, file);

            var status = await after.GetApplicantStatusAsync(applicantId, None);
            Assert.Equal((ReviewAnswer.Red, RejectType.Final), (status.Review!.Answer, status.Review.RejectType));
            Assert.Equal(["FORGERY"], status.Review.RejectLabels);
            Assert.Equal(applicantId, await after.CreateApplicantAsync("client-8", Client, None));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_access_token_lasts_ten_minutes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);

        var access = await new FakeIdentityProvider(Secret, clock).CreateAccessTokenAsync("client-9", None);

        Assert.StartsWith("fake-token-", access.Token);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMinutes(10), access.ExpiresAt);
    }
}
