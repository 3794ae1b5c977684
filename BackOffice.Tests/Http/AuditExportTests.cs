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
