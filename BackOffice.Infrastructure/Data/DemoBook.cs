using BackOffice.Core.Accounts;
using BackOffice.Core.Accounts.AccountTypes;
using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Crm;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Platform;
using BackOffice.Infrastructure.Platform.Simulator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Infrastructure.Data;

/// <summary>
/// A believable book for demo mode: clients over thirty countries in every status, managers,
/// tags, tasks and communications, and accounts on the platform with money and open positions.
/// Deterministic (same seed, same book) so screenshots and walkthroughs can be repeated.
/// </summary>
public sealed class DemoBook(BackOfficeDb db, ITradingPlatform platform, TimeProvider clock, IDocumentFiles files)
{
    private static readonly string[] Countries =
        ["GB", "DE", "FR", "ES", "IT", "NL", "PL", "CY", "GR", "PT", "SE", "CH", "AE", "SA", "QA", "KW", "JO", "EG", "NG", "ZA", "KE",
         "IN", "SG", "MY", "TH", "VN", "ID", "PH", "JP", "AU", "BR", "MX", "CO", "CL", "TR", "KZ"];

    // Named like parties on the demo sanctions and PEP lists (Sanctions/SampleLists), so screening has real cases to decide.
    private static readonly (string First, string Last, DateOnly Born)[] Lookalikes =
    [
        ("Ivan", "Petrov", new DateOnly(1971, 3, 14)), ("Elena", "Ivanova", new DateOnly(1974, 6, 2)),
        ("Mohammed", "Al Rashid", new DateOnly(1968, 5, 1)), ("Karim", "Haddad", new DateOnly(1962, 11, 20)),
        ("Yekaterina", "Sokolova", new DateOnly(1980, 7, 7)), ("Fatima", "Al Mansouri", new DateOnly(1979, 4, 10)),
        ("Reza", "Karimzadeh", new DateOnly(1961, 9, 9)), ("Omar", "Haddad", new DateOnly(1985, 1, 12)),
    ];

    private static readonly string[] FirstNames =
        ["James", "Maria", "Ahmed", "Sofia", "Liam", "Fatima", "Lukas", "Chloé", "Mateo", "Aisha", "Noah", "Elena", "Omar", "Hannah", "Ravi",
         "Yuki", "Chen", "Olivia", "Ibrahim", "Isabella", "Kwame", "Anna", "Diego", "Leila", "Tom", "Priya", "Jonas", "Amara", "Luca", "Mina"];

    private static readonly string[] LastNames =
        ["Smith", "Müller", "Rossi", "García", "Khan", "Novak", "Dubois", "Silva", "Haddad", "Okafor", "Tanaka", "Wang", "Kowalski", "Jansen",
         "Papadopoulos", "Al-Farsi", "Nguyen", "Santos", "Ivanova", "Sharma", "Fischer", "Costa", "Mensah", "Yilmaz", "Lee", "Brown", "Martin",
         "Schmidt", "Hassan", "Kim", "Andersson", "López", "Moreau", "Bianchi", "Ahmed", "Petrov", "Wilson", "Rahman", "Tan", "Mendes"];

    private static readonly string[] Companies =
        ["Northwind Capital", "Bluewater Trading", "Atlas Holdings", "Meridian Ventures", "Helix Partners", "Orion Asset", "Cedar Group", "Summit FX"];

    private static readonly string[] Tags = ["VIP", "high-volume", "webinar", "affiliate", "news-trader", "swap-free", "call-back", "retention"];

    private static readonly string[] Summaries =
    [
        "Called about the verification progress; explained which document is missing.",
        "Client asked how long a withdrawal takes by bank wire; explained 1–3 business days.",
        "Sent the welcome pack and platform download links.",
        "Discussed moving to an ECN account for lower spreads.",
        "Client unhappy with a stop-out; walked through the margin call levels.",
        "Follow-up on the webinar; client interested in gold trading.",
        "Reminded the client their proof of address expires next month.",
        "Met at the Dubai expo; wants a corporate account for the family office.",
    ];

    public async Task<int> SeedAsync(int clients, CancellationToken ct = default)
    {
        // Never thousands of invented clients on a real trading platform.
        if (clients <= 0 || platform is not PlatformSimulator || await db.Clients.AnyAsync(ct)) return 0;
        var random = new Random(2026);
        var now = clock.GetUtcNow().UtcDateTime;
        var staff = await db.Users.AsNoTracking().Select(u => new { u.Id, u.UserName }).ToListAsync(ct);
        var managers = staff.Where(s => s.UserName is "support" or "compliance" or "manager" or "ib").Select(s => s.Id).ToList();
        var stages = SalesStage.Defaults;
        var types = await db.AccountTypes.AsNoTracking().ToListAsync(ct);
        var live = types.Where(t => !t.IsDemo).ToList();
        var demo = types.FirstOrDefault(t => t.IsDemo);
        var matrix = await ClientCapabilities.MatrixAsync(db, ct);
        var number = await db.NumberSequences.FirstAsync(s => s.Name == Sequences.ClientNumber, ct);
        var liveLogin = await db.NumberSequences.FirstAsync(s => s.Name == Sequences.LiveLogin, ct);
        var demoLogin = await db.NumberSequences.FirstAsync(s => s.Name == Sequences.DemoLogin, ct);

        var book = new List<(Client Client, List<TradingAccount> Accounts)>();
        var lookalike = 0;
        for (var i = 0; i < clients; i++)
        {
            var corporate = random.NextDouble() < 0.06;
            var country = Countries[random.Next(Countries.Length)];
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var registered = now.AddMinutes(-random.Next(5, 60 * 24 * 540));
            var status = PickStatus(random, registered, now);
            var c = new Client
            {
                Number = number.Next++,
                Kind = corporate ? ClientKind.Corporate : ClientKind.Individual,
                FirstName = corporate ? "" : first,
                LastName = corporate ? "" : last,
                DateOfBirth = corporate ? null : new DateOnly(1950 + random.Next(55), 1 + random.Next(12), 1 + random.Next(28)),
                Nationality = corporate ? null : country,
                CompanyName = corporate ? $"{Companies[random.Next(Companies.Length)]} {last} Ltd" : "",
                RegistrationNumber = corporate ? $"{country}{random.Next(1_000_000, 9_999_999)}" : null,
                Country = country,
                Email = $"{(corporate ? "ops" : Ascii(first))}.{Ascii(last)}{i}@example.com",
                Phone = $"+{random.Next(20, 99)} {random.Next(100, 999)} {random.Next(100_000, 999_999)}",
                AddressLine = $"{random.Next(1, 200)} {LastNames[random.Next(LastNames.Length)]} Street",
                PostalCode = random.Next(10_000, 99_999).ToString(),
                Status = status,
                StatusChangedAt = registered.AddMinutes(random.Next(1, 60 * 24 * 10)) is var changed && changed < now ? changed : now,
                StatusReason = status switch
                {
                    ClientStatus.Restricted => "Proof of address expired",
                    ClientStatus.Closed => "Client asked to close the account",
                    ClientStatus.PendingDocuments => "Proof of address older than three months",
                    _ => null,
                },
                RegisteredAt = registered,
                Source = random.NextDouble() < 0.8 ? "portal" : "staff",
                ManagerId = random.NextDouble() < 0.85 && managers.Count > 0 ? managers[random.Next(managers.Count)] : null,
                SalesStage = status switch
                {
                    ClientStatus.Registered or ClientStatus.PendingReview or ClientStatus.PendingDocuments => stages[random.Next(0, 3)],
                    ClientStatus.Closed => "Lost",
                    _ => stages[random.Next(3, 6)],
                },
            };
            if (!corporate && i % 97 == 13 && lookalike < Lookalikes.Length)
            {
                var (lf, ll, born) = Lookalikes[lookalike++];
                (c.FirstName, c.LastName, c.DateOfBirth, c.Email) = (lf, ll, born, $"{Ascii(lf)}.{Ascii(ll)}{i}@example.com");
            }
            c.SetNames();
            if (status == ClientStatus.Restricted)
            {
                var category = (RestrictionCategory)random.Next(4);
                c.RestrictionCategory = category;
                c.RestrictionAllows = string.Join(",", ClientLifecycle.DefaultAllowances(category).Order());
                c.StatusReason = category switch
                {
                    RestrictionCategory.ExpiredDocuments => "Passport expired",
                    RestrictionCategory.AbnormalActivity => "Deposits from several third-party cards",
                    RestrictionCategory.InternalReview => "Source of funds under review",
                    _ => "Sanctions list near-match being checked",
                };
            }
            foreach (var tag in Tags.Where(_ => random.NextDouble() < 0.09))
                c.Tags.Add(new ClientTag { Tag = tag });

            var accounts = new List<TradingAccount>();
            var capabilities = ClientCapabilities.Evaluate(c, matrix);
            if (status is ClientStatus.Approved or ClientStatus.Restricted or ClientStatus.Closed)
                for (var n = random.NextDouble() < 0.25 ? 2 : 1; n > 0; n--)
                {
                    var type = live[random.Next(live.Count)];
                    accounts.Add(Account(c, type, liveLogin.Next++, ClientCapabilities.RightsFor(c, capabilities, false), random, registered));
                }
            if (demo is not null && random.NextDouble() < 0.3 && status != ClientStatus.Closed)
                accounts.Add(Account(c, demo, demoLogin.Next++, ClientCapabilities.RightsFor(c, capabilities, true), random, registered));
            book.Add((c, accounts));
        }

        db.Clients.AddRange(book.Select(b => b.Client));
        await db.SaveChangesAsync(ct);
        foreach (var (c, accounts) in book)
            foreach (var a in accounts) a.ClientId = c.Id;
        db.TradingAccounts.AddRange(book.SelectMany(b => b.Accounts));
        AddFollowUps(book.Select(b => b.Client).ToList(), staff.Select(s => (s.Id, s.UserName!)).ToList(), random, now);
        await db.SaveChangesAsync(ct);
        var officer = staff.First(s => s.UserName == "compliance");
        var officerName = await db.Users.Where(u => u.Id == officer.Id).Select(u => u.DisplayName).FirstAsync(ct);
        await DemoDocuments.AddAsync(db, files, book.Select(b => b.Client).ToList(), (officer.Id, officerName), random, now, ct);
        await DemoRisk.AddAsync(db, book.Select(b => b.Client).ToList(), (officer.Id, officerName), random, now, ct);
        db.ChangeTracker.Clear();

        await OpenOnPlatformAsync(book, random, ct);
        await AddOpenDepositsAsync(book, random, ct);
        // The documents, accounts and risk above were written directly, not by commands: count their expiry days, file the
        // compliance report's rows and the clients' account types once.
        await Core.Reports.Compliance.DocumentExpiryCounts.RebuildAsync(db, ct);
        await Core.Reports.Compliance.ComplianceEntries.RebuildAsync(db, ct);
        await Core.Reports.Accounts.ClientAccountTypes.RebuildAsync(db, ct);
        return clients;
    }

    /// <summary>"García" → "garcia": e-mail addresses as people really type them.</summary>
    private static string Ascii(string name) =>
        new string(name.Normalize(System.Text.NormalizationForm.FormD)
            .Where(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-').Select(char.ToLowerInvariant).ToArray());

    private static ClientStatus PickStatus(Random random, DateTime registered, DateTime now)
    {
        var recent = (now - registered).TotalDays < 20;
        var roll = random.NextDouble();
        if (recent)
            return roll switch { < 0.35 => ClientStatus.Registered, < 0.7 => ClientStatus.PendingReview, < 0.85 => ClientStatus.PendingDocuments, _ => ClientStatus.Approved };
        return roll switch
        {
            < 0.03 => ClientStatus.Registered,
            < 0.08 => ClientStatus.PendingReview,
            < 0.12 => ClientStatus.PendingDocuments,
            < 0.82 => ClientStatus.Approved,
            < 0.91 => ClientStatus.Restricted,
            _ => ClientStatus.Closed,
        };
    }

    private static TradingAccount Account(Client c, AccountType type, long login, PlatformRights rights, Random random, DateTime registered) => new()
    {
        Login = login,
        AccountTypeId = type.Id,
        Currency = type.CurrencyList[random.Next(type.CurrencyList.Count)],
        Leverage = type.DefaultLeverage,
        Group = type.PlatformGroup,
        IsDemo = type.IsDemo,
        Enabled = rights.Enabled,
        Trading = rights.Trading,
        OpenedAt = registered.AddDays(random.Next(1, 15)),
        Sync = SyncState.Pending,
    };

    private void AddFollowUps(List<Client> clients, List<(string Id, string UserName)> staff, Random random, DateTime now)
    {
        var writers = staff.Where(s => s.UserName is "support" or "compliance" or "manager").ToList();
        if (writers.Count == 0) return;
        var names = db.Users.AsNoTracking().ToDictionary(u => u.Id, u => u.DisplayName);
        foreach (var c in clients.Where(_ => random.NextDouble() < 0.6))
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                var who = writers[random.Next(writers.Count)];
                var at = c.RegisteredAt.AddHours(random.Next(1, 24 * 60));
                db.Communications.Add(new Communication
                {
                    ClientId = c.Id, Kind = (CommunicationKind)random.Next(4), At = at < now ? at : now.AddMinutes(-random.Next(1, 600)),
                    StaffId = who.Id, StaffName = names[who.Id], Summary = Summaries[random.Next(Summaries.Length)],
                });
            }
        foreach (var c in clients.Where(c => c.Status != ClientStatus.Closed && random.NextDouble() < 0.08))
        {
            var who = writers[random.Next(writers.Count)];
            db.ClientTasks.Add(new ClientTask
            {
                ClientId = c.Id,
                Title = c.Status switch
                {
                    ClientStatus.PendingDocuments => "Chase the missing proof of address",
                    ClientStatus.Registered => "Welcome call and help with the application",
                    ClientStatus.Restricted => "Explain the restriction and collect new documents",
                    _ => "Quarterly check-in call",
                },
                DueAt = now.Date.AddDays(random.Next(-5, 15)).AddHours(10),
                AssigneeId = who.Id,
                CreatedById = who.Id,
                CreatedAt = now.AddDays(-random.Next(1, 20)),
            });
        }
    }

    /// <summary>Opens every seeded account on the platform; on the simulator, funds them and opens a few positions.</summary>
    private async Task OpenOnPlatformAsync(List<(Client Client, List<TradingAccount> Accounts)> book, Random random, CancellationToken ct)
    {
        var simulator = platform as PlatformSimulator;
        var channels = await db.PaymentChannels.AsNoTracking().Where(ch => ch.Deposits).ToListAsync(ct);
        foreach (var (c, accounts) in book)
            foreach (var a in accounts)
            {
                var opened = true;
                try
                {
                    // Opened as approved so the book can trade, then set to what the client's status allows.
                    await platform.OpenAccountAsync(new PlatformAccountSpec(a.Login, c.DisplayName, c.Email, c.Country, a.Currency,
                        a.Settings with { Rights = new PlatformRights(true, TradingMode.Full) }), ct);
                    if (simulator is not null && c.Status != ClientStatus.Closed && random.NextDouble() < 0.85)
                    {
                        var deposit = new Core.Common.Money((a.IsDemo ? 10_000 : random.Next(2, 400) * 100) * 100L, a.Currency);
                        if (a.IsDemo)
                            await platform.BalanceOperationAsync(a.Login, new BalanceOperation(BalanceOperationType.Balance, deposit, "Demo funds", false), ct);
                        else
                            await FundAsync(c, a, deposit, channels[random.Next(channels.Count)], random, ct);
                        for (var p = random.Next(0, 4); p > 0; p--)
                        {
                            var symbol = PlatformSimulator.Symbols[random.Next(PlatformSimulator.Symbols.Count)];
                            var lots = symbol.Name == "XAUUSD" ? 0.1m : Math.Round((decimal)random.Next(1, 30) / 100, 2);
                            simulator.OpenPosition(a.Login, symbol.Name, random.NextDouble() < 0.5, lots);
                        }
                    }
                    if (a.Rights != new PlatformRights(true, TradingMode.Full))
                        await platform.UpdateAccountAsync(a.Login, a.Settings, ct);
                }
                catch (PlatformException)
                {
                    opened = false; // the platform outbox will open it once the platform answers
                }
                if (!opened)
                {
                    db.PlatformSyncs.Add(new Core.Accounts.Sync.PlatformSync
                    {
                        TradingAccountId = a.Id, Login = a.Login, Kind = Core.Accounts.Sync.PlatformSyncKind.Open, Cause = "account opened",
                        CreatedAt = clock.GetUtcNow().UtcDateTime, NextAttemptAt = clock.GetUtcNow().UtcDateTime,
                    });
                    await db.SaveChangesAsync(ct);
                }
                await db.TradingAccounts.Where(x => x.Id == a.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.OnPlatform, opened)
                    .SetProperty(x => x.Sync, opened ? SyncState.InSync : SyncState.Pending), ct);
            }
    }

    /// <summary>
    /// A live account's first money, as it would have come in: a credited deposit through one of the channels, its ledger
    /// posting, and the platform operation carrying the ledger reference, so the ledger and the platform agree from the start.
    /// </summary>
    private async Task FundAsync(Client c, TradingAccount a, Core.Common.Money amount, Core.Funds.Channels.PaymentChannel channel, Random random, CancellationToken ct)
    {
        var paidAt = a.OpenedAt.AddHours(random.Next(1, 72));
        var now = clock.GetUtcNow().UtcDateTime;
        if (paidAt > now) paidAt = now;
        if (!channel.CurrencyList.Contains(amount.Currency)) return;
        var reference = "D-" + await Sequences.NextAsync(db, Sequences.Deposit, ct);
        var fee = channel.FeeOn(amount);
        var lines = new List<Core.Funds.Ledger.PostingLine>
        {
            new(channel.ClearingAccount, -amount, reference), new(Core.Funds.Deposits.DepositMoves.ClientAccount(a.Id), amount - fee, reference),
        };
        if (fee.IsPositive) lines.Add(new(Core.Funds.Deposits.DepositMoves.FeesAccount, fee, $"{channel.Name} fee"));
        var posted = await Core.Funds.Ledger.LedgerBook.PostAsync(db, Core.Funds.Ledger.LedgerPosting.Create("deposit", reference, lines).Value!, "demo", paidAt, ct);
        var comment = Core.Funds.Balances.PlatformBalanceOperation.CommentFor(posted.Value!.TransactionId);
        var ticket = await platform.BalanceOperationAsync(a.Login, new BalanceOperation(BalanceOperationType.Balance, amount - fee, comment, false), ct);
        db.Deposits.Add(new Core.Funds.Deposits.Deposit
        {
            Reference = reference, ClientId = c.Id, TradingAccountId = a.Id, ChannelId = channel.Id, AmountMinor = amount.Minor, Currency = amount.Currency,
            FeeMinor = fee.Minor, PaidMinor = amount.Minor, PaidCurrency = amount.Currency, Status = Core.Funds.Deposits.DepositStatus.Credited,
            ProviderOrderId = channel.Kind == Core.Funds.Channels.ChannelKind.Card ? $"pi_demo_{a.Login}" : channel.Kind == Core.Funds.Channels.ChannelKind.Crypto ? $"{a.Login}{random.Next(1000, 9999)}" : reference,
            ProviderStatus = "demo", PayerName = c.DisplayName, PayerMatch = 1, RequestedBy = "system:api:Demo portal",
            CreatedAt = paidAt.AddMinutes(-5), PaidAt = paidAt, DecidedAt = paidAt, CreditedAt = paidAt, LedgerTransactionId = posted.Value.TransactionId,
        });
        db.PlatformBalanceOperations.Add(new Core.Funds.Balances.PlatformBalanceOperation
        {
            TradingAccountId = a.Id, Login = a.Login, Type = BalanceOperationType.Balance, AmountMinor = (amount - fee).Minor, Currency = amount.Currency,
            Comment = comment, Cause = $"deposit {reference}", LedgerTransactionId = posted.Value.TransactionId, Status = Core.Funds.Balances.BalanceOperationStatus.Applied,
            Attempts = 1, CreatedAt = paidAt, NextAttemptAt = paidAt, AppliedAt = paidAt, Ticket = ticket,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Finance's morning: third-party payments in review, large card deposits to confirm, wires to match, a few declines.</summary>
    private async Task AddOpenDepositsAsync(List<(Client Client, List<TradingAccount> Accounts)> book, Random random, CancellationToken ct)
    {
        var channels = await db.PaymentChannels.AsNoTracking().ToDictionaryAsync(ch => ch.Code, ct);
        var candidates = book.Where(b => b.Client.Status == ClientStatus.Approved)
            .SelectMany(b => b.Accounts.Where(a => !a.IsDemo && a.Currency == "USD").Select(a => (b.Client, Account: a))).ToList();
        if (candidates.Count == 0 || !channels.ContainsKey("card") || !channels.ContainsKey("wire")) return;
        var now = clock.GetUtcNow().UtcDateTime;
        string[] payers = ["Viktor Hale", "Amara Okafor", "Lucas Brennan", "Mei Tanaka", "Omar Haddad"];
        var plan = new List<(string Channel, Core.Funds.Deposits.DepositStatus Status, Core.Funds.Deposits.DepositReviewReason Reason)>();
        plan.AddRange(Enumerable.Repeat(("card", Core.Funds.Deposits.DepositStatus.ManualReview, Core.Funds.Deposits.DepositReviewReason.ThirdPartyPayer), 4));
        plan.Add(("crypto", Core.Funds.Deposits.DepositStatus.ManualReview, Core.Funds.Deposits.DepositReviewReason.PartiallyPaid));
        plan.AddRange(Enumerable.Repeat(("card", Core.Funds.Deposits.DepositStatus.AwaitingConfirmation, Core.Funds.Deposits.DepositReviewReason.None), 3));
        plan.AddRange(Enumerable.Repeat(("wire", Core.Funds.Deposits.DepositStatus.AwaitingPayment, Core.Funds.Deposits.DepositReviewReason.None), 4));
        plan.AddRange(Enumerable.Repeat(("card", Core.Funds.Deposits.DepositStatus.Failed, Core.Funds.Deposits.DepositReviewReason.None), 3));
        foreach (var (code, status, reason) in plan)
        {
            if (!channels.TryGetValue(code, out var channel)) continue;
            var (client, account) = candidates[random.Next(candidates.Count)];
            var amount = new Core.Common.Money(status == Core.Funds.Deposits.DepositStatus.AwaitingConfirmation ? random.Next(60, 180) * 10_000L : random.Next(5, 300) * 1_000L, "USD");
            var created = now.AddMinutes(-random.Next(20, 60 * 30));
            var reference = "D-" + await Sequences.NextAsync(db, Sequences.Deposit, ct);
            var payer = reason == Core.Funds.Deposits.DepositReviewReason.ThirdPartyPayer ? payers[random.Next(payers.Length)] : client.DisplayName;
            var paid = reason == Core.Funds.Deposits.DepositReviewReason.PartiallyPaid ? amount with { Minor = amount.Minor / 2 } : amount;
            var isPaid = status is Core.Funds.Deposits.DepositStatus.ManualReview or Core.Funds.Deposits.DepositStatus.AwaitingConfirmation;
            db.Deposits.Add(new Core.Funds.Deposits.Deposit
            {
                Reference = reference, ClientId = client.Id, TradingAccountId = account.Id, ChannelId = channel.Id, AmountMinor = amount.Minor, Currency = "USD",
                Status = status, ReviewReason = reason, CreatedAt = created, RequestedBy = "system:api:Demo portal",
                ProviderOrderId = code == "card" ? $"pi_demo_{reference}" : code == "crypto" ? $"{random.Next(100_000_000, 999_999_999)}" : reference,
                ProviderStatus = status == Core.Funds.Deposits.DepositStatus.Failed ? "payment_failed" : isPaid ? "succeeded" : null,
                PaidMinor = isPaid ? paid.Minor : null, PaidCurrency = isPaid ? "USD" : null, PaidAt = isPaid ? created.AddMinutes(3) : null,
                PayerName = isPaid && code == "card" ? payer : null,
                PayerMatch = isPaid && code == "card" ? Math.Round(Core.Funds.Deposits.DepositMoves.PayerScore(payer, client.DisplayName), 3) : null,
                ReviewNote = reason switch
                {
                    Core.Funds.Deposits.DepositReviewReason.ThirdPartyPayer => $"Paid by \"{payer}\", the account holder is \"{client.DisplayName}\".",
                    Core.Funds.Deposits.DepositReviewReason.PartiallyPaid => $"Partly paid: {paid} of {amount}.",
                    _ => null,
                },
                FailureCode = status == Core.Funds.Deposits.DepositStatus.Failed ? "card_declined" : null,
                FailureMessage = status == Core.Funds.Deposits.DepositStatus.Failed ? "The card issuer declined the payment. Try another card or contact the bank." : null,
                DecidedAt = status == Core.Funds.Deposits.DepositStatus.Failed ? created.AddMinutes(2) : null,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
