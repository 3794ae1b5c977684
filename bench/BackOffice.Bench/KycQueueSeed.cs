using System.Diagnostics;
using System.Globalization;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Kyc.Risk;
using static BackOffice.Bench.ClientBookSeed;

namespace BackOffice.Bench;

/// <summary>
/// The compliance side of a seeded book, written like <see cref="ClientBookSeed"/> with prepared
/// INSERTs straight into the app's tables. 4 % of clients wait in the review queue, queued over the
/// 7 days before <see cref="ClientBookSeed.Now"/>, a quarter of them claimed by one of the two
/// compliance officers; each uploaded 1–5 documents. As the app keeps them, at most one document per
/// type waits: a second upload of a type superseded the first. 60 % of clients had their three
/// documents accepted, one in ten of them after a rejected proof of address. Every client with a
/// document has a case; only the queued ones have <c>QueuedSince</c>. The same book always gets the
/// same rows.
/// </summary>
public static class KycQueueSeed
{
    public const double QueuedShare = 0.04;
    public const double AssignedShare = 0.25;
    public const double ReviewedShare = 0.60;
    public const double RejectedFirstShare = 0.10;
    public static readonly string[] Officers = ["compliance", "compliance2"];

    private static readonly string[] IndividualTypes = [DocumentType.ProofOfIdentity, DocumentType.ProofOfAddress, DocumentType.Suitability];

    private static readonly string[] CorporateTypes =
    [
        DocumentType.Incorporation, DocumentType.ShareholderRegister, DocumentType.DirectorRegister, DocumentType.BeneficialOwnership,
        DocumentType.BoardAuthorisation,
    ];

    public sealed record Seeded(long Cases, long Queued, long Documents, TimeSpan Inserting, TimeSpan Indexing, TimeSpan Analysing);

    private sealed record Doc(long Id, string Type, DocumentStatus Status, DateTime UploadedAt, long? ReplacesId = null, long? ReplacedById = null,
        DateTime? ReviewedAt = null, RejectionReason? Rejection = null);

    /// <summary>How many KYC cases a database file holds.</summary>
    public static long Cases(string databaseFile)
    {
        using var connection = Open(databaseFile);
        return Scalar(connection, "SELECT COUNT(*) FROM KycCases");
    }

    public static Seeded Seed(string databaseFile)
    {
        using var connection = Open(databaseFile);
        Execute(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -400000; PRAGMA temp_store = MEMORY;");
        // A kept file an interrupted run left half seeded starts again.
        Execute(connection, "DELETE FROM KycDocuments; DELETE FROM KycCases;");
        var officers = Officers.Select(user => (Id: Strings(connection, $"SELECT Id FROM AspNetUsers WHERE UserName = '{user}'")[0],
            Name: Strings(connection, $"SELECT DisplayName FROM AspNetUsers WHERE UserName = '{user}'")[0])).ToArray();
        var indexes = DropIndexes(connection, "KycCases", "KycDocuments");

        var insertCase = Prepare(connection, """
            INSERT INTO KycCases (ClientId, QueuedSince, AssigneeId, AssigneeName, AssignedAt, RiskLevel, ScoredLevel, RiskPoints, RiskAssessedAt, Version)
            VALUES ($client, $queued, $assignee, $assigneeName, $assigned, $level, $scored, $points, $assessed, 0)
            """);
        var insertDocument = Prepare(connection, """
            INSERT INTO KycDocuments (Id, ClientId, Type, Status, Source, UploadedBy, UploadedAt, FileName, ContentType, Size, Sha256, StorageKey,
                ReplacesId, ReplacedById, Number, IssuingCountry, ExpiresOn, PrintedName, Address, BillDate, ReviewerId, ReviewerName, ReviewedAt,
                RejectionReason, ProviderVerified, Version)
            VALUES ($id, $client, $type, $status, $source, $uploadedBy, $uploaded, $file, $contentType, $size, $sha, $key,
                $replaces, $replacedBy, $number, $country, $expires, $printed, $address, $bill, $reviewer, $reviewerName, $reviewed,
                $reason, 0, 0)
            """);

        var random = new Random(2027);
        var inserting = Stopwatch.StartNew();
        long cases = 0, queued = 0, documentId = 0;
        var transaction = connection.BeginTransaction();
        using (var read = connection.CreateCommand())
        {
            // Read whole before writing: the rows are few enough to hold (a million short tuples).
            read.CommandText = "SELECT Id, Kind, Country, DisplayName, RegisteredAt, AddressLine, City FROM Clients ORDER BY Id";
            read.Transaction = transaction;
            var clients = new List<(long Id, bool Corporate, string Country, string Name, DateTime Registered, string Address)>();
            using (var reader = read.ExecuteReader())
                while (reader.Read())
                    clients.Add((reader.GetInt64(0), reader.GetString(1) == "Corporate", reader.GetString(2), reader.GetString(3),
                        DateTime.SpecifyKind(DateTime.Parse(reader.GetString(4), CultureInfo.InvariantCulture), DateTimeKind.Utc),
                        $"{reader.GetString(5)}, {reader.GetString(6)}"));

            foreach (var client in clients)
            {
                var types = client.Corporate ? CorporateTypes : IndividualTypes;
                var isQueued = random.NextDouble() < QueuedShare;
                var reviewed = random.NextDouble() < ReviewedShare;
                var documents = new List<Doc>();
                if (reviewed)
                {
                    var uploaded = client.Registered.AddDays(random.NextDouble() * Math.Min(14, (Now - client.Registered).TotalDays / 2));
                    foreach (var type in types.Take(3))
                    {
                        var decided = Before(uploaded.AddHours(1 + random.NextDouble() * 47), Now);
                        if (type == DocumentType.ProofOfAddress && random.NextDouble() < RejectedFirstShare)
                        {
                            documents.Add(new Doc(++documentId, type, DocumentStatus.Rejected, uploaded, ReplacedById: documentId + 1, ReviewedAt: decided,
                                Rejection: random.Next(3) switch { 0 => RejectionReason.Expired, 1 => RejectionReason.Blurred, _ => RejectionReason.AddressMismatch }));
                            documents.Add(new Doc(++documentId, type, DocumentStatus.Accepted, Before(decided.AddHours(2), Now), ReplacesId: documentId - 1,
                                ReviewedAt: Before(decided.AddHours(3 + random.NextDouble() * 45), Now)));
                        }
                        else
                            documents.Add(new Doc(++documentId, type, DocumentStatus.Accepted, uploaded, ReviewedAt: decided));
                    }
                }
                DateTime? queuedSince = null;
                if (isQueued)
                {
                    queuedSince = Later(Now.AddMinutes(-random.NextDouble() * 7 * 24 * 60), client.Registered.AddMinutes(5));
                    var uploads = random.Next(1, 6);
                    var waiting = new Dictionary<string, int>();
                    for (var u = 0; u < uploads; u++)
                    {
                        var type = types[random.Next(types.Length)];
                        var at = u == 0 ? queuedSince.Value : queuedSince.Value.AddMinutes(random.NextDouble() * (Now - queuedSince.Value).TotalMinutes);
                        // A new upload of a type still waiting supersedes the waiting one.
                        if (waiting.TryGetValue(type, out var earlier))
                            documents[earlier] = documents[earlier] with { Status = DocumentStatus.Superseded, ReplacedById = documentId + 1 };
                        documents.Add(new Doc(++documentId, type, DocumentStatus.Submitted, at,
                            ReplacesId: waiting.TryGetValue(type, out var replaced) ? documents[replaced].Id : null));
                        waiting[type] = documents.Count - 1;
                    }
                    queued++;
                }
                if (documents.Count == 0) continue;

                var officer = officers[random.Next(officers.Length)];
                var assigned = isQueued && random.NextDouble() < AssignedShare;
                var level = reviewed ? random.NextDouble() switch { < 0.7 => RiskLevel.Low, < 0.95 => RiskLevel.Medium, _ => RiskLevel.High } : (RiskLevel?)null;
                Run(insertCase, transaction, client.Id, queuedSince is { } q ? Time(q) : null,
                    assigned ? officer.Id : null, assigned ? officer.Name : null,
                    assigned ? Time(queuedSince!.Value.AddMinutes(random.NextDouble() * (Now - queuedSince.Value).TotalMinutes)) : null,
                    level?.ToString(), level?.ToString(), level switch { RiskLevel.Low => 10, RiskLevel.Medium => 35, RiskLevel.High => 70, _ => 0 },
                    reviewed ? Time(documents.Where(d => d.ReviewedAt is not null).Max(d => d.ReviewedAt!.Value)) : null);
                cases++;

                foreach (var d in documents)
                {
                    var identity = d.Type == DocumentType.ProofOfIdentity;
                    var address = d.Type == DocumentType.ProofOfAddress;
                    var decided = d.ReviewedAt is not null;
                    var bytes = new byte[32];
                    random.NextBytes(bytes);
                    var pdf = random.NextDouble() < 0.6;
                    Run(insertDocument, transaction, d.Id, client.Id, d.Type, d.Status.ToString(), random.NextDouble() < 0.8 ? "portal" : "staff",
                        client.Name, Time(d.UploadedAt), $"{d.Type}-{d.Id}.{(pdf ? "pdf" : "jpg")}", pdf ? "application/pdf" : "image/jpeg",
                        random.Next(80_000, 4_000_000), Convert.ToHexStringLower(bytes), new Guid(bytes.AsSpan(0, 16)).ToString("N"),
                        d.ReplacesId, d.ReplacedById,
                        identity && decided ? $"{client.Country}{random.Next(10_000_000, 99_999_999)}" : null,
                        identity && decided ? client.Country : null,
                        identity && decided ? DateOnly.FromDateTime(d.UploadedAt.AddYears(random.Next(2, 10))).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                        identity && decided ? client.Name : null,
                        address && decided ? client.Address : null,
                        address && decided ? DateOnly.FromDateTime(d.UploadedAt.AddDays(-random.Next(5, 60))).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                        decided ? officer.Id : null, decided ? officer.Name : null, decided ? Time(d.ReviewedAt!.Value) : null,
                        d.Rejection?.ToString());
                }

                if (cases % 100_000 == 0)
                {
                    transaction.Commit();
                    transaction.Dispose();
                    transaction = connection.BeginTransaction();
                    Console.WriteLine($"  {cases:N0} cases, {documentId:N0} documents ({Stats.F(inserting.Elapsed.TotalSeconds, "0.0")} s)");
                }
            }
        }
        transaction.Commit();
        transaction.Dispose();
        inserting.Stop();
        insertCase.Dispose();
        insertDocument.Dispose();

        var indexing = Stopwatch.StartNew();
        // The queue filters on the client's kind and country as the case keeps them (KycQueue.Follow).
        Execute(connection, """
            UPDATE KycCases SET ClientKind = (SELECT c.Kind FROM Clients c WHERE c.Id = KycCases.ClientId),
                ClientCountry = (SELECT c.Country FROM Clients c WHERE c.Id = KycCases.ClientId)
            """);
        foreach (var sql in indexes)
            Execute(connection, sql);
        indexing.Stop();
        var analysing = Stopwatch.StartNew();
        Execute(connection, "ANALYZE KycCases; ANALYZE KycDocuments;");
        analysing.Stop();
        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        return new Seeded(cases, queued, documentId, inserting.Elapsed, indexing.Elapsed, analysing.Elapsed);
    }

    private static DateTime Before(DateTime t, DateTime limit) => t < limit ? t : limit;

    private static DateTime Later(DateTime t, DateTime floor) => t > floor ? t : floor;
}
