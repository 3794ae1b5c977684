using System.Diagnostics;
using System.Globalization;
using static BackOffice.Bench.ClientBookSeed;

namespace BackOffice.Bench;

/// <summary>
/// The partner network over the book's three years, for the partner report: introducing brokers in a two-level
/// hierarchy (each one of the book's clients), the clients attributed to them, a commission run a month (posted, the
/// last one computed and waiting) with a line per closed deal and level, and disputes. Written with prepared INSERTs;
/// deterministic.
/// </summary>
public static class PartnerActivitySeed
{
    public const int Partners = 1_000;
    public const int AttributedClients = 150_000;
    public const int CommissionLines = 600_000;
    public const int Disputes = 3_000;

    public sealed record Seeded(long Partners, long Attributions, long Runs, long Lines, long Disputes, TimeSpan Took);

    public static Seeded Seed(string databaseFile)
    {
        var took = Stopwatch.StartNew();
        using var connection = Open(databaseFile);
        Execute(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -400000; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF;");
        Execute(connection, """
            DELETE FROM CommissionDisputes; DELETE FROM CommissionLines; DELETE FROM CommissionRuns; DELETE FROM ClientAttributions; DELETE FROM Partners;
            DELETE FROM CommissionPlanVersions; DELETE FROM CommissionPlans;
            """);
        ReportBookSeed.DropIndexesForLoad(connection, "CommissionLines", "ClientAttributions");
        var random = new Random(2031);
        var start = Now.AddYears(-3);
        var clients = new List<(long Id, string Name)>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Id, DisplayName FROM Clients WHERE Status IN ('Approved', 'Restricted') ORDER BY Id";
            using var reader = read.ExecuteReader();
            while (reader.Read()) clients.Add((reader.GetInt64(0), reader.GetString(1)));
        }
        var transaction = connection.BeginTransaction();
        var at = Time(start);
        Run(Prepare(connection, "INSERT INTO CommissionPlans (Id, Code, Name, Currency, CreatedAt, CreatedBy, Version) VALUES (1, 'BENCH', 'Bench plan', 'USD', $at, 'bench', 0)"),
            transaction, at);
        Run(Prepare(connection, """
            INSERT INTO CommissionPlanVersions (Id, PlanId, Number, EffectiveFrom, Note, CreatedAt, CreatedBy, HedgeCountedOnce, MinimumHoldSeconds, Rounding)
            VALUES (1, 1, 1, $at, 'bench', $at, 'bench', 0, 0, 'HalfEven')
            """), transaction, at);

        // Partners: the first hundred at the top, the others under one of them. Each is one of the last approved clients.
        var insertPartner = Prepare(connection, """
            INSERT INTO Partners (Id, ClientId, Code, Name, ParentId, Status, CreatedAt, CreatedBy, Version) VALUES ($id, $client, $code, $name, $parent, $status, $at, 'ib-manager', 0)
            """);
        var parents = new long?[Partners + 1];
        for (var p = 1; p <= Partners; p++)
        {
            var client = clients[clients.Count - p];
            parents[p] = p <= 100 ? null : 1 + random.Next(100);
            Run(insertPartner, transaction, (long)p, client.Id, $"IB{p:D5}", client.Name, parents[p], random.NextDouble() < 0.05 ? "Suspended" : "Active",
                Time(start.AddDays(random.Next(30))));
        }

        // Attributions: a share of the book's approved clients, from the day they came.
        var insertAttribution = Prepare(connection, """
            INSERT INTO ClientAttributions (ClientId, PartnerId, "From", "To", Source, "By", Reason) VALUES ($client, $partner, $from, NULL, $source, $by, NULL)
            """);
        var attributed = new List<(long Client, long Partner, DateTime From)>();
        foreach (var (id, _) in clients.Take(clients.Count - Partners).OrderBy(_ => random.Next()).Take(AttributedClients).OrderBy(c => c.Id))
        {
            var from = start.AddMinutes((Now - start).TotalMinutes * random.NextDouble());
            var partner = 1L + random.Next(Partners);
            var staff = random.NextDouble() < 0.1;
            Run(insertAttribution, transaction, id, partner, Time(from), staff ? "Staff" : "Registration", staff ? "ib-manager" : "registration");
            attributed.Add((id, partner, from));
        }

        // A run a month; every run posted but the last, which waits for approval.
        var months = new List<(long Id, DateTime From, DateTime To)>();
        var insertRun = Prepare(connection, """
            INSERT INTO CommissionRuns (Id, "From", "To", Currency, Status, StartedAt, StartedBy, ComputedAt, DecidedAt, DecidedBy, DealsTotal, DealsDone, LineCount,
                TotalMinor, AdjustmentCount, Version)
            VALUES ($id, $from, $to, 'USD', $status, $to, 'ib-manager', $to, $decided, $by, 0, 0, 0, 0, 0, 0)
            """);
        for (var (m, month) = (1L, new DateTime(start.Year, start.Month, 1, 0, 0, 0, DateTimeKind.Utc)); month < Now; m++, month = month.AddMonths(1))
        {
            var end = month.AddMonths(1) < Now ? month.AddMonths(1) : Now;
            var last = end == Now;
            Run(insertRun, transaction, m, Time(month), Time(end), last ? "Computed" : "Posted", last ? null : Time(end.AddDays(2)), last ? null : "ib-manager2");
            months.Add((m, month, end));
        }

        // Lines: a closed deal of an attributed client, after it came, earning its partner (level 1) and the parent (level 2).
        var insertLine = Prepare(connection, """
            INSERT INTO CommissionLines (RunId, PartnerId, Level, ClientId, Ticket, Symbol, SymbolGroup, DealTime, ClosedLots, EligibleLots, HedgedLots, ShortHeldLots,
                Kind, Rate, Basis, Currency, AmountMinor, PlanVersionId, IsAdjustment)
            VALUES ($run, $partner, $level, $client, $ticket, 'EURUSD', 'FX', $at, $lots, $lots, '0', '0', 'PerLot', $rate, $lots, 'USD', $minor, 1, 0)
            """);
        long lines = 0, ticket = 10_000_000;
        while (lines < CommissionLines)
        {
            var (client, partner, from) = attributed[random.Next(attributed.Count)];
            var deal = from.AddMinutes((Now - from).TotalMinutes * random.NextDouble());
            var run = months.First(r => deal >= r.From && deal < r.To).Id;
            var lots = Math.Round(0.1m + (decimal)random.NextDouble() * 4.9m, 2);
            ticket++;
            Run(insertLine, transaction, run, partner, 1, client, ticket, Time(deal), Lots(lots), "7", (long)(lots * 700));
            lines++;
            if (parents[partner] is { } parent)
            {
                Run(insertLine, transaction, run, parent, 2, client, ticket, Time(deal), Lots(lots), "1", (long)(lots * 100));
                lines++;
            }
        }

        var insertDispute = Prepare(connection, """
            INSERT INTO CommissionDisputes (PartnerId, PeriodFrom, PeriodTo, LineIds, Reason, OpenedAt, OpenedBy, Status, DecidedAt, DecidedBy, Resolution, Currency, Version)
            VALUES ($partner, $from, $to, '[]', 'Deals missing from the run', $opened, 'partner', $status, $decided, $by, $resolution, 'USD', 0)
            """);
        for (var d = 0; d < Disputes; d++)
        {
            var (_, from, to) = months[random.Next(months.Count - 1)];
            var opened = to.AddDays(3 + random.Next(20));
            if (opened >= Now) opened = Now.AddHours(-random.Next(1, 48));
            var open = (Now - opened).TotalDays < 14 && random.NextDouble() < 0.5;
            Run(insertDispute, transaction, 1L + random.Next(Partners), Time(from), Time(to), Time(opened), open ? "Open" : "Rejected", open ? null : Time(opened.AddDays(5)),
                open ? null : "ib-manager", open ? null : "The deals were in the run");
        }
        transaction.Commit();
        ReportBookSeed.RestoreIndexes(connection);
        Console.WriteLine($"  {Partners:N0} partners, {attributed.Count:N0} attributed clients, {months.Count} commission runs, {lines:N0} lines, {Disputes:N0} disputes " +
            $"({Stats.F(took.Elapsed.TotalSeconds, "0")} s)");
        return new Seeded(Partners, attributed.Count, months.Count, lines, Disputes, took.Elapsed);
    }

    private static string Lots(decimal lots) => lots.ToString(CultureInfo.InvariantCulture);
}
