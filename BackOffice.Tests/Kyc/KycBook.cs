using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Kyc.Documents;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Kyc;

/// <summary>Documents for tests: small but real PDF, PNG and JPEG files, uploaded and decided through the commands staff use.</summary>
public static class KycBook
{
    public static byte[] Pdf(string text = "passport") => System.Text.Encoding.ASCII.GetBytes(
        $"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% {text}\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Png() =>
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89,
    ];

    public static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0xFF, 0xD9];

    /// <summary>What a reviewer would read off a valid document of the type.</summary>
    public static DocumentData DataFor(string type, DateTime today) => DocumentType.Find(type)!.Purpose switch
    {
        DocumentPurpose.Identity => new DocumentData("P1234567", "GB", DateOnly.FromDateTime(today.AddYears(-2)), DateOnly.FromDateTime(today.AddYears(8)),
            "TEST CLIENT", new DateOnly(1985, 3, 14)),
        DocumentPurpose.Address => new DocumentData(Address: "1 Test Street, London", BillDate: DateOnly.FromDateTime(today.AddDays(-20))),
        _ => new DocumentData(),
    };

    public static async Task<long> UploadAsync(TestApp app, long clientId, string type, string user = "compliance", byte[]? content = null,
        string? fileName = null)
    {
        var result = await app.SendAs(user, new UploadDocument(clientId, type, fileName ?? $"{type}.pdf", content ?? Pdf(type)));
        Must.Succeed(result);
        return result.Value;
    }

    public static Task<KycDocument> DocumentAsync(TestApp app, long documentId) =>
        app.Db(db => db.KycDocuments.AsNoTracking().FirstAsync(d => d.Id == documentId));

    public static async Task AcceptAsync(TestApp app, long documentId, DocumentData? data = null)
    {
        var doc = await DocumentAsync(app, documentId);
        Must.Succeed(await app.SendAs("compliance", new AcceptDocument(documentId, data ?? DataFor(doc.Type, app.Clock.GetUtcNow().UtcDateTime), doc.Version)));
    }

    /// <summary>Uploads and accepts every document approval needs, so the client can be approved.</summary>
    public static async Task AcceptAllRequiredAsync(TestApp app, long clientId)
    {
        var kind = await app.Db(db => db.Clients.Where(c => c.Id == clientId).Select(c => c.Kind).FirstAsync());
        var types = await app.Db(db => db.DocumentRequirements.Where(r => r.Kind == kind && r.Active && r.RequiredForApproval).Select(r => r.DocumentType).ToListAsync());
        foreach (var type in types)
            await AcceptAsync(app, await UploadAsync(app, clientId, type));
    }

    public static ClientKind Individual => ClientKind.Individual;
}
