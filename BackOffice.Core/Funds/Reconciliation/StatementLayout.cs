using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BackOffice.Core.Common;
using BackOffice.Core.Funds.Channels;

namespace BackOffice.Core.Funds.Reconciliation;

/// <summary>
/// How to read a statement file: which header names hold the date, the signed amount, the currency, the provider's id,
/// our reference and the payer, and how dates and decimals are written. Each channel kind has a documented standard
/// layout; any other bank or provider file is read through a mapping of its own column names.
/// </summary>
public sealed record StatementLayout
{
    public string Delimiter { get; init; } = ",";
    public string DateColumn { get; init; } = "";

    /// <summary>Signed: money in positive. With <see cref="DirectionColumn"/>, the sign comes from that column instead.</summary>
    public string AmountColumn { get; init; } = "";

    /// <summary>Null when every line is in <see cref="FixedCurrency"/>.</summary>
    public string? CurrencyColumn { get; init; }

    public string? FixedCurrency { get; init; }
    public string? ProviderIdColumn { get; init; }
    public string? ReferenceColumn { get; init; }
    public string? PayerColumn { get; init; }

    /// <summary>A credit/debit indicator column; a value in <see cref="DebitMarkers"/> makes the line money out.</summary>
    public string? DirectionColumn { get; init; }

    /// <summary>Comma-separated values of the direction column meaning money out, e.g. "D,DR,Debit".</summary>
    public string? DebitMarkers { get; init; }

    /// <summary>A .NET date format such as "dd.MM.yyyy"; empty for ISO dates (yyyy-MM-dd, with or without a time).</summary>
    public string? DateFormat { get; init; }

    /// <summary>True when amounts are written 1.234,56 rather than 1,234.56.</summary>
    public bool DecimalComma { get; init; }

    /// <summary>The documented layout of a channel kind's settlement file (see README, "Statement files").</summary>
    public static StatementLayout StandardFor(ChannelKind kind) => kind switch
    {
        ChannelKind.Card => new StatementLayout
        {
            DateColumn = "created_utc", AmountColumn = "amount", CurrencyColumn = "currency", ProviderIdColumn = "payment_id",
            ReferenceColumn = "order_reference", PayerColumn = "cardholder",
        },
        ChannelKind.Crypto => new StatementLayout
        {
            DateColumn = "date", AmountColumn = "amount", CurrencyColumn = "currency", ProviderIdColumn = "payment_id",
            ReferenceColumn = "order_id", PayerColumn = "address",
        },
        _ => new StatementLayout
        {
            DateColumn = "booking_date", AmountColumn = "amount", CurrencyColumn = "currency", ProviderIdColumn = "bank_reference",
            ReferenceColumn = "details", PayerColumn = "counterparty",
        },
    };

    /// <summary>The standard layout's header line, as the documentation and the sample files show it.</summary>
    public static string StandardHeader(ChannelKind kind) => kind switch
    {
        ChannelKind.Card => "created_utc,payment_id,order_reference,type,amount,currency,fee,cardholder",
        ChannelKind.Crypto => "date,payment_id,order_id,amount,currency,address",
        _ => "booking_date,amount,currency,counterparty,details,bank_reference",
    };

    /// <summary>What is wrong with the mapping itself, before any file is read.</summary>
    public IEnumerable<string> Problems()
    {
        if (Delimiter.Length != 1 || Delimiter[0] is '"' or '\r' or '\n') yield return "The delimiter is one character: a comma, semicolon, tab or pipe.";
        if (string.IsNullOrWhiteSpace(DateColumn)) yield return "Name the column that holds the date.";
        if (string.IsNullOrWhiteSpace(AmountColumn)) yield return "Name the column that holds the amount.";
        if (string.IsNullOrWhiteSpace(CurrencyColumn) && string.IsNullOrWhiteSpace(FixedCurrency))
            yield return "Name the currency column, or give the one currency of the whole statement.";
        if (!string.IsNullOrWhiteSpace(FixedCurrency) && Currencies.Find(FixedCurrency) is null)
            yield return $"{FixedCurrency} is not a supported currency.";
        if (string.IsNullOrWhiteSpace(ProviderIdColumn) && string.IsNullOrWhiteSpace(ReferenceColumn))
            yield return "Name at least the reference column or the provider's id column, so lines can be matched by more than amount.";
        if (!string.IsNullOrWhiteSpace(DirectionColumn) && string.IsNullOrWhiteSpace(DebitMarkers))
            yield return "Give the values of the direction column that mean money out (e.g. D, DR, Debit).";
        if (!string.IsNullOrWhiteSpace(DateFormat))
        {
            var ok = true;
            try { _ = DateTime.MinValue.AddYears(2000).ToString(DateFormat, CultureInfo.InvariantCulture); }
            catch (FormatException) { ok = false; }
            if (!ok) yield return $"\"{DateFormat}\" is not a date format (try dd.MM.yyyy or MM/dd/yyyy).";
        }
    }
}

/// <summary>A statement line as read from the file, before matching.</summary>
public sealed record StatementRow(int LineNumber, DateOnly Date, Money Amount, string? ProviderId, string? Reference, string? Payer)
{
    /// <summary>The line's identity: the same line in an overlapping statement has the same key.</summary>
    public string Key()
    {
        var text = $"{Date:yyyy-MM-dd}|{Amount.Minor}|{Amount.Currency}|{ProviderId}|{Reference}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 16);
    }
}

public sealed record StatementReadResult(IReadOnlyList<StatementRow> Rows, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Reads a statement file with a layout. Every line must read: a file with any bad line is refused whole, naming up to
/// ten lines and what is wrong with each, so nothing half-imported is ever matched.
/// </summary>
public static class StatementReader
{
    public const int MaxErrors = 10;

    public static StatementReadResult Read(byte[] content, string fileName, StatementLayout layout, int maxLines)
    {
        var errors = new List<string>();
        var rows = new List<StatementRow>();
        using var text = new StreamReader(new MemoryStream(content), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var records = new CsvRecords(text, fileName, layout.Delimiter[0]);
        try
        {
            if (!records.TryRead(out var header))
                return new StatementReadResult([], [$"{fileName} is empty."]);
            var columns = Columns(header, layout, out var missing);
            if (missing.Count > 0)
                return new StatementReadResult([], [$"{fileName} has no {string.Join(", ", missing.Select(m => $"\"{m}\""))} column (its header is: {string.Join(", ", header.Select(h => h.Trim()))})."]);
            var debit = (layout.DebitMarkers ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            while (records.TryRead(out var cells))
            {
                var line = (int)records.LineNumber;
                if (cells.Length == 1 && string.IsNullOrWhiteSpace(cells[0])) continue;
                if (rows.Count + errors.Count >= maxLines)
                    return new StatementReadResult([], [$"{fileName} has more than {maxLines:N0} lines; split it by period."]);
                var row = ReadRow(cells, line, columns, layout, debit, out var problem);
                if (row is not null) rows.Add(row);
                else if (errors.Count < MaxErrors) errors.Add($"Line {line}: {problem}");
                else if (errors.Count == MaxErrors) errors.Add("… and more lines with problems.");
            }
        }
        catch (CsvFormatException e)
        {
            errors.Add($"Line {e.LineNumber}: {e.Problem}");
        }
        if (errors.Count == 0 && rows.Count == 0) errors.Add($"{fileName} holds a header but no lines.");
        return new StatementReadResult(errors.Count == 0 ? rows : [], errors);
    }

    private sealed record ColumnIndex(int Date, int Amount, int Currency, int ProviderId, int Reference, int Payer, int Direction, int Count);

    private static ColumnIndex Columns(string[] header, StatementLayout layout, out List<string> missing)
    {
        var names = header.Select(h => h.Trim().Trim('\uFEFF')).ToList();
        var absent = new List<string>();
        int Find(string? name, bool required = true)
        {
            if (string.IsNullOrWhiteSpace(name)) return -1;
            var i = names.FindIndex(n => string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (i < 0 && required) absent.Add(name.Trim());
            return i;
        }
        var index = new ColumnIndex(Find(layout.DateColumn), Find(layout.AmountColumn), Find(layout.CurrencyColumn), Find(layout.ProviderIdColumn),
            Find(layout.ReferenceColumn), Find(layout.PayerColumn), Find(layout.DirectionColumn), names.Count);
        missing = absent;
        return index;
    }

    private static StatementRow? ReadRow(string[] cells, int line, ColumnIndex c, StatementLayout layout, HashSet<string> debit, out string problem)
    {
        problem = "";
        string? Cell(int i) => i >= 0 && i < cells.Length && cells[i].Trim() is { Length: > 0 } v ? v : null;
        if (cells.Length < c.Count)
        {
            problem = $"{cells.Length} cells where the header has {c.Count}.";
            return null;
        }
        if (!TryDate(Cell(c.Date), layout.DateFormat, out var date))
        {
            problem = $"\"{Cell(c.Date)}\" is not a date{(string.IsNullOrWhiteSpace(layout.DateFormat) ? " (expected yyyy-MM-dd)" : $" in the format {layout.DateFormat}")}.";
            return null;
        }
        var currency = (Cell(c.Currency) ?? layout.FixedCurrency ?? "").Trim().ToUpperInvariant();
        if (Currencies.Find(currency) is null)
        {
            problem = currency.Length == 0 ? "the currency is empty." : $"{currency} is not a supported currency.";
            return null;
        }
        if (!TryAmount(Cell(c.Amount), layout.DecimalComma, out var amount))
        {
            problem = $"\"{Cell(c.Amount)}\" is not an amount.";
            return null;
        }
        if (c.Direction >= 0)
            amount = Cell(c.Direction) is { } marker && debit.Contains(marker) ? -Math.Abs(amount) : Math.Abs(amount);
        var money = Money.From(amount, currency);
        if (!money.Succeeded)
        {
            problem = money.Error!.Message;
            return null;
        }
        if (money.Value.Minor == 0)
        {
            problem = "the amount is zero.";
            return null;
        }
        return new StatementRow(line, date, money.Value, Trimmed(Cell(c.ProviderId), 120), Trimmed(Cell(c.Reference), 300), Trimmed(Cell(c.Payer), 200));
    }

    private static string? Trimmed(string? text, int length) => text is null ? null : text.Length > length ? text[..length] : text;

    private static bool TryDate(string? text, string? format, out DateOnly date)
    {
        date = default;
        if (text is null) return false;
        if (!string.IsNullOrWhiteSpace(format))
        {
            if (!DateTime.TryParseExact(text, format.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var exact)) return false;
            date = DateOnly.FromDateTime(exact);
            return true;
        }
        if (text.Length < 10 || text[4] != '-' || text[7] != '-') return false;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var iso)) return false;
        date = DateOnly.FromDateTime(iso);
        return true;
    }

    private static bool TryAmount(string? text, bool decimalComma, out decimal amount)
    {
        amount = 0;
        if (text is null) return false;
        var t = text.Replace(" ", "").Replace("\u00A0", "").Replace("'", "");
        t = decimalComma ? t.Replace(".", "").Replace(',', '.') : t.Replace(",", "");
        if (t.StartsWith('(') && t.EndsWith(')')) t = "-" + t[1..^1];
        return decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
    }
}
