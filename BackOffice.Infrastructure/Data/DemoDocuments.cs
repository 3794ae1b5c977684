using System.Security.Cryptography;
using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Kyc.Review;

namespace BackOffice.Infrastructure.Data;

/// <summary>
/// The demo book's KYC files: specimen documents for every client, as far along as their status
/// says — waiting in the review queue, refused and asked again, or accepted with expiry dates.
/// </summary>
internal static class DemoDocuments
{
    private sealed record Specimen(string Key, string Sha256, long Size);

    public static async Task AddAsync(BackOfficeDb db, IDocumentFiles files, IReadOnlyList<Client> clients, (string Id, string Name) reviewer,
        Random random, DateTime now, CancellationToken ct)
    {
        // One stored specimen per document type; the demo rows share them.
        var specimens = new Dictionary<string, Specimen>();
        foreach (var type in DocumentType.All)
        {
            var bytes = SpecimenPdf.Build(type.Name, [$"Document type: {type.Name}", "Holder: demo client", $"Issued: {now.AddYears(-1):yyyy-MM-dd}"]);
            specimens[type.Code] = new(await files.SaveAsync(bytes, ct), Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);
        }
        var today = DateOnly.FromDateTime(now);
        foreach (var client in clients)
        {
            var types = DocumentType.All.Where(t => t.Kind == client.Kind).ToList();
            // Cases waiting for review arrived over the last few days, so the queue shows a working SLA rather than a backlog of years.
            var uploaded = client.Status is ClientStatus.Registered or ClientStatus.PendingReview
                ? now.AddMinutes(-random.Next(10, 60 * 72))
                : client.StatusChangedAt.AddMinutes(-random.Next(5, 600));
            if (uploaded < client.RegisteredAt) uploaded = client.RegisteredAt;
            switch (client.Status)
            {
                case ClientStatus.Registered:
                    // Some have started sending documents: those wait for review.
                    foreach (var type in types.Take(random.Next(0, types.Count)))
                        db.KycDocuments.Add(Document(client, type, specimens, DocumentStatus.Submitted, uploaded, today, random));
                    break;
                case ClientStatus.PendingReview:
                    foreach (var type in types)
                        db.KycDocuments.Add(Document(client, type, specimens, DocumentStatus.Submitted, uploaded, today, random));
                    break;
                case ClientStatus.PendingDocuments:
                    foreach (var type in types)
                    {
                        var refused = type == types[Math.Min(1, types.Count - 1)];
                        var doc = Document(client, type, specimens, refused ? DocumentStatus.Rejected : DocumentStatus.Accepted, uploaded, today, random);
                        Decide(doc, reviewer, client.StatusChangedAt, refused ? RejectionReason.Expired : null);
                        db.KycDocuments.Add(doc);
                    }
                    break;
                case ClientStatus.Approved or ClientStatus.Restricted or ClientStatus.Closed:
                    foreach (var type in types)
                    {
                        var doc = Document(client, type, specimens, DocumentStatus.Accepted, uploaded, today, random);
                        Decide(doc, reviewer, client.StatusChangedAt, null);
                        db.KycDocuments.Add(doc);
                    }
                    break;
            }
        }
        await db.SaveChangesAsync(ct);
        await AddCorporateStructuresAsync(db, clients.Where(c => c.Kind == ClientKind.Corporate).ToList(), specimens, reviewer, random, now, ct);

        foreach (var client in clients.Where(c => c.Status is ClientStatus.PendingReview or ClientStatus.Registered))
        {
            var waiting = db.KycDocuments.Local.Where(d => d.ClientId == client.Id && d.Status == DocumentStatus.Submitted).ToList();
            if (client.Status != ClientStatus.PendingReview && waiting.Count == 0) continue;
            var since = waiting.Count > 0 ? waiting.Min(d => d.UploadedAt) : now.AddMinutes(-random.Next(10, 60 * 72));
            var claimed = random.NextDouble() < 0.25;
            db.KycCases.Add(new KycCase
            {
                ClientId = client.Id,
                ClientKind = client.Kind,
                ClientCountry = client.Country,
                QueuedSince = since,
                AssigneeId = claimed ? reviewer.Id : null,
                AssigneeName = claimed ? reviewer.Name : null,
                AssignedAt = claimed ? since.AddMinutes(30) : null,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A director holding 40 % and a holding company with 60 %, owned by one person: two beneficial owners, each with a passport on file.</summary>
    private static async Task AddCorporateStructuresAsync(BackOfficeDb db, List<Client> companies, Dictionary<string, Specimen> specimens,
        (string Id, string Name) reviewer, Random random, DateTime now, CancellationToken ct)
    {
        string[] first = ["Amira", "Lars", "Priya", "Mateo", "Chloe", "Kenji", "Olu", "Sofia"];
        string[] last = ["Haddad", "Nilsson", "Raman", "Ortiz", "Martin", "Sato", "Adeyemi", "Rossi"];
        var persons = new List<(Client Client, Core.Kyc.Corporate.CorporateParty Party)>();
        foreach (var company in companies)
        {
            var director = new Core.Kyc.Corporate.CorporateParty
            {
                ClientId = company.Id, Kind = Core.Kyc.Corporate.PartyKind.Person, Name = $"{first[random.Next(first.Length)]} {last[random.Next(last.Length)]}",
                Roles = Core.Kyc.Corporate.PartyRoles.Director | Core.Kyc.Corporate.PartyRoles.Shareholder, OwnershipPercent = 40, Country = company.Country,
                DateOfBirth = new DateOnly(1960 + random.Next(30), 1 + random.Next(12), 1 + random.Next(28)), AddedAt = company.RegisteredAt,
            };
            var holding = new Core.Kyc.Corporate.CorporateParty
            {
                ClientId = company.Id, Kind = Core.Kyc.Corporate.PartyKind.Company, Name = $"{company.CompanyName.Split(' ')[0]} Holdings Ltd",
                Roles = Core.Kyc.Corporate.PartyRoles.Shareholder, OwnershipPercent = 60, Country = company.Country, AddedAt = company.RegisteredAt,
            };
            db.CorporateParties.AddRange(director, holding);
            await db.SaveChangesAsync(ct);
            var owner = new Core.Kyc.Corporate.CorporateParty
            {
                ClientId = company.Id, Kind = Core.Kyc.Corporate.PartyKind.Person, Name = $"{first[random.Next(first.Length)]} {last[random.Next(last.Length)]}",
                Roles = Core.Kyc.Corporate.PartyRoles.Shareholder, HoldsInPartyId = holding.Id, OwnershipPercent = 100, Country = company.Country,
                DateOfBirth = new DateOnly(1955 + random.Next(30), 1 + random.Next(12), 1 + random.Next(28)), AddedAt = company.RegisteredAt,
            };
            db.CorporateParties.Add(owner);
            persons.Add((company, director));
            persons.Add((company, owner));
        }
        await db.SaveChangesAsync(ct);
        var identity = DocumentType.Find(DocumentType.ProofOfIdentity)!;
        foreach (var (company, person) in persons)
        {
            var decided = company.Status is ClientStatus.Approved or ClientStatus.Restricted or ClientStatus.Closed;
            var doc = Document(company, identity, specimens, decided ? DocumentStatus.Accepted : DocumentStatus.Submitted, company.StatusChangedAt, DateOnly.FromDateTime(now), random);
            doc.RelatedPartyId = person.Id;
            if (decided)
            {
                doc.PrintedName = person.Name.ToUpperInvariant();
                doc.PrintedDateOfBirth = person.DateOfBirth;
                Decide(doc, reviewer, company.StatusChangedAt, null);
            }
            db.KycDocuments.Add(doc);
        }
        await db.SaveChangesAsync(ct);
    }

    private static KycDocument Document(Client client, DocumentType type, Dictionary<string, Specimen> specimens, DocumentStatus status, DateTime uploaded,
        DateOnly today, Random random)
    {
        var specimen = specimens[type.Code];
        var doc = new KycDocument
        {
            ClientId = client.Id,
            Type = type.Code,
            Status = status,
            Source = random.NextDouble() < 0.8 ? "portal" : "staff",
            UploadedBy = "portal",
            UploadedAt = uploaded,
            FileName = $"{type.Code}.pdf",
            ContentType = DocumentFile.Pdf,
            Size = specimen.Size,
            Sha256 = specimen.Sha256,
            StorageKey = specimen.Key,
        };
        if (type.NeedsIdentityData && status != DocumentStatus.Submitted)
            doc.Record(new DocumentData($"{(char)('A' + random.Next(26))}{random.Next(1_000_000, 9_999_999)}", client.Nationality ?? client.Country,
                today.AddDays(-random.Next(100, 3000)), today.AddDays(random.Next(5, 3000)), $"{client.FirstName} {client.LastName}".ToUpperInvariant(),
                client.DateOfBirth));
        if (type.NeedsBillDate && status != DocumentStatus.Submitted)
            doc.Record(new DocumentData(Address: $"{client.AddressLine}, {client.City}", BillDate: DateOnly.FromDateTime(uploaded).AddDays(-random.Next(5, 60))));
        return doc;
    }

    private static void Decide(KycDocument doc, (string Id, string Name) reviewer, DateTime at, RejectionReason? reason)
    {
        doc.ReviewerId = reviewer.Id;
        doc.ReviewerName = reviewer.Name;
        doc.ReviewedAt = at;
        doc.RejectionReason = reason;
        doc.ReviewNote = reason is null ? null : "Utility bill older than three months";
    }
}
