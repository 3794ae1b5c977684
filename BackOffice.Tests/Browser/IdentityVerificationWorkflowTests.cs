using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Operations;
using BackOffice.Tests.Kyc;
using BackOffice.Tests.Kyc.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

[Collection("Browser")]
public sealed class IdentityVerificationWorkflowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_officer_starts_a_verification_and_the_fake_providers_final_no_reaches_the_server_through_its_own_webhook()
    {
        var app = fixture.App;
        var (id, passport) = await VerificationBook.InReviewWithPassportAsync(app);

        var officer = await fixture.SignedInPageAsync("compliance");
        await officer.GotoAsync($"/kyc/clients/{id}");
        await BrowserFixture.WaitInteractiveAsync(officer);
        await officer.ClickAsync("[data-testid='identity-start']");
        await Expect(officer.Locator("[data-testid='identity-applicant']")).ToContainTextAsync("fake-", new() { Timeout = 10_000 });

        await officer.ClickAsync("[data-testid='identity-label-FORGERY']");
        await officer.ClickAsync("[data-testid='identity-fake-final']");
        await Expect(officer.Locator("[data-testid='identity-answer']")).ToContainTextAsync("RED · FINAL", new() { Timeout = 10_000 });
        await Expect(officer.Locator("[data-testid='identity-labels']")).ToHaveTextAsync("DOCUMENT_EXPIRED, FORGERY");
        await BrowserFixture.ScreenshotAsync(officer, "kyc-identity-verification");

        // Nothing was rejected by the provider's say-so: the passport still waits for the officer, who has been alerted.
        await Expect(officer.Locator("[data-testid='requirement-status-identity']")).ToHaveTextAsync("Submitted");
        Assert.Equal(DocumentStatus.Submitted, (await KycBook.DocumentAsync(app, passport)).Status);
        Assert.True(await app.Db(db => db.Alerts.AnyAsync(a => a.Kind == AlertKinds.VerificationFinalReject && a.EntityId == id.ToString())));
        Assert.Equal(ClientStatus.PendingReview, (await Accounts.ClientBook.ClientAsync(app, id)).Status);
    }
}
