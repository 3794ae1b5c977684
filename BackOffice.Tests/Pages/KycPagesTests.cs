using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Kyc;
using BackOffice.Web.Features.Kyc;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace BackOffice.Tests.Pages;

public sealed class KycPagesTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task The_case_screen_shows_documents_checks_and_duplicates_side_by_side_and_accepts_a_document()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.PendingReview);
        var suitability = await KycBook.UploadAsync(app, id, DocumentType.Suitability);
        await KycBook.UploadAsync(app, id, DocumentType.ProofOfIdentity);
        // Another client who shares the phone number shows as a possible duplicate.
        var me = await ClientBook.ClientAsync(app, id);
        var twin = await ClientBook.RegisterAsync(app, ClientBook.Person() with { Phone = me.Phone });
        await using var page = await PageTestContext.AsAsync(app, "compliance");

        var cut = page.Context.Render<KycCasePage>(p => p.Add(x => x.ClientId, id));
        cut.WaitForElement("[data-testid='case-documents']");
        Assert.Equal("Submitted", cut.Find("[data-testid='requirement-status-suitability']").TextContent.Trim());
        Assert.Equal("Missing", cut.Find("[data-testid='requirement-status-address']").TextContent.Trim());
        Assert.Contains("Proof of address: not accepted yet", cut.Find("[data-testid='approval-checks']").TextContent);
        Assert.True(cut.Find("[data-testid='action-approve']").HasAttribute("disabled"));
        Assert.Contains("same phone number", cut.Find("[data-testid='duplicates']").TextContent);
        Assert.Contains($"/kyc/clients/{twin}", cut.Find("[data-testid='duplicates']").InnerHtml);

        cut.Find("[data-testid='requirement-suitability']").Click();
        Assert.Contains($"/kyc/documents/{suitability}/file", cut.Find("[data-testid='document-preview']").InnerHtml);
        cut.Find("[data-testid='action-accept']").Click();
        cut.WaitForAssertion(() => Assert.Equal("Accepted", cut.Find("[data-testid='requirement-status-suitability']").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Contains("Suitability questionnaire: accepted", cut.Find("[data-testid='approval-checks']").TextContent);
        Assert.Equal(DocumentStatus.Accepted, (await KycBook.DocumentAsync(app, suitability)).Status);
    }

    [Fact]
    public async Task The_upload_dialog_refuses_a_png_named_pdf_and_says_why()
    {
        var id = await ClientBook.RegisterAsync(app);
        await using var page = await PageTestContext.AsAsync(app, "support");
        var dialogs = page.Context.Render<MudDialogProvider>();
        var service = page.Context.Services.GetService(typeof(IDialogService)) as IDialogService;
        await dialogs.InvokeAsync(() => service!.ShowAsync<UploadDocumentDialog>("Upload",
            new DialogParameters<UploadDocumentDialog> { { d => d.ClientId, id }, { d => d.Kind, Core.Accounts.Clients.ClientKind.Individual } }));

        dialogs.WaitForElement("[data-testid='upload-confirm']");
        dialogs.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(KycBook.Png(), "passport.pdf"));
        dialogs.WaitForAssertion(() => Assert.Equal("passport.pdf", dialogs.Find("[data-testid='upload-file-name']").TextContent));
        dialogs.Find("[data-testid='upload-confirm']").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("named .pdf but its content is a PNG image", dialogs.Find("[data-testid='upload-error']").TextContent),
            TimeSpan.FromSeconds(5));
        Assert.Equal(0, await app.Db(db => db.KycDocuments.CountAsync(d => d.ClientId == id)));
    }

    [Fact]
    public async Task The_queue_lists_waiting_cases_oldest_first_and_claims_one()
    {
        var first = await ClientBook.InStatusAsync(app, ClientStatus.PendingReview);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await ClientBook.InStatusAsync(app, ClientStatus.PendingReview);
        await using var page = await PageTestContext.AsAsync(app, "compliance");

        var cut = page.Context.Render<ReviewQueuePage>();
        cut.WaitForElement($"[data-testid='queue-row-{second}']");
        var rows = cut.FindAll("tr[data-testid^='queue-row-']").Select(r => r.GetAttribute("data-testid")).ToList();
        Assert.True(rows.IndexOf($"queue-row-{first}") < rows.IndexOf($"queue-row-{second}"));

        cut.Find($"[data-testid='claim-{first}']").Click();
        cut.WaitForAssertion(() => Assert.Contains("Chris Compliance", cut.Find($"[data-testid='queue-row-{first}']").TextContent), TimeSpan.FromSeconds(5));
        Assert.Empty(cut.FindAll($"[data-testid='claim-{first}']"));
    }
}
