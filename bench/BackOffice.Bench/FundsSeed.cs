using System.Globalization;
using BackOffice.Core.Accounts.Clients;
using Microsoft.Data.Sqlite;

namespace BackOffice.Bench;

/// <summary>
/// Clients for the funds benchmarks, written straight into the app's tables: approved, scored low risk (with the
/// declaration that scoring needs), each with one live USD trading account on the platform. Deterministic.
/// </summary>
public static class FundsSeed
{
    private static readonly string[] FirstNames =
        ["James", "Maria", "Oliver", "Anna", "Lukas", "Sofia", "Ahmed", "Elena", "Piotr", "Giulia", "Ravi", "Chloé", "Kenji", "Amara", "Mateo", "Hannah"];

    private static readonly string[] LastNames =
        ["Smith", "Müller", "Kowalski", "García", "Rossi", "Nguyen", "Silva", "Patel", "Dubois", "Tanaka", "Fischer", "Haddad", "Okafor", "Jansen", "Costa", "Wright"];

    /// <summary>Low-risk countries only (none on a FATF list), so nothing in monitoring fires on the country.</summary>
    private static readonly string[] Countries = ["GB", "DE", "FR", "ES", "IT", "NL", "SE", "CH", "AU", "SG"];

    /// <summary>One live USD account per client; returns each client's (client id, trading account id, login, display name).</summary>
    public static List<(long ClientId, long AccountId, long Login, string Name)> LowRiskClients(string databaseFile, int count, int seed = 2026)
    {
        using var connection = ClientBookSeed.Open(databaseFile);
        ClientBookSeed.Execute(connection, "PRAGMA synchronous = OFF;");
        var firstClient = ClientBookSeed.Scalar(connection, "SELECT COALESCE(MAX(Id), 0) FROM Clients") + 1;
        var firstNumber = ClientBookSeed.Scalar(connection, $"SELECT Next FROM NumberSequences WHERE Name = '{Sequences.ClientNumber}'");
        var firstLogin = ClientBookSeed.Scalar(connection, $"SELECT Next FROM NumberSequences WHERE Name = '{Sequences.LiveLogin}'");
        var firstAccount = ClientBookSeed.Scalar(connection, "SELECT COALESCE(MAX(Id), 0) FROM TradingAccounts") + 1;
        var standard = ClientBookSeed.Scalar(connection, "SELECT Id FROM AccountTypes WHERE Name = 'Standard'");
        var group = ClientBookSeed.Strings(connection, "SELECT PlatformGroup FROM AccountTypes WHERE Name = 'Standard'")[0];

        var insertClient = ClientBookSeed.Prepare(connection, """
            INSERT INTO Clients (Id, Number, Kind, FirstName, LastName, DateOfBirth, Nationality, CompanyName, Country, Region, Email, Phone,
                AddressLine, City, PostalCode, DisplayName, NameKey, PhoneKey, Status, StatusChangedAt, SalesStage, Source, RegisteredAt, Version)
            VALUES ($id, $number, 'Individual', $first, $last, $dob, $nationality, '', $country, $region, $email, $phone,
                $address, 'City', '10000', $display, $nameKey, $phoneKey, 'Approved', $statusAt, 'Funded', 'portal', $registered, 0)
            """);
        var insertAccount = ClientBookSeed.Prepare(connection, """
            INSERT INTO TradingAccounts (Id, ClientId, Login, AccountTypeId, Currency, Leverage, "Group", IsDemo, Enabled, Trading, OpenedAt,
                OnPlatform, Sync, Version)
            VALUES ($id, $client, $login, $type, 'USD', 100, $group, 0, 1, 'Full', $opened, 1, 'InSync', 0)
            """);
        var insertCase = ClientBookSeed.Prepare(connection, """
            INSERT INTO KycCases (ClientId, RiskLevel, ScoredLevel, RiskPoints, RiskAssessedAt, Version, ClientCountry, ClientKind)
            VALUES ($client, 'Low', 'Low', 10, $at, 0, $country, 'Individual')
            """);
        var insertDeclaration = ClientBookSeed.Prepare(connection, """
            INSERT INTO ClientDeclarations (ClientId, SourceOfFunds, ExpectedYearlyVolumeUsd, Occupation, OccupationCategory, IsPep, UpdatedAt, Version)
            VALUES ($client, 'Salary', '20000', 'Engineer', 'Employed', 0, $at, 0)
            """);

        var random = new Random(seed);
        var now = DateTime.UtcNow;
        var list = new List<(long, long, long, string)>(count);
        using var tx = connection.BeginTransaction();
        for (var i = 0; i < count; i++)
        {
            var id = firstClient + i;
            var client = new Client
            {
                Kind = ClientKind.Individual, FirstName = FirstNames[random.Next(FirstNames.Length)], LastName = LastNames[random.Next(LastNames.Length)],
                Country = Countries[random.Next(Countries.Length)], Phone = $"+44 7{random.Next(100, 999)} {random.Next(100_000, 999_999)}",
            };
            client.Email = $"bench.{id}@example.test";
            client.SetNames();
            var registered = now.AddDays(-random.Next(30, 700));
            ClientBookSeed.Run(insertClient, tx, id, firstNumber + i, client.FirstName, client.LastName,
                new DateOnly(1960 + random.Next(40), 1 + random.Next(12), 1 + random.Next(28)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                client.Country, client.Country, client.Region, client.Email, client.Phone, $"{random.Next(1, 300)} High Street", client.DisplayName,
                client.NameKey, client.PhoneKey, ClientBookSeed.Time(registered.AddDays(2)), ClientBookSeed.Time(registered));
            var accountId = firstAccount + i;
            var login = firstLogin + i;
            ClientBookSeed.Run(insertAccount, tx, accountId, id, login, standard, group, ClientBookSeed.Time(registered.AddDays(2)));
            ClientBookSeed.Run(insertCase, tx, id, ClientBookSeed.Time(registered.AddDays(2)), client.Country);
            ClientBookSeed.Run(insertDeclaration, tx, id, ClientBookSeed.Time(registered.AddDays(1)));
            list.Add((id, accountId, login, client.DisplayName));
        }
        tx.Commit();
        foreach (var c in new[] { insertClient, insertAccount, insertCase, insertDeclaration })
            c.Dispose();
        ClientBookSeed.Execute(connection, $"""
            UPDATE NumberSequences SET Next = {firstNumber + count} WHERE Name = '{Sequences.ClientNumber}';
            UPDATE NumberSequences SET Next = {firstLogin + count} WHERE Name = '{Sequences.LiveLogin}';
            """);
        return list;
    }
}
