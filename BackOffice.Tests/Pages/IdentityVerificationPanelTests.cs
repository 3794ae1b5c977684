using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Infrastructure.Identity.Fake;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Kyc;
using BackOffice.Tests.Kyc.Verification;
using BackOffice.Web.Features.Kyc;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Pages;

public sealed class IdentityVerificationPanelTests(SharedApp app) : IClassFixture<SharedApp>
{
    /// <summary>The fake's verdicts reach the application's real webhook endpoint through its in-memory server.</summary>
    private sealed class AppHttp(TestApp app) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => app.CreateClient();
    }

    private Task<PageTestContext> AsAsync(string userName) => PageTestContext.AsAsync(app, userName, services =>
        services.AddSingleton(new FakeVerdicts(app.Services.GetRequiredService<FakeIdentityProvider>(), new AppHttp(app),
            app.Services.GetRequiredService<IConfiguration>())));

    [Fact]
    public async Task A_compliance_officer_starts_a_verification_and_the_fake_providers_red_retry_comes_back_through_the_webhook()
    {
        var (id, passport) = await VerificationBook.InReviewWithPassportAsync(app);
        await using var page = await AsAsync("compliance");
        var changed = 0;

        var cut = page.Context.Render<IdentityVerificationPanel>(p => p
            .Add(x => x.ClientId, id)
            .Add(x => x.Changed, EventCallback.Factory.Create(this, () => changed++)));
        cut.WaitForElement("[data-testid='identity-not-started']");
        Assert.Empty(cut.FindAll("[data-testid='identity-fake-green']"));

        cut.Find("[data-testid='identity-start']").Click();
        cut.WaitForAssertion(() => Assert.StartsWith("fake-", cut.Find("[data-testid='identity-applicant']").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Contains("Init", cut.Find("[data-testid='identity-status']").TextContent);
        Assert.Empty(cut.FindAll("[data-testid='identity-start']"));

        // Pick BLURRY instead of the preselected DOCUMENT_EXPIRED, then make the provider ask for a new document.
        cut.Find("[data-testid='identity-label-BLURRY']").Click();
        cut.Find("[data-testid='identity-label-DOCUMENT_EXPIRED']").Click();
        cut.Find("[data-testid='identity-fake-retry']").Click();

        cut.WaitForAssertion(() => Assert.Contains("RED · RETRY", cut.Find("[data-testid='identity-answer']").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal("BLURRY", cut.Find("[data-testid='identity-labels']").TextContent.Trim());
        Assert.Contains("applicantReviewed · Applied", cut.Find("[data-testid='identity-callbacks']").TextContent);
        var document = await KycBook.DocumentAsync(app, passport);
        Assert.Equal((DocumentStatus.Rejected, RejectionReason.Blurred), (document.Status, document.RejectionReason!.Value));
        Assert.Equal(ClientStatus.PendingDocuments, (await ClientBook.ClientAsync(app, id)).Status);
        Assert.Equal(2, changed);
    }

    [Fact]
    public async Task A_manager_sees_where_the_verification_stands_but_cannot_start_it_or_answer_for_the_provider()
    {
        var (id, _) = await VerificationBook.InReviewWithPassportAsync(app);
        var applicant = await VerificationBook.StartAsync(app, id);
        await using var page = await AsAsync("manager");

        var cut = page.Context.Render<IdentityVerificationPanel>(p => p.Add(x => x.ClientId, id));

        cut.WaitForAssertion(() => Assert.Equal(applicant, cut.Find("[data-testid='identity-applicant']").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Contains("none yet", cut.Find("[data-testid='identity-answer']").TextContent);
        Assert.Empty(cut.FindAll("[data-testid='identity-start']"));
        Assert.Empty(cut.FindAll("[data-testid='identity-fake-green']"));
    }
}
