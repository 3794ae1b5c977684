using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Kyc.Review;
using BackOffice.Core.Webhooks;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Kyc.Documents;

[Trait("Category", "Database")]
public sealed class DocumentReviewTests(SharedApp app) : IClassFixture<SharedApp>
{
    private Task<Result<long>> FromPortal(long clientId, string type, byte[]? content = null, string? fileName = null) =>
        app.Scopes.SendAsAsync(new UploadDocumentFromApi(clientId, type, fileName ?? $"{type}.pdf", content ?? KycBook.Pdf(type)), Actor.System("client-api"));

    [Fact]
    public async Task A_blurred_identity_document_is_rejected_resubmitted_re_reviewed_accepted_and_the_client_approved()
    {
        Must.Succeed(await app.SendAs("admin", new AddWebhookSubscription("CRM", "https://crm.example/hook", "kyc.document_rejected")));
        var id = await ClientBook.RegisterAsync(app);

        // The client sends everything: the application is complete and goes to review by itself.
        var identity = (await FromPortal(id, DocumentType.ProofOfIdentity)).Value;
        var address = (await FromPortal(id, DocumentType.ProofOfAddress, KycBook.Png(), "bill.png")).Value;
        Assert.Equal(ClientStatus.Registered, (await ClientBook.ClientAsync(app, id)).Status);
        var suitability = (await FromPortal(id, DocumentType.Suitability, KycBook.Jpeg(), "answers.jpg")).Value;
        Assert.Equal(ClientStatus.PendingReview, (await ClientBook.ClientAsync(app, id)).Status);
        var queue = await app.QueryAs("compliance", new ReviewQueue(new ReviewQueueFilter()));
        var row = Assert.Single(queue.Items, r => r.ClientId == id);
        Assert.Equal(3, row.DocumentsWaiting);

        Must.Succeed(await app.SendAs("compliance", new ClaimKycCase(id)));
        var claimedByOther = Must.Fail(await app.SendAs("compliance2", new ClaimKycCase(id)), "case.claimed");
        Assert.Contains("already working on this case", claimedByOther.Message);

        await KycBook.AcceptAsync(app, address);
        await KycBook.AcceptAsync(app, suitability);
        var doc = await KycBook.DocumentAsync(app, identity);
        Must.Succeed(await app.SendAs("compliance", new RejectDocument(identity, RejectionReason.Blurred, "Photo page unreadable", doc.Version)));

        // Rejected: the client is asked for documents and told why, through the outbox.
        var client = await ClientBook.ClientAsync(app, id);
        Assert.Equal(ClientStatus.PendingDocuments, client.Status);
        Assert.Contains("blurred", client.StatusReason);
        var told = await app.Db(db => db.Outbox.Where(m => m.EventType == "kyc.document_rejected" && m.Payload.Contains($"\"clientId\":{id},")).Select(m => m.Payload).SingleAsync());
        Assert.Contains("could not be accepted", told);
        Must.Fail(await app.SendAs("compliance", new ApproveClient(id, "try")), "client.illegal_transition");

        // The client resubmits through the portal: the new document links to the rejected one, and the case is back in review.
        var resubmitted = (await FromPortal(id, DocumentType.ProofOfIdentity, KycBook.Pdf("sharper scan"), "passport-2.pdf")).Value;
        Assert.Equal(identity, (await KycBook.DocumentAsync(app, resubmitted)).ReplacesId);
        Assert.Equal(resubmitted, (await KycBook.DocumentAsync(app, identity)).ReplacedById);
        Assert.Equal(ClientStatus.PendingReview, (await ClientBook.ClientAsync(app, id)).Status);

        var view = (await app.QueryAs("compliance", new GetKycCase(id)))!;
        var chain = view.ChainOf(view.Documents.Single(d => d.Id == resubmitted));
        Assert.Equal([identity, resubmitted], chain.Select(d => d.Id));
        Assert.Equal(DocumentStatus.Rejected, chain[0].Status);
        Assert.Contains(view.ApprovalChecks, c => c is { Name: "Proof of identity", Passed: false });

        var refused = Must.Fail(await app.SendAs("compliance", new ApproveClient(id, "looks fine")), "client.kyc_incomplete");
        Assert.Contains("proof of identity — not accepted yet", refused.Message);
        Assert.DoesNotContain("proof of address", refused.Message);

        await KycBook.AcceptAsync(app, resubmitted);
        Must.Succeed(await app.SendAs("compliance", new ApproveClient(id, "Documents verified")));
        Assert.Equal(ClientStatus.Approved, (await ClientBook.ClientAsync(app, id)).Status);
        Assert.DoesNotContain((await app.QueryAs("compliance", new ReviewQueue(new ReviewQueueFilter()))).Items, r => r.ClientId == id);
    }

    [Fact]
    public async Task Each_refused_upload_says_why_and_stores_nothing()
    {
        var id = await ClientBook.RegisterAsync(app);
        var exe = "MZ\x90\0 this program cannot be run in DOS mode"u8.ToArray();
        var cases = new (string Name, byte[] Content, string Expect)[]
        {
            ("passport.pdf", exe, "not a PDF, JPEG or PNG"),
            ("passport.pdf", KycBook.Png(), "named .pdf but its content is a PNG image"),
            ("passport.pdf", new byte[11 * 1024 * 1024].Also(b => "%PDF-"u8.CopyTo(b)), "the limit is 10 MB"),
            ("passport.php.pdf", KycBook.Pdf(), "two extensions"),
            ("passport.pdf.exe", KycBook.Pdf(), "Only PDF, JPEG and PNG"),
            ("../../etc/passwd.pdf", KycBook.Pdf(), "path characters"),
            ("C:\\scans\\passport.pdf", KycBook.Pdf(), "path characters"),
            ("passport.pdf", [], "empty"),
        };
        var filesBefore = StoredFiles();
        foreach (var (name, content, expect) in cases)
        {
            var error = Must.Fail(await app.SendAs("compliance", new UploadDocument(id, DocumentType.ProofOfIdentity, name, content)), "validation");
            Assert.Contains(expect, error.Fields!["File"].Single());
        }
        var wrongKind = Must.Fail(await app.SendAs("compliance", new UploadDocument(id, DocumentType.Incorporation, "cert.pdf", KycBook.Pdf())));
        Assert.Contains("corporate clients", wrongKind.Message);
        var backwards = Must.Fail(await app.SendAs("compliance", new UploadDocument(id, DocumentType.ProofOfIdentity, "p.pdf", KycBook.Pdf(),
            new DocumentData(IssuedOn: new DateOnly(2024, 1, 1), ExpiresOn: new DateOnly(2023, 1, 1)))), "validation");
        Assert.Contains("expiry date must be after the issue date", backwards.Message);

        Assert.Equal(0, await app.Db(db => db.KycDocuments.CountAsync(d => d.ClientId == id)));
        Assert.Equal(filesBefore, StoredFiles());
    }

    private int StoredFiles() => Directory.Exists(app.DocumentsFolder) ? Directory.GetFiles(app.DocumentsFolder, "*", SearchOption.AllDirectories).Length : 0;

    [Fact]
    public async Task Files_are_encrypted_at_rest_and_read_back_for_staff_with_permission_only()
    {
        var id = await ClientBook.RegisterAsync(app);
        var content = KycBook.Pdf("secret passport page");
        var docId = await KycBook.UploadAsync(app, id, DocumentType.ProofOfIdentity, content: content);
        var doc = await KycBook.DocumentAsync(app, docId);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), doc.Sha256);
        Assert.Equal(DocumentFile.Pdf, doc.ContentType);

        var onDisk = Directory.GetFiles(app.DocumentsFolder, "*", SearchOption.AllDirectories).Single(f => f.EndsWith(doc.StorageKey));
        var stored = await File.ReadAllBytesAsync(onDisk);
        Assert.Equal(-1, stored.AsSpan().IndexOf("secret passport page"u8));

        var file = await app.QueryAs("compliance", new GetDocumentFile(docId));
        Assert.Equal(content, file!.Content);
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.QueryAs("finance", new GetDocumentFile(docId)));
    }

    [Fact]
    public async Task Accepting_needs_the_data_of_the_document_and_refuses_an_expired_one_or_an_old_bill()
    {
        var id = await ClientBook.RegisterAsync(app);
        var identity = await KycBook.UploadAsync(app, id, DocumentType.ProofOfIdentity);
        var doc = await KycBook.DocumentAsync(app, identity);
        var missing = Must.Fail(await app.SendAs("compliance", new AcceptDocument(identity, null, doc.Version)), "document.data_missing");
        Assert.Contains("the document number", missing.Message);

        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var expired = new DocumentData("X1", "GB", today.AddYears(-10), today.AddDays(-1), "TEST CLIENT", new DateOnly(1985, 3, 14));
        Must.Fail(await app.SendAs("compliance", new AcceptDocument(identity, expired, doc.Version)), "document.expired");
        Assert.Equal(DocumentStatus.Submitted, (await KycBook.DocumentAsync(app, identity)).Status);

        var address = await KycBook.UploadAsync(app, id, DocumentType.ProofOfAddress);
        var bill = await KycBook.DocumentAsync(app, address);
        var old = Must.Fail(await app.SendAs("compliance", new AcceptDocument(address, new DocumentData(Address: "1 Old Road", BillDate: today.AddDays(-120)), bill.Version)),
            "document.too_old");
        Assert.Contains("more than 90 days ago", old.Message);

        // A page opened before a colleague's change cannot overwrite it.
        Must.Succeed(await app.SendAs("compliance", new RecordDocumentData(address, new DocumentData(Address: "2 New Road"), bill.Version)));
        Must.Fail(await app.SendAs("compliance2", new RejectDocument(address, RejectionReason.AddressMismatch, null, bill.Version)), "conflict");
    }

    [Fact]
    public async Task A_renewal_keeps_the_old_document_valid_until_the_new_one_is_accepted()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Approved);
        var old = await app.Db(db => db.KycDocuments.Where(d => d.ClientId == id && d.Type == DocumentType.ProofOfIdentity).Select(d => d.Id).SingleAsync());
        var renewal = await KycBook.UploadAsync(app, id, DocumentType.ProofOfIdentity);
        Assert.Equal(DocumentStatus.Accepted, (await KycBook.DocumentAsync(app, old)).Status);
        Assert.Equal(ClientStatus.Approved, (await ClientBook.ClientAsync(app, id)).Status);

        var stale = Must.Fail(await app.SendAs("compliance", new UploadDocument(id, DocumentType.ProofOfIdentity, "again.pdf", KycBook.Pdf(), ReplacesId: old)),
            "document.not_latest");
        Assert.Contains($"the latest is document {renewal}", stale.Message);

        await KycBook.AcceptAsync(app, renewal);
        Assert.Equal(DocumentStatus.Superseded, (await KycBook.DocumentAsync(app, old)).Status);
    }

    [Fact]
    public async Task The_queue_filters_by_kind_country_and_assignee_and_marks_late_cases()
    {
        var gb = await ClientBook.InStatusAsync(app, ClientStatus.PendingReview);
        app.Clock.Advance(TimeSpan.FromHours(30));
        var de = await ClientBook.RegisterAsync(app, ClientBook.Person(country: "DE"));
        Must.Succeed(await app.SendAs("compliance", new SubmitClientForReview(de, "complete")));
        Must.Succeed(await app.SendAs("compliance", new ClaimKycCase(de)));

        async Task<long[]> Queue(ReviewQueueFilter filter) =>
            (await app.QueryAs("compliance", new ReviewQueue(filter, Take: 200))).Items.Select(r => r.ClientId).Where(c => c == gb || c == de).ToArray();
        var all = await app.QueryAs("compliance", new ReviewQueue(new ReviewQueueFilter(), Take: 200));
        Assert.Equal([gb, de], await Queue(new ReviewQueueFilter()));
        Assert.True(all.Items.Single(r => r.ClientId == gb).Late);
        Assert.False(all.Items.Single(r => r.ClientId == de).Late);
        Assert.True(all.Late >= 1);

        Assert.Equal([de], await Queue(new ReviewQueueFilter { Country = "DE" }));
        Assert.Equal([de], await Queue(new ReviewQueueFilter { Assignee = QueueAssignee.Mine }));
        Assert.Equal([gb], await Queue(new ReviewQueueFilter { Assignee = QueueAssignee.Unassigned }));
        Assert.Empty(await Queue(new ReviewQueueFilter { Kind = ClientKind.Corporate }));

        // Only a holder of the review permission can be given a case.
        var financeId = await app.Db(db => db.Users.Where(u => u.UserName == "finance").Select(u => u.Id).SingleAsync());
        Must.Fail(await app.SendAs("compliance", new AssignKycCase(gb, financeId, "cover")), "case.assignee_cannot_review");
    }
}

internal static class ArrayAlso
{
    public static byte[] Also(this byte[] bytes, Action<byte[]> fill)
    {
        fill(bytes);
        return bytes;
    }
}
