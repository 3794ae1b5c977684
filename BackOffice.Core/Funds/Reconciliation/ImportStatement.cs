using System.Security.Cryptography;
using System.Text.Json;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Withdrawals;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Funds.Reconciliation;

public sealed record StatementImportSummary(long ImportId, int Lines, int Skipped, int Matched, int Mismatched, int TheirsOnly, int OursOnly, int ClosedLater)
{
    public string Describe() =>
        $"{Lines:N0} lines: {Matched:N0} matched, {Mismatched:N0} amount mismatches, {TheirsOnly:N0} only on the statement, {OursOnly:N0} only ours" +
        (Skipped > 0 ? $"; {Skipped:N0} already imported from an earlier statement were skipped" : "") +
        (ClosedLater > 0 ? $"; {ClosedLater:N0} earlier ours-only breaks now matched" : "") + ".";
}

/// <summary>
/// Imports a provider settlement report or a bank statement for a channel, in the channel's documented layout or with
/// a column mapping, and matches it against our deposits, refunds and payouts. The whole file reads or nothing is
/// imported; the same file is refused the second time; lines an earlier, overlapping statement brought in are skipped.
/// What does not match goes to the reconciliation queue.
/// </summary>
[RequiresPermission(FundsPermissions.Reconcile)]
public sealed record ImportStatement(string ChannelCode, string FileName, byte[] Content, StatementLayout? Mapping = null)
    : IBackOfficeCommand<Result<StatementImportSummary>>, IDescribedCommand
{
    public string Describe() => $"Import statement {FileName} for {ChannelCode}{(Mapping is null ? "" : " with a column mapping")}";

    string? IDescribedCommand.Reason => null;
}

public sealed class ImportStatementValidator : AbstractValidator<ImportStatement>
{
    public ImportStatementValidator(IOptions<FundsOptions> options)
    {
        var maxBytes = options.Value.StatementMaxMegabytes * 1024L * 1024L;
        RuleFor(x => x.ChannelCode).NotEmpty().WithMessage("Choose the channel the statement is for.");
        RuleFor(x => x.FileName).NotEmpty().WithMessage("Choose the statement file.").MaximumLength(200);
        RuleFor(x => x.FileName)
            .Must(n => n is null || Path.GetExtension(n).ToLowerInvariant() is ".csv" or ".txt")
            .WithMessage("A statement is a CSV file (.csv or .txt); export it from the provider's or bank's portal as CSV.");
        RuleFor(x => x.Content).NotNull().Must(c => c is { Length: > 0 }).WithMessage("The file is empty.");
        RuleFor(x => x.Content).Must(c => c is null || c.LongLength <= maxBytes)
            .WithMessage(x => $"The file is {x.Content!.LongLength / 1024 / 1024:N0} MB; the most accepted is {options.Value.StatementMaxMegabytes} MB. Split it by period.");
        RuleFor(x => x.Content).Must(c => c is null || c.Length == 0 || LooksLikeText(c))
            .WithMessage(x => $"{x.FileName} is not a text file (it looks like {Kind(x.Content!)}); export the statement as CSV.");
        RuleFor(x => x.Mapping).Custom((mapping, context) =>
        {
            if (mapping is null) return;
            foreach (var problem in mapping.Problems()) context.AddFailure("Mapping", problem);
        });
    }

    private static bool LooksLikeText(byte[] content) => Kind(content) == "text";

    private static string Kind(byte[] c)
    {
        static bool Starts(byte[] c, params byte[] magic) => c.Length >= magic.Length && c.AsSpan(0, magic.Length).SequenceEqual(magic);
        if (Starts(c, 0x25, 0x50, 0x44, 0x46)) return "a PDF";
        if (Starts(c, 0x50, 0x4B, 0x03, 0x04)) return "a ZIP or Excel workbook";
        if (Starts(c, 0xD0, 0xCF, 0x11, 0xE0)) return "an old Excel workbook";
        if (Starts(c, 0x89, 0x50, 0x4E, 0x47) || Starts(c, 0xFF, 0xD8, 0xFF)) return "an image";
        return c.AsSpan(0, Math.Min(c.Length, 8192)).IndexOf((byte)0) >= 0 ? "a binary file" : "text";
    }
}

public sealed class ImportStatementHandler(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context, IOptions<FundsOptions> options)
    : ICommandHandler<ImportStatement, Result<StatementImportSummary>>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask<Result<StatementImportSummary>> Handle(ImportStatement command, CancellationToken ct)
    {
        var channel = await db.PaymentChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Code == command.ChannelCode, ct);
        if (channel is null) return Error.NotFound("The payment channel");
        var sha = Convert.ToHexString(SHA256.HashData(command.Content));
        var earlier = await db.StatementImports.AsNoTracking().FirstOrDefaultAsync(i => i.ChannelId == channel.Id && i.Sha256 == sha, ct);
        if (earlier is not null)
            return Error.Conflict($"This file was already imported for {channel.Name} on {earlier.ImportedAt:yyyy-MM-dd HH:mm} UTC by {earlier.ImportedBy} " +
                                  $"(as {earlier.FileName}, {earlier.Lines:N0} lines). Nothing was imported.");

        var layout = command.Mapping ?? StatementLayout.StandardFor(channel.Kind);
        var read = StatementReader.Read(command.Content, command.FileName, layout, options.Value.StatementMaxLines);
        if (!read.Succeeded)
            return Error.Rule("statement.unreadable", $"{command.FileName} was not imported. {string.Join(" ", read.Errors)}");
        var rows = read.Rows;
        var from = rows.Min(r => r.Date);
        var to = rows.Max(r => r.Date);

        var (fresh, skipped) = await WithoutEarlierLinesAsync(channel.Id, rows, from, to, ct);
        var tolerance = options.Value.StatementDateToleranceDays;
        var ours = await OursAsync(channel, from.AddDays(-tolerance), to.AddDays(tolerance), ct);
        var outcome = StatementMatcher.Match(fresh, ours, from, to, tolerance);

        var now = clock.GetUtcNow().UtcDateTime;
        var import = new StatementImport
        {
            ChannelId = channel.Id, FileName = command.FileName.Trim(), Sha256 = sha, LayoutKind = command.Mapping is null ? "standard" : "mapped",
            LayoutJson = JsonSerializer.Serialize(layout, Json), PeriodFrom = from, PeriodTo = to, Lines = rows.Count, Skipped = skipped,
            ImportedBy = context.Actor.Name, ImportedAt = now,
        };
        db.StatementImports.Add(import);
        await db.SaveChangesAsync(ct);

        var lines = outcome.Lines.Select(o => new StatementLine
        {
            ImportId = import.Id, ChannelId = channel.Id, LineNumber = o.Row.LineNumber, Date = o.Row.Date, AmountMinor = o.Row.Amount.Minor,
            Currency = o.Row.Amount.Currency, ProviderId = o.Row.ProviderId, Reference = o.Row.Reference, Payer = o.Row.Payer, Key = o.Row.Key(),
            Match = o.Match, MatchedBy = o.By,
            DepositId = o.Match != LineMatch.Unmatched && o.Item?.Side is OurSide.Deposit or OurSide.Refund ? o.Item.Id : null,
            WithdrawalId = o.Match != LineMatch.Unmatched && o.Item?.Side == OurSide.Withdrawal ? o.Item.Id : null,
        }).ToList();
        db.StatementLines.AddRange(lines);
        await db.SaveChangesAsync(ct);

        var breaks = new List<ReconciliationBreak>();
        for (var i = 0; i < lines.Count; i++)
        {
            var o = outcome.Lines[i];
            if (o.Match == LineMatch.Matched) continue;
            breaks.Add(new ReconciliationBreak
            {
                ImportId = import.Id, ChannelId = channel.Id, Kind = o.Match == LineMatch.Mismatch ? BreakKind.AmountMismatch : BreakKind.TheirsOnly,
                StatementLineId = lines[i].Id, DepositId = o.Item?.Side is OurSide.Deposit or OurSide.Refund ? o.Item.Id : null,
                WithdrawalId = o.Item?.Side == OurSide.Withdrawal ? o.Item.Id : null, OurReference = o.Item?.Reference,
                OursMinor = o.Match == LineMatch.Mismatch ? o.Item!.Amount.Minor : null, TheirsMinor = o.Row.Amount.Minor,
                Currency = o.Row.Amount.Currency, Date = o.Row.Date, Status = BreakStatus.Open,
                Detail = Fit(o.Note ?? TheirsOnlyDetail(o.Row)),
            });
        }

        var alreadyOpen = await OpenOursOnlyAsync(channel.Id, ct);
        foreach (var item in outcome.OursOnly)
        {
            if (alreadyOpen.ContainsKey((item.Side, item.Id))) continue;
            breaks.Add(new ReconciliationBreak
            {
                ImportId = import.Id, ChannelId = channel.Id, Kind = BreakKind.OursOnly,
                DepositId = item.Side is OurSide.Deposit or OurSide.Refund ? item.Id : null, WithdrawalId = item.Side == OurSide.Withdrawal ? item.Id : null,
                OurReference = item.Reference, OursMinor = item.Amount.Minor, Currency = item.Amount.Currency, Date = item.Date, Status = BreakStatus.Open,
                Detail = Fit($"{Describe(item)} is not on the statement of {from:yyyy-MM-dd} to {to:yyyy-MM-dd}."),
            });
        }
        db.ReconciliationBreaks.AddRange(breaks);

        // Ours-only breaks of earlier statements whose item this statement shows after all.
        var closed = 0;
        foreach (var o in outcome.Lines.Where(o => o.Match != LineMatch.Unmatched && o.Item is not null))
        {
            if (!alreadyOpen.TryGetValue((o.Item!.Side, o.Item.Id), out var open)) continue;
            open.Status = BreakStatus.MatchedLater;
            open.Resolution = $"On the statement {import.FileName} (line {o.Row.LineNumber}).";
            open.ResolvedBy = import.ImportedBy;
            open.ResolvedAt = now;
            closed++;
        }

        import.Matched = outcome.Lines.Count(o => o.Match == LineMatch.Matched);
        import.Mismatched = outcome.Lines.Count(o => o.Match == LineMatch.Mismatch);
        import.TheirsOnly = outcome.Lines.Count(o => o.Match == LineMatch.Unmatched);
        import.OursOnly = breaks.Count(b => b.Kind == BreakKind.OursOnly);
        await db.SaveChangesAsync(ct);

        effects.About(nameof(StatementImport), import.Id.ToString());
        effects.Touch(FundsCounters.ReconciliationBreaks);
        return new StatementImportSummary(import.Id, import.Lines, skipped, import.Matched, import.Mismatched, import.TheirsOnly, import.OursOnly, closed);
    }

    private static string Fit(string text) => text.Length > 500 ? text[..500] : text;

    private static string TheirsOnlyDetail(StatementRow row) =>
        $"{(row.Amount.IsPositive ? "Money in" : "Money out")} of {(row.Amount.IsPositive ? row.Amount : -row.Amount)} on {row.Date:yyyy-MM-dd}" +
        (row.Payer is { } p ? $" ({(row.Amount.IsPositive ? "from" : "to")} {p})" : "") + " with nothing of ours behind it.";

    private static string Describe(OurItem item) => item.Side switch
    {
        OurSide.Deposit => $"Deposit {item.Reference} of {item.Amount}",
        OurSide.Refund => $"The refund or chargeback of {item.Reference} ({item.Amount})",
        _ => $"Payout {item.Reference} of {-item.Amount}",
    };

    /// <summary>Drops lines an earlier statement of the channel already brought in (as many times as it did).</summary>
    private async Task<(List<StatementRow> Fresh, int Skipped)> WithoutEarlierLinesAsync(int channelId, IReadOnlyList<StatementRow> rows,
        DateOnly from, DateOnly to, CancellationToken ct)
    {
        var seen = await db.StatementLines.AsNoTracking()
            .Where(l => l.ChannelId == channelId && l.Date >= from && l.Date <= to)
            .GroupBy(l => l.Key).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        if (seen.Count == 0) return (rows.ToList(), 0);
        var fresh = new List<StatementRow>(rows.Count);
        foreach (var row in rows)
        {
            var key = row.Key();
            if (seen.TryGetValue(key, out var left) && left > 0) seen[key] = left - 1;
            else fresh.Add(row);
        }
        return (fresh, rows.Count - fresh.Count);
    }

    /// <summary>
    /// Our movements on the channel in the window that no earlier statement line matched: paid deposits, refunds and
    /// chargebacks, paid withdrawals, and (for wires) deposits still awaiting payment, which a line may name.
    /// </summary>
    private async Task<List<OurItem>> OursAsync(PaymentChannel channel, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var items = new List<OurItem>();

        var paid = await db.Deposits.AsNoTracking()
            .Where(d => d.ChannelId == channel.Id && d.PaidAt >= start && d.PaidAt < end && d.PaidMinor != null)
            .Where(d => !db.StatementLines.Any(l => l.DepositId == d.Id && l.AmountMinor > 0))
            .Select(d => new { d.Id, d.Reference, d.ProviderOrderId, d.PaidMinor, d.PaidCurrency, d.PaidAt })
            .ToListAsync(ct);
        items.AddRange(paid.Select(d => new OurItem(OurSide.Deposit, d.Id, d.Reference, Ids(d.ProviderOrderId),
            new Money(d.PaidMinor!.Value, d.PaidCurrency!), DateOnly.FromDateTime(d.PaidAt!.Value))));

        var givenBack = await db.Deposits.AsNoTracking()
            .Where(d => d.ChannelId == channel.Id && (d.Status == DepositStatus.Refunded || d.Status == DepositStatus.ChargedBack))
            .Where(d => d.DecidedAt >= start && d.DecidedAt < end && d.PaidMinor != null)
            .Where(d => !db.StatementLines.Any(l => l.DepositId == d.Id && l.AmountMinor < 0))
            .Select(d => new { d.Id, d.Reference, d.ProviderOrderId, d.PaidMinor, d.PaidCurrency, d.DecidedAt })
            .ToListAsync(ct);
        items.AddRange(givenBack.Select(d => new OurItem(OurSide.Refund, d.Id, d.Reference, Ids(d.ProviderOrderId),
            new Money(-d.PaidMinor!.Value, d.PaidCurrency!), DateOnly.FromDateTime(d.DecidedAt!.Value))));

        var payouts = await db.Withdrawals.AsNoTracking()
            .Where(w => w.ChannelId == channel.Id && w.Status == WithdrawalStatus.Paid && w.PaidAt >= start && w.PaidAt < end)
            .Where(w => !db.StatementLines.Any(l => l.WithdrawalId == w.Id))
            .Select(w => new { w.Id, w.Reference, w.PayoutId, w.VoucherReference, w.AmountMinor, w.Currency, w.PaidAt })
            .ToListAsync(ct);
        items.AddRange(payouts.Select(w => new OurItem(OurSide.Withdrawal, w.Id, w.Reference, Ids(w.PayoutId, w.VoucherReference),
            new Money(-w.AmountMinor, w.Currency), DateOnly.FromDateTime(w.PaidAt!.Value))));

        if (channel.Kind == ChannelKind.BankWire)
        {
            var awaiting = await db.Deposits.AsNoTracking()
                .Where(d => d.ChannelId == channel.Id && d.Status == DepositStatus.AwaitingPayment)
                .Select(d => new { d.Id, d.Reference, d.AmountMinor, d.Currency, d.CreatedAt })
                .ToListAsync(ct);
            items.AddRange(awaiting.Select(d => new OurItem(OurSide.Deposit, d.Id, d.Reference, [], new Money(d.AmountMinor, d.Currency),
                DateOnly.FromDateTime(d.CreatedAt), AwaitingPayment: true)));
        }
        return items;
    }

    private static string[] Ids(params string?[] ids) => ids.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i!).ToArray();

    private async Task<Dictionary<(OurSide, long), ReconciliationBreak>> OpenOursOnlyAsync(int channelId, CancellationToken ct)
    {
        var open = await db.ReconciliationBreaks
            .Where(b => b.ChannelId == channelId && b.Kind == BreakKind.OursOnly && b.Status == BreakStatus.Open)
            .ToListAsync(ct);
        var result = new Dictionary<(OurSide, long), ReconciliationBreak>();
        foreach (var b in open)
        {
            var side = b.WithdrawalId is not null ? OurSide.Withdrawal : b.OursMinor < 0 ? OurSide.Refund : OurSide.Deposit;
            result[(side, b.WithdrawalId ?? b.DepositId ?? 0)] = b;
        }
        return result;
    }
}
