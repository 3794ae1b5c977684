using BackOffice.Core.Accounts.AccountTypes;
using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Core.Kyc.Risk;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Infrastructure.Data;

/// <summary>What a new installation starts with and an administrator then edits: account types, the capability matrix, sales stages, the documents each kind of client provides, the country risk list.</summary>
public static class ReferenceData
{
    public static IReadOnlyList<AccountType> DefaultAccountTypes() =>
    [
        new() { Name = "Standard", PlatformGroup = "real\\standard", Currencies = "USD,EUR,GBP", DefaultLeverage = 100, MaxLeverage = 500,
            AllowedLeverages = "1,10,50,100,200,300,500", MinFirstDepositMinor = 10_000 },
        new() { Name = "ECN", PlatformGroup = "real\\ecn", Currencies = "USD,EUR", DefaultLeverage = 100, MaxLeverage = 200,
            AllowedLeverages = "1,10,50,100,200", MinFirstDepositMinor = 100_000 },
        new() { Name = "Pro", PlatformGroup = "real\\pro", Currencies = "USD", DefaultLeverage = 50, MaxLeverage = 100,
            AllowedLeverages = "1,10,20,30,50,100", MinFirstDepositMinor = 1_000_000 },
        new() { Name = "Islamic", PlatformGroup = "real\\islamic", Currencies = "USD,EUR", DefaultLeverage = 100, MaxLeverage = 200,
            AllowedLeverages = "1,10,50,100,200", MinFirstDepositMinor = 10_000, SwapFree = true },
        new() { Name = "Demo", PlatformGroup = "demo\\standard", Currencies = "USD,EUR,GBP", DefaultLeverage = 100, MaxLeverage = 1000,
            AllowedLeverages = "1,10,50,100,200,500,1000", MinFirstDepositMinor = 0, IsDemo = true },
    ];

    /// <summary>
    /// The three kinds of channel a broker starts with. Card and crypto use the sandbox processor inside the console
    /// until an administrator connects a provider; the wire is manual.
    /// </summary>
    public static IReadOnlyList<Core.Funds.Channels.PaymentChannel> DefaultChannels() =>
    [
        new() { Code = "wire", Name = "Bank wire", Kind = Core.Funds.Channels.ChannelKind.BankWire, Provider = "manual", Currencies = "USD,EUR,GBP",
            MinAmount = 100, MaxAmount = 1_000_000, FeeFixed = 0, FeePercent = 0, Deposits = true, Withdrawals = true, AutoApproveUpTo = null,
            Instructions = "Beneficiary: BackOffice Markets Ltd · IBAN GB33 BUKB 2020 1555 5555 55 · BIC BUKBGB22 · Barclays Bank, London" },
        new() { Code = "card", Name = "Card", Kind = Core.Funds.Channels.ChannelKind.Card, Provider = "sandbox", Currencies = "USD,EUR,GBP",
            MinAmount = 10, MaxAmount = 20_000, FeeFixed = 0, FeePercent = 0, Deposits = true, Withdrawals = true, AutoApproveUpTo = 5_000 },
        new() { Code = "crypto", Name = "Crypto (USDT)", Kind = Core.Funds.Channels.ChannelKind.Crypto, Provider = "sandbox", Currencies = "USD,EUR",
            MinAmount = 20, MaxAmount = 100_000, FeeFixed = 0, FeePercent = 0.5m, Deposits = true, Withdrawals = true, AutoApproveUpTo = 5_000 },
    ];

    public static async Task SeedAsync(BackOfficeDb db, CancellationToken ct = default)
    {
        if (!await db.StatusCapabilities.AnyAsync(ct))
            db.StatusCapabilities.AddRange(ClientLifecycle.DefaultMatrix());
        if (!await db.SalesStages.AnyAsync(ct))
            db.SalesStages.AddRange(SalesStage.Defaults.Select((name, i) => new SalesStage { Name = name, Order = i }));
        if (!await db.AccountTypes.AnyAsync(ct))
            db.AccountTypes.AddRange(DefaultAccountTypes());
        if (!await db.DocumentRequirements.AnyAsync(ct))
            db.DocumentRequirements.AddRange(DocumentRequirement.Defaults());
        if (!await db.PaymentChannels.AnyAsync(ct))
            db.PaymentChannels.AddRange(DefaultChannels());
        if (!await db.ApprovalPolicyRules.AnyAsync(ct))
            db.ApprovalPolicyRules.AddRange(Core.Funds.Withdrawals.ApprovalPolicy.Defaults());
        // Rule by rule, so a rule added in a later release gets its defaults without touching the ones compliance tuned.
        var rules = await db.MonitoringRules.Select(r => r.Code).ToListAsync(ct);
        db.MonitoringRules.AddRange(MonitoringRuleSettings.Defaults.Where(d => !rules.Contains(d.Code)).Select(MonitoringRuleConfig.From));
        // Once: after that the list is compliance's, and a country they took off must stay off.
        await CountryRisks.StoredEditionAsync(db, ct);
        foreach (var (name, start) in Sequences.Starts)
            if (!await db.NumberSequences.AnyAsync(s => s.Name == name, ct))
                db.NumberSequences.Add(new NumberSequence { Name = name, Next = start });
        await db.SaveChangesAsync(ct);
    }
}
