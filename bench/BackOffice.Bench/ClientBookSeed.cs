using System.Diagnostics;
using System.Globalization;
using System.Text;
using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using Microsoft.Data.Sqlite;
using static BackOffice.Bench.Stats;

namespace BackOffice.Bench;

/// <summary>
/// A broker's book at scale, written straight into the app's tables with prepared ADO.NET
/// INSERTs (EF Core would take many minutes for a million rows). The distributions are those a
/// real book has: a few countries dominate, most clients are approved, registrations grow over
/// three years, surnames repeat (so a name prefix finds thousands), one client in ten carries a
/// tag and one in five has a second account. Deterministic: the same size gives the same book.
/// </summary>
public static class ClientBookSeed
{
    public static readonly DateTime Now = new(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc);
    public const long FirstNumber = 100_001;
    public const long FirstLiveLogin = 5_000_001;
    public const long FirstDemoLogin = 9_000_001;

    /// <summary>Country, weight, dialling code, capital.</summary>
    public static readonly (string Code, int Weight, string Dial, string City)[] CountryMix =
    [
        ("GB", 9, "44", "London"), ("DE", 8, "49", "Berlin"), ("FR", 5, "33", "Paris"), ("ES", 5, "34", "Madrid"), ("IT", 5, "39", "Rome"),
        ("PL", 4, "48", "Warsaw"), ("NL", 3, "31", "Amsterdam"), ("CY", 2, "357", "Nicosia"), ("GR", 2, "30", "Athens"),
        ("PT", 2, "351", "Lisbon"), ("SE", 2, "46", "Stockholm"), ("CH", 2, "41", "Zurich"), ("AE", 6, "971", "Dubai"),
        ("SA", 4, "966", "Riyadh"), ("QA", 1, "974", "Doha"), ("KW", 1, "965", "Kuwait City"), ("JO", 1, "962", "Amman"),
        ("EG", 2, "20", "Cairo"), ("NG", 3, "234", "Lagos"), ("ZA", 3, "27", "Johannesburg"), ("KE", 1, "254", "Nairobi"),
        ("IN", 5, "91", "Mumbai"), ("SG", 2, "65", "Singapore"), ("MY", 3, "60", "Kuala Lumpur"), ("TH", 3, "66", "Bangkok"),
        ("VN", 3, "84", "Ho Chi Minh City"), ("ID", 3, "62", "Jakarta"), ("JP", 2, "81", "Tokyo"), ("AU", 3, "61", "Sydney"),
        ("BR", 4, "55", "São Paulo"), ("MX", 3, "52", "Mexico City"),
    ];

    private static readonly string[] FirstNames =
    [
        "James", "John", "Robert", "Michael", "David", "William", "Thomas", "Daniel", "Matthew", "Mark", "Paul", "Peter", "Andrew", "George",
        "Oliver", "Harry", "Jack", "Noah", "Liam", "Lucas", "Maria", "Anna", "Sofia", "Elena", "Laura", "Sarah", "Emma", "Olivia", "Emily",
        "Hannah", "Julia", "Sophie", "Chloé", "Claire", "Marta", "Katarzyna", "Agnieszka", "Piotr", "Tomasz", "Krzysztof", "Jan", "Lukas",
        "Felix", "Jonas", "Leon", "Luca", "Marco", "Giulia", "Francesca", "Alessandro", "Mateo", "Diego", "Carlos", "Javier", "Lucía",
        "Carmen", "Pablo", "Ana", "João", "Pedro", "Ahmed", "Mohammed", "Omar", "Ali", "Hassan", "Fatima", "Aisha", "Leila", "Yusuf",
        "Ibrahim", "Mariam", "Ravi", "Priya", "Arjun", "Anil", "Deepa", "Wei", "Chen", "Yuki", "Hiroshi", "Kenji", "Min-jun", "Ji-woo",
        "Kwame", "Amara", "Chinedu", "Ngozi", "Thabo", "Olga", "Irina", "Dmitri", "Sergei", "Elif", "Mehmet", "Aylin", "Minh", "Linh",
        "Siti", "Putri", "Budi",
    ];

    /// <summary>In order of how common they are in the book (a Zipf-like weight by rank).</summary>
    private static readonly string[] LastNames =
    [
        "Smith", "Müller", "Khan", "García", "Wang", "Kowalski", "Rossi", "Nguyen", "Silva", "Patel", "Jones", "Schmidt", "Ahmed", "Martin",
        "Kim", "Williams", "Brown", "Nowak", "Ali", "Fernández", "Li", "Santos", "Dubois", "Taylor", "Schneider", "Hassan", "Tanaka",
        "González", "Ferrari", "Sharma", "Singh", "Davies", "Fischer", "Kowalczyk", "Rodríguez", "Zhang", "Oliveira", "Moreau", "Wilson",
        "Weber", "Haddad", "Suzuki", "López", "Russo", "Kumar", "Evans", "Meyer", "Wiśniewski", "Martínez", "Liu", "Pereira", "Laurent",
        "Thomas", "Wagner", "Rahman", "Takahashi", "Sánchez", "Esposito", "Gupta", "Johnson", "Becker", "Wójcik", "Pérez", "Chen", "Costa",
        "Simon", "Roberts", "Schulz", "Hussein", "Watanabe", "Gómez", "Bianchi", "Reddy", "Walker", "Hoffmann", "Kamiński", "Díaz",
        "Yang", "Ferreira", "Michel", "Wright", "Koch", "Al-Farsi", "Ito", "Hernández", "Romano", "Iyer", "Robinson", "Richter",
        "Lewandowski", "Torres", "Huang", "Almeida", "Lefebvre", "Thompson", "Klein", "Al-Mansouri", "Yamamoto", "Ramírez", "Colombo",
        "Nair", "White", "Wolf", "Zieliński", "Flores", "Zhao", "Rodrigues", "Leroy", "Hughes", "Jansen", "Saleh", "Nakamura", "Rivera",
        "Ricci", "Mehta", "Edwards", "De Jong", "Szymański", "Castillo", "Wu", "Roux", "Green", "Van Dijk", "Nasser", "Kobayashi", "Vargas",
        "Marino", "Park", "Hall", "Bakker", "Woźniak", "Rojas", "Zhou", "Bernard", "Wood", "Visser", "Abdullah", "Choi", "Greco", "Tran",
        "Harris", "Papadopoulos", "Okafor", "Yılmaz", "Ivanov", "Andersson", "Lewis", "Georgiou", "Adeyemi", "Kaya", "Petrov", "Johansson",
        "Jackson", "Nikolaidis", "Mensah", "Demir", "Smirnov", "Karlsson", "Clarke", "Andreou", "Okonkwo", "Şahin", "Kuznetsov", "Nilsson",
        "Turner", "Tan", "Mwangi", "Çelik", "Popescu", "Eriksson", "Hill", "Lim", "Otieno", "Santoso", "Popa", "Larsson", "Scott", "Ng",
        "Nkosi", "Wijaya", "Horváth", "Le", "Cooper", "Wong", "Dlamini", "Ivanova", "Dvořák", "Pham", "Morris", "Jung", "Petit", "Smit",
    ];

    private static readonly string[] CompanyWords =
    [
        "Northwind", "Bluewater", "Atlas", "Meridian", "Helix", "Orion", "Cedar", "Summit", "Harbour", "Falcon", "Granite", "Silverline",
        "Crescent", "Pinnacle", "Redwood", "Sterling", "Aurora", "Keystone", "Lighthouse", "Evergreen", "Oakridge", "Vertex", "Horizon",
        "Sapphire", "Ironbridge", "Westgate", "Eastbrook", "Riverside", "Highland", "Coastal",
    ];

    private static readonly string[] CompanyKinds = ["Capital", "Trading", "Holdings", "Ventures", "Partners", "Asset Management", "Group", "Investments"];
    private static readonly string[] CompanyForms = ["Ltd", "LLC", "GmbH", "S.A.", "FZE", "Pte Ltd", "B.V."];

    private static readonly string[] MailDomains =
        ["gmail.com", "gmail.com", "gmail.com", "outlook.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com", "proton.me", "gmx.net"];

    /// <summary>Tag, weight: about one client in ten has one, some two.</summary>
    public static readonly (string Tag, int Weight)[] TagMix =
    [
        ("webinar", 25), ("high-volume", 15), ("call-back", 15), ("retention", 12), ("affiliate", 12), ("news-trader", 8), ("swap-free", 8), ("VIP", 5),
    ];

    public sealed record Seeded(int Clients, int Accounts, int Tags, TimeSpan Inserting, TimeSpan Indexing, TimeSpan Analysing);

    public static Seeded Seed(string databaseFile, int clients)
    {
        using var connection = Open(databaseFile);
        // This connection only: the load is one writer on a database nobody reads yet.
        Execute(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -400000; PRAGMA temp_store = MEMORY;");
        var managers = Strings(connection, "SELECT Id FROM AspNetUsers ORDER BY UserName");
        var types = new List<(int Id, string Name, string Group, string[] Currencies, int Leverage, bool IsDemo)>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Id, Name, PlatformGroup, Currencies, DefaultLeverage, IsDemo FROM AccountTypes ORDER BY Id";
            using var reader = read.ExecuteReader();
            while (reader.Read())
                types.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3).Split(','), reader.GetInt32(4), reader.GetBoolean(5)));
        }
        var demo = types.First(t => t.IsDemo);
        var live = types.Where(t => !t.IsDemo).Select(t => (Type: t, Weight: t.Name switch { "Standard" => 60, "ECN" => 20, "Pro" => 8, _ => 12 })).ToArray();

        var indexes = DropIndexes(connection, "Clients", "ClientTags", "TradingAccounts");

        var insertClient = Prepare(connection, """
            INSERT INTO Clients (Id, Number, Kind, FirstName, LastName, DateOfBirth, Nationality, CompanyName, RegistrationNumber,
                CountryOfIncorporation, Country, Region, Email, Phone, AddressLine, City, PostalCode, DisplayName, NameKey, PhoneKey, Status,
                StatusChangedAt, StatusReason, RestrictionCategory, RestrictionAllows, ManagerId, SalesStage, Source, RegisteredAt, Version)
            VALUES ($id, $number, $kind, $first, $last, $dob, $nationality, $company, $registration, $incorporation, $country, $region, $email,
                $phone, $address, $city, $postal, $display, $nameKey, $phoneKey, $status, $statusAt, $reason, $category, $allows, $manager,
                $stage, $source, $registered, 0)
            """);
        var insertTag = Prepare(connection, "INSERT INTO ClientTags (ClientId, Tag) VALUES ($client, $tag)");
        var insertAccount = Prepare(connection, """
            INSERT INTO TradingAccounts (ClientId, Login, AccountTypeId, Currency, Leverage, "Group", IsDemo, Enabled, Trading, OpenedAt,
                OnPlatform, Sync, Version)
            VALUES ($client, $login, $type, $currency, $leverage, $group, $demo, 1, 'Full', $opened, 1, 'InSync', 0)
            """);

        var random = new Random(2026);
        var countryPick = Weighted(CountryMix.Select(c => c.Weight));
        var surnamePick = Weighted(LastNames.Select((_, rank) => (int)(10_000 / Math.Pow(rank + 1, 0.6))));
        var tagPick = Weighted(TagMix.Select(t => t.Weight));
        var livePick = Weighted(live.Select(t => t.Weight));
        var span = (Now - Now.AddYears(-3)).TotalMinutes;
        long liveLogin = FirstLiveLogin, demoLogin = FirstDemoLogin;
        var accounts = 0;
        var tags = 0;

        var inserting = Stopwatch.StartNew();
        var transaction = connection.BeginTransaction();
        for (var i = 0; i < clients; i++)
        {
            var id = i + 1L;
            var (code, _, dial, city) = CountryMix[countryPick(random)];
            var corporate = random.NextDouble() < 0.06;
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[surnamePick(random)];
            // More registrations lately: a growing book.
            var registered = Now.AddMinutes(-span * (1 - Math.Sqrt(random.NextDouble()))).AddSeconds(-random.Next(60));
            var status = Status(random, registered);
            var company = corporate
                ? $"{CompanyWords[random.Next(CompanyWords.Length)]} {CompanyKinds[random.Next(CompanyKinds.Length)]} {CompanyForms[random.Next(CompanyForms.Length)]}"
                : "";
            var client = new Client
            {
                Kind = corporate ? ClientKind.Corporate : ClientKind.Individual,
                FirstName = corporate ? "" : first,
                LastName = corporate ? "" : last,
                CompanyName = company,
                Country = code,
                Email = corporate
                    ? $"{(random.Next(3) switch { 0 => "ops", 1 => "treasury", _ => "finance" })}{id}@{Ascii(company.Split(' ')[0])}-{Ascii(company.Split(' ')[1])}.com"
                    : random.Next(4) switch
                    {
                        0 => $"{Ascii(first)}.{Ascii(last)}{id}@{MailDomains[random.Next(MailDomains.Length)]}",
                        1 => $"{Ascii(first)[0]}{Ascii(last)}{id}@{MailDomains[random.Next(MailDomains.Length)]}",
                        2 => $"{Ascii(last)}.{Ascii(first)}{id}@{MailDomains[random.Next(MailDomains.Length)]}",
                        _ => $"{Ascii(first)}{id}@{MailDomains[random.Next(MailDomains.Length)]}",
                    },
                Phone = $"+{dial} {random.Next(200, 999)} {random.Next(1_000_000, 9_999_999)}",
            };
            client.SetNames();
            var changed = registered.AddMinutes(random.Next(1, 60 * 24 * 20));
            RestrictionCategory? category = status == ClientStatus.Restricted ? (RestrictionCategory)random.Next(4) : null;
            var stage = status switch
            {
                ClientStatus.Registered or ClientStatus.PendingReview or ClientStatus.PendingDocuments => SalesStage.Defaults[random.Next(0, 3)],
                ClientStatus.Closed => "Lost",
                _ => SalesStage.Defaults[random.Next(3, 6)],
            };
            Run(insertClient, transaction,
                id, FirstNumber + i, client.Kind.ToString(), client.FirstName, client.LastName,
                corporate ? null : new DateOnly(1950 + random.Next(55), 1 + random.Next(12), 1 + random.Next(28)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                corporate ? null : code, client.CompanyName, corporate ? $"{code}{random.Next(1_000_000, 9_999_999)}" : null, corporate ? code : null,
                client.Country, client.Region, client.Email, client.Phone,
                $"{random.Next(1, 300)} {LastNames[random.Next(LastNames.Length)]} Street", city, random.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture),
                client.DisplayName, client.NameKey, client.PhoneKey, status.ToString(), Time(changed < Now ? changed : Now),
                status switch
                {
                    ClientStatus.Restricted => "Proof of address expired",
                    ClientStatus.Closed => "Client asked to close the account",
                    ClientStatus.PendingDocuments => "Proof of address older than three months",
                    _ => null,
                },
                category?.ToString(),
                category is { } c ? string.Join(",", ClientLifecycle.DefaultAllowances(c).Order()) : null,
                random.NextDouble() < 0.85 ? managers[random.Next(managers.Count)] : null,
                stage, random.NextDouble() switch { < 0.8 => "portal", < 0.95 => "staff", _ => "crm" }, Time(registered));

            if (random.NextDouble() < 0.10)
            {
                var tag = TagMix[tagPick(random)].Tag;
                Run(insertTag, transaction, id, tag);
                tags++;
                var second = TagMix[tagPick(random)].Tag;
                if (random.NextDouble() < 0.2 && second != tag)
                {
                    Run(insertTag, transaction, id, second);
                    tags++;
                }
            }

            // Every client has an account (a demo one while being onboarded); one in five has two.
            var onboarding = status is ClientStatus.Registered or ClientStatus.PendingReview or ClientStatus.PendingDocuments;
            for (var n = random.NextDouble() < 0.2 ? 2 : 1; n > 0; n--)
            {
                var type = onboarding || random.NextDouble() < 0.08 ? demo : live[livePick(random)].Type;
                var opened = registered.AddDays(random.Next(0, 15)).AddMinutes(random.Next(1, 600));
                Run(insertAccount, transaction, id, type.IsDemo ? demoLogin++ : liveLogin++, type.Id, type.Currencies[random.Next(type.Currencies.Length)],
                    type.Leverage, type.Group, type.IsDemo, Time(opened < Now ? opened : Now));
                accounts++;
            }

            if ((i + 1) % 100_000 == 0)
            {
                transaction.Commit();
                transaction.Dispose();
                transaction = connection.BeginTransaction();
                Console.WriteLine($"  {i + 1:N0} clients, {accounts:N0} accounts ({F(inserting.Elapsed.TotalSeconds, "0.0")} s)");
            }
        }
        transaction.Commit();
        transaction.Dispose();
        inserting.Stop();
        foreach (var command in new[] { insertClient, insertTag, insertAccount })
            command.Dispose();

        var indexing = Stopwatch.StartNew();
        foreach (var sql in indexes)
            Execute(connection, sql);
        indexing.Stop();

        Execute(connection, $"""
            UPDATE NumberSequences SET Next = {FirstNumber + clients} WHERE Name = '{Sequences.ClientNumber}';
            UPDATE NumberSequences SET Next = {liveLogin} WHERE Name = '{Sequences.LiveLogin}';
            UPDATE NumberSequences SET Next = {demoLogin} WHERE Name = '{Sequences.DemoLogin}';
            """);
        // SQLite's planner chooses between the grid's indexes from these statistics; without them
        // it guesses, and a million-row table punishes a wrong guess.
        var analysing = Stopwatch.StartNew();
        Execute(connection, "ANALYZE;");
        analysing.Stop();
        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        return new Seeded(clients, accounts, tags, inserting.Elapsed, indexing.Elapsed, analysing.Elapsed);
    }

    /// <summary>
    /// The app on a book of <paramref name="clients"/> clients. A kept file that holds that many is
    /// reused as it is; a kept file of another size is deleted and seeded again; without
    /// <paramref name="keep"/> a throw-away file is seeded.
    /// </summary>
    public static async Task<BenchApp> AppWithBookAsync(string name, int clients, string? keep)
    {
        var reused = false;
        if (keep is not null && File.Exists(keep))
        {
            var (found, _) = Count(keep);
            reused = found == clients;
            if (!reused)
            {
                Console.WriteLine($"{keep} holds {found:N0} clients, not {clients:N0}: seeding it again");
                SqliteConnection.ClearAllPools();
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                    File.Delete(keep + suffix);
            }
        }

        var app = await BenchApp.CreateAsync(name, listen: false, keep);
        if (reused)
            Console.WriteLine($"database: {app.DatabaseFile} reused as seeded by an earlier run (not seeded now)");
        else
        {
            Console.WriteLine($"seeding {clients:N0} clients into {app.DatabaseFile}");
            var seeded = Seed(app.DatabaseFile, clients);
            Console.WriteLine($"seeded {seeded.Clients:N0} clients, {seeded.Accounts:N0} accounts, {seeded.Tags:N0} tags: inserts " +
                $"{F(seeded.Inserting.TotalSeconds, "0.0")} s, indexes {F(seeded.Indexing.TotalSeconds, "0.0")} s, ANALYZE {F(seeded.Analysing.TotalSeconds, "0.0")} s");
        }
        SqliteConnection.ClearAllPools();
        return app;
    }

    /// <summary>
    /// A kept file may predate an index a later migration added: without its statistics the
    /// planner would judge it blind, which a freshly seeded book (analysed after seeding) never does.
    /// </summary>
    public static void CompleteStatistics(string databaseFile, params string[] tables)
    {
        using var connection = Open(databaseFile);
        var missing = Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'sqlite_stat1'") == 0
            ? ["all"]
            : Strings(connection, $"""
                SELECT name FROM sqlite_master
                WHERE type = 'index' AND tbl_name IN ({string.Join(", ", tables.Select(t => $"'{t}'"))})
                  AND name NOT IN (SELECT idx FROM sqlite_stat1 WHERE idx IS NOT NULL)
                """);
        if (missing.Count == 0) return;
        var started = Stopwatch.GetTimestamp();
        Execute(connection, "ANALYZE;");
        Console.WriteLine($"ANALYZE for indexes without statistics ({string.Join(", ", missing)}): {F(Stopwatch.GetElapsedTime(started).TotalSeconds, "0.0")} s");
    }

    /// <summary>
    /// Drops the tables' secondary indexes and returns the statements that build them again: a bulk
    /// load builds each once at the end (a sort per index) instead of row by row.
    /// </summary>
    public static List<string> DropIndexes(SqliteConnection connection, params string[] tables)
    {
        var indexes = new List<(string Name, string Sql)>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", tables.Select(t => $"'{t}'"))})";
            using var reader = read.ExecuteReader();
            while (reader.Read())
                indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in indexes)
            Execute(connection, $"DROP INDEX \"{name}\"");
        return indexes.Select(i => i.Sql).ToList();
    }

    /// <summary>How many clients and accounts a database file holds (0, 0 when it has no Clients table yet).</summary>
    public static (long Clients, long Accounts) Count(string databaseFile)
    {
        using var connection = Open(databaseFile);
        if (Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'Clients'") == 0) return (0, 0);
        return (Scalar(connection, "SELECT COUNT(*) FROM Clients"), Scalar(connection, "SELECT COUNT(*) FROM TradingAccounts"));
    }

    /// <summary>A connection with the settings the app's own connections get.</summary>
    public static SqliteConnection Open(string databaseFile)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, DefaultTimeout = 30, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, Infrastructure.Data.SqlitePragmas.Pragmas);
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    public static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
            list.Add(reader.GetString(0));
        return list;
    }

    private static ClientStatus Status(Random random, DateTime registered)
    {
        var roll = random.NextDouble();
        if ((Now - registered).TotalDays < 20)
            return roll switch { < 0.35 => ClientStatus.Registered, < 0.7 => ClientStatus.PendingReview, < 0.85 => ClientStatus.PendingDocuments, _ => ClientStatus.Approved };
        return roll switch
        {
            < 0.04 => ClientStatus.Registered,
            < 0.09 => ClientStatus.PendingReview,
            < 0.14 => ClientStatus.PendingDocuments,
            < 0.85 => ClientStatus.Approved,
            < 0.92 => ClientStatus.Restricted,
            _ => ClientStatus.Closed,
        };
    }

    /// <summary>Picks an index with probability proportional to its weight.</summary>
    private static Func<Random, int> Weighted(IEnumerable<int> weights)
    {
        var cumulative = new List<int>();
        var sum = 0;
        foreach (var w in weights)
            cumulative.Add(sum += w);
        var bounds = cumulative.ToArray();
        return random =>
        {
            var i = Array.BinarySearch(bounds, random.Next(sum) + 1);
            return i >= 0 ? i : ~i;
        };
    }

    /// <summary>A name as it appears in an e-mail address: lower case, no accents, no spaces.</summary>
    private static string Ascii(string name)
    {
        var folded = new StringBuilder();
        foreach (var ch in name.Replace("ı", "i", StringComparison.Ordinal).Replace("ł", "l", StringComparison.Ordinal).Normalize(NormalizationForm.FormD))
            if (char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.')
                folded.Append(char.ToLowerInvariant(ch));
        return folded.ToString();
    }

    public static SqliteCommand Prepare(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(sql, @"\$[a-zA-Z]+").Select(m => m.Value).Distinct())
            command.Parameters.Add(new SqliteParameter(name, null));
        return command;
    }

    public static void Run(SqliteCommand command, SqliteTransaction transaction, params object?[] values)
    {
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    // EF Core's SQLite format for DateTime.
    public static string Time(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
