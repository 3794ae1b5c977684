using System.Net;
using BackOffice.Core.Webhooks;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BackOffice.Tests.Http;

[Trait("Category", "Database")]
public sealed class AuditExportTests : IClassFixture<SharedApp>
{
    private readonly SharedApp _app;

    public AuditExportTests(SharedApp app) => _app = app;

    private HttpClient Client() => _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task The_audit_grid_exports_what_its_filter_shows_as_an_excel_workbook()
    {
        Must.Succeed(await _app.SendAs("admin", new AddWebhookSubscription("=CRM", "https://crm.example/hook", "*")));
        var client = Client();
        await SignIn.AsAsync(client, _app, "admin");
        var response = await client.GetAsync("/export/audit?action=AddWebhookSubscription");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var book = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var sheet = book.Worksheet("Audit trail");
        Assert.Equal(2, sheet.LastRowUsed().RowNumber()); // header + the one matching entry
        Assert.Equal("AddWebhookSubscription", sheet.Cell(2, 5).GetString());
        Assert.Contains("=CRM", sheet.Cell(2, 12).GetString(), StringComparison.Ordinal);
        Assert.Equal("AddWebhookSubscription", book.Worksheet("Summary").Cell(4, 2).GetString());
    }

    [Fact]
    public async Task Staff_without_audit_access_cannot_export_it()
    {
        var client = Client();
        await SignIn.AsAsync(client, _app, "support");
        var response = await client.GetAsync("/export/audit");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var anonymous = await Client().GetAsync("/export/audit");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}

[Trait("Category", "Database")]
public sealed class GridExportTests : IClassFixture<SharedApp>
{
    private readonly SharedApp _app;

    public GridExportTests(SharedApp app) => _app = app;

    [Fact]
    public async Task Every_administration_grid_downloads_as_a_workbook_of_what_it_shows()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SignIn.AsAsync(client, _app, "admin");
        foreach (var (path, sheet, firstHeader) in new[]
                 {
                     ("/export/staff", "Staff", "User name"), ("/export/sign-ins", "Sign-in events", "Time (UTC)"),
                     ("/export/alerts?includeResolved=true", "Alerts", "Raised (UTC)"), ("/export/webhook-deliveries", "Webhook deliveries", "Created (UTC)"),
                 })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var book = new XLWorkbook(await response.Content.ReadAsStreamAsync());
            Assert.Equal(firstHeader, book.Worksheet(sheet).Cell(1, 1).GetString());
        }
        using var staff = new XLWorkbook(await (await client.GetAsync("/export/staff")).Content.ReadAsStreamAsync());
        var userNames = staff.Worksheet("Staff").Column(1).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains("compliance2", userNames);
        Assert.Equal(11, userNames.Count); // header + the ten demo staff
    }

    [Fact]
    public async Task The_compliance_grids_download_as_workbooks()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SignIn.AsAsync(client, _app, "compliance");
        foreach (var (path, sheet, firstHeader) in new[]
                 {
                     ("/export/aml-alerts?includeClosed=true", "AML alerts", "Raised (UTC)"),
                     ("/export/screening-hits?decided=false&kind=All", "Screening hits", "Raised (UTC)"),
                 })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var book = new XLWorkbook(await response.Content.ReadAsStreamAsync());
            Assert.Equal(firstHeader, book.Worksheet(sheet).Cell(1, 1).GetString());
        }
        var support = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SignIn.AsAsync(support, _app, "support");
        Assert.NotEqual(HttpStatusCode.OK, (await support.GetAsync("/export/aml-alerts")).StatusCode);
    }
}
