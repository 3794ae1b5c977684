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

public sealed class KycRiskPanelsTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task The_risk_panel_explains_each_factor_and_the_edd_panel_signs_off_once_every_item_is_done()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.PendingReview);
        Must.Succeed(await app.SendAs("compliance", new Core.Kyc.Risk.RecordClientDeclaration(id, Core.Kyc.Risk.SourceOfFunds.Salary, 20_000, "Diplomat",
            Core.Kyc.Risk.OccupationCategory.Employed, IsPep: true)));
        var edd = await app.Db(db => db.EddCases.AsNoTracking().SingleAsync(e => e.ClientId == id));
        foreach (var item in Enum.GetValues<Core.Kyc.Edd.EddItem>().Skip(1))
        {
            var current = await app.Db(db => db.EddCases.AsNoTracking().SingleAsync(e => e.Id == edd.Id));
            Must.Succeed(await app.SendAs("compliance", new Core.Kyc.Edd.UpdateEddItem(edd.Id, item, true, "seen", current.Version)));
        }
        await using var page = await PageTestContext.AsAsync(app, "compliance");
        var dialogs = page.Context.Render<MudDialogProvider>();

        var cut = page.Context.Render<KycCasePage>(p => p.Add(x => x.ClientId, id));
        cut.WaitForElement("[data-testid='risk-panel']");
        Assert.Equal("High", cut.Find("[data-testid='risk-level']").TextContent.Trim());
        Assert.Contains("politically exposed person", cut.Find("[data-testid='risk-factors']").TextContent);
        Assert.Contains("Risk and due diligence: High", cut.Find("[data-testid='approval-checks']").TextContent);
        Assert.True(cut.Find("[data-testid='action-edd-sign-off']").HasAttribute("disabled"));

        cut.Find("input[data-testid='edd-SourceOfWealthEvidence'], [data-testid='edd-SourceOfWealthEvidence'] input").Change(true);
        dialogs.WaitForElement("[data-testid='reason']").Input("Inheritance, probate papers seen");
        dialogs.Find("[data-testid='confirm-edd-item']").Click();
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid='action-edd-sign-off']").HasAttribute("disabled")), TimeSpan.FromSeconds(5));
        cut.Find("[data-testid='action-edd-sign-off']").Click();
        dialogs.WaitForElement("[data-testid='reason']").Input("All evidence on file");
        dialogs.Find("[data-testid='confirm-edd-sign-off']").Click();
        cut.WaitForAssertion(() => Assert.Contains("Signed off by Chris Compliance", cut.Find("[data-testid='edd-status']").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal(Core.Kyc.Edd.EddStatus.SignedOff, (await app.Db(db => db.EddCases.AsNoTracking().SingleAsync(e => e.Id == edd.Id))).Status);
    }
}
