using System.Net;
using System.Net.Http.Headers;
using BackOffice.Core.Accounts.Api;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Kyc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

[Collection("Browser")]
public sealed class KycReviewWorkflowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Compliance_rejects_a_blurred_passport_the_client_resubmits_through_the_api_and_is_approved_while_the_managers_counters_move()
    {
        var app = fixture.App;
        var issued = await app.SendAs("admin", new IssueApiKey("Client portal", [ApiScopes.Portal]));
        Must.Succeed(issued);
        using var portal = new HttpClient { BaseAddress = app.BaseAddress };
        portal.DefaultRequestHeaders.Add("X-Api-Key", issued.Value!.Key);
        async Task UploadAsync(long clientId, string type, byte[] content, params (string Name, string Value)[] fields)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            var form = new MultipartFormDataContent { { new StringContent(type), "type" }, { file, "file", $"{type}.pdf" } };
            foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
            var response = await portal.PostAsync($"/api/v1/clients/{clientId}/documents", form);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var id = await ClientBook.RegisterAsync(app, ClientBook.Person(email: "lena.vogel@example.com", country: "DE", lastName: "Vogel"));
        await UploadAsync(id, DocumentType.ProofOfIdentity, KycBook.Pdf("blurred photo"));
        await UploadAsync(id, DocumentType.ProofOfAddress, KycBook.Pdf("bill"));
        await UploadAsync(id, DocumentType.Suitability, KycBook.Pdf("answers"));
        Assert.Equal(ClientStatus.PendingReview, (await ClientBook.ClientAsync(app, id)).Status);
        foreach (var type in new[] { DocumentType.ProofOfAddress, DocumentType.Suitability })
        {
            var doc = await app.Db(db => db.KycDocuments.AsNoTracking().SingleAsync(d => d.ClientId == id && d.Type == type));
            await KycBook.AcceptAsync(app, doc.Id, KycBook.DataFor(type, DateTime.UtcNow));
        }

        var manager = await fixture.SignedInPageAsync("manager");
        var inReview = manager.Locator("[data-testid='badge-clients.pendingReview']");
        var awaitingDocuments = manager.Locator("[data-testid='badge-clients.pendingDocuments']");
        var queue = manager.Locator("[data-testid='badge-kyc.queue']");
        await Expect(inReview).ToHaveTextAsync("1");
        await Expect(queue).ToHaveTextAsync("1");
        await Expect(awaitingDocuments).ToHaveCountAsync(0);

        // The officer opens the case from the queue and rejects the blurred passport.
        var officer = await fixture.SignedInPageAsync("compliance");
        await officer.ClickAsync("[data-testid='nav-kyc-queue']");
        await BrowserFixture.WaitInteractiveAsync(officer);
        await officer.ClickAsync($"[data-testid='open-case-{id}']");
        await Expect(officer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/kyc/clients/{id}$"), new() { Timeout = 20_000 });
        await BrowserFixture.WaitInteractiveAsync(officer);
        await officer.ClickAsync("[data-testid='requirement-identity']");
        await Expect(officer.Locator("[data-testid='document-preview'] iframe")).ToBeVisibleAsync();
        await officer.ClickAsync("[data-testid='action-reject']");
        await officer.ClickAsync("[data-testid='reject-reason']");
        await officer.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = "Blurred or unreadable", Exact = true }).ClickAsync();
        await officer.Locator("[data-testid='reject-note']").FillAsync("The photo page cannot be read");
        await BrowserFixture.ScreenshotAsync(officer, "kyc-reject-dialog");
        await officer.ClickAsync("[data-testid='reject-confirm']");
        await Expect(officer.Locator("[data-testid='requirement-status-identity']")).ToHaveTextAsync("Rejected", new() { Timeout = 10_000 });
        await Expect(officer.Locator("[data-testid='case-status']")).ToHaveTextAsync("Pending documents");
        await Expect(awaitingDocuments).ToHaveTextAsync("1", new() { Timeout = 10_000 });
        await Expect(inReview).ToHaveCountAsync(0);
        await Expect(queue).ToHaveCountAsync(0);

        // The client sends a sharper scan from the portal; the open case screen shows it without a reload.
        await UploadAsync(id, DocumentType.ProofOfIdentity, KycBook.Pdf("sharp photo"),
            ("number", "C01X00T47"), ("issuingCountry", "DE"), ("issuedOn", "2022-05-01"), ("expiresOn", "2032-04-30"));
        await Expect(officer.Locator("[data-testid='requirement-status-identity']")).ToHaveTextAsync("Submitted", new() { Timeout = 10_000 });
        await Expect(inReview).ToHaveTextAsync("1", new() { Timeout = 10_000 });
        await Expect(queue).ToHaveTextAsync("1");
        await Expect(awaitingDocuments).ToHaveCountAsync(0);

        // The officer reads the new passport, records the name and date of birth, accepts it and approves the client.
        await officer.ClickAsync("[data-testid='requirement-identity']");
        await Expect(officer.Locator("[data-testid='document-chain']")).ToContainTextAsync("Rejected");
        await officer.Locator("input[data-testid='data-name'], [data-testid='data-name'] input").First.FillAsync("LENA VOGEL");
        var dob = officer.Locator("input[data-testid='data-dob'], [data-testid='data-dob'] input").First;
        await dob.FillAsync("1985-03-14");
        await dob.PressAsync("Tab");
        await BrowserFixture.ScreenshotAsync(officer, "kyc-case");
        await officer.ClickAsync("[data-testid='action-accept']");
        await Expect(officer.Locator("[data-testid='requirement-status-identity']")).ToHaveTextAsync("Accepted", new() { Timeout = 10_000 });
        await officer.ClickAsync("[data-testid='action-approve']");
        await officer.Locator("[data-testid='reason']").FillAsync("Identity, address and suitability verified");
        await officer.ClickAsync("[data-testid='confirm-approve']");
        await Expect(officer.Locator("[data-testid='case-status']")).ToHaveTextAsync("Approved", new() { Timeout = 10_000 });
        await Expect(inReview).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Expect(queue).ToHaveCountAsync(0);

        var passport = await app.Db(db => db.KycDocuments.AsNoTracking().SingleAsync(d => d.ClientId == id && d.Type == DocumentType.ProofOfIdentity && d.ReplacedById == null));
        Assert.Equal(("C01X00T47", "LENA VOGEL", new DateOnly(1985, 3, 14)), (passport.Number, passport.PrintedName, passport.PrintedDateOfBirth!.Value));
        Assert.NotNull(passport.ReplacesId);
    }
}
