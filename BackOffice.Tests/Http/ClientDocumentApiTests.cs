using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BackOffice.Core.Accounts.Api;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Kyc;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Http;

[Trait("Category", "Database")]
public sealed class ClientDocumentApiTests(SharedApp app) : IClassFixture<SharedApp>
{
    private async Task<HttpClient> PortalAsync()
    {
        var issued = await app.SendAs("admin", new IssueApiKey("Client portal", [ApiScopes.Portal]));
        Must.Succeed(issued);
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", issued.Value!.Key);
        return http;
    }

    private static MultipartFormDataContent Form(string type, byte[] content, string fileName, string declared = "application/pdf")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(declared);
        return new MultipartFormDataContent { { new StringContent(type), "type" }, { file, "file", fileName } };
    }

    [Fact]
    public async Task The_portal_uploads_the_documents_the_client_goes_to_review_and_a_refused_one_is_explained()
    {
        using var http = await PortalAsync();
        var id = await ClientBook.RegisterAsync(app);
        foreach (var type in new[] { DocumentType.ProofOfIdentity, DocumentType.ProofOfAddress, DocumentType.Suitability })
        {
            var response = await http.PostAsync($"/api/v1/clients/{id}/documents", Form(type, KycBook.Pdf(type), $"{type}.pdf"));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        Assert.Equal(ClientStatus.PendingReview, (await ClientBook.ClientAsync(app, id)).Status);
        var identity = await app.Db(db => db.KycDocuments.FirstAsync(d => d.ClientId == id && d.Type == DocumentType.ProofOfIdentity));
        Assert.Equal("portal", identity.Source);
        Assert.StartsWith("portal", identity.UploadedBy);

        Must.Succeed(await app.SendAs("compliance", new RejectDocument(identity.Id, RejectionReason.Expired, null, identity.Version)));
        var states = await http.GetFromJsonAsync<JsonElement>($"/api/v1/clients/{id}/documents");
        var state = states.EnumerateArray().Single(s => s.GetProperty("type").GetString() == DocumentType.ProofOfIdentity);
        Assert.Equal("Rejected", state.GetProperty("status").GetString());
        Assert.Equal("Please upload a new proof of identity: the document has expired.", state.GetProperty("message").GetString());
        Assert.DoesNotContain("P1234567", states.GetRawText());
    }

    [Fact]
    public async Task Disguised_oversize_or_unlabelled_uploads_are_refused_with_a_clear_message_and_nothing_is_stored()
    {
        using var http = await PortalAsync();
        var id = await ClientBook.RegisterAsync(app);

        var disguised = await http.PostAsync($"/api/v1/clients/{id}/documents", Form("identity", "<html><script>alert(1)</script></html>"u8.ToArray(), "passport.pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, disguised.StatusCode);
        Assert.Contains("not a PDF, JPEG or PNG", await disguised.Content.ReadAsStringAsync());

        var big = new byte[10 * 1024 * 1024 + 1];
        "%PDF-"u8.CopyTo(big);
        var oversize = await http.PostAsync($"/api/v1/clients/{id}/documents", Form("identity", big, "passport.pdf"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversize.StatusCode);

        var json = await http.PostAsJsonAsync($"/api/v1/clients/{id}/documents", new { type = "identity" });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);

        var noFile = await http.PostAsync($"/api/v1/clients/{id}/documents", new MultipartFormDataContent { { new StringContent("identity"), "type" } });
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);

        using var anonymous = app.CreateClient();
        var unauthorised = await anonymous.PostAsync($"/api/v1/clients/{id}/documents", Form("identity", KycBook.Pdf(), "passport.pdf"));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);

        Assert.Equal(0, await app.Db(db => db.KycDocuments.CountAsync(d => d.ClientId == id)));
    }
}
