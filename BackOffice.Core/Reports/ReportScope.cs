using System.Globalization;
using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Reports;

/// <summary>
/// A filter checked and resolved: the days as UTC instants in the operator's time zone, the account type's id, the countries
/// (a country, a region group, or both intersected), the staff member's id. Every report query works from one of these.
/// </summary>
public sealed class ReportScope
{
    public required ReportDefinition Definition { get; init; }
    public required TimeZoneInfo Zone { get; init; }
    public required DateOnly FromDay { get; init; }
    public required DateOnly ToDay { get; init; }
    public required DateTime FromUtc { get; init; }

    /// <summary>The start of the day after <see cref="ToDay"/>: ranges are half-open.</summary>
    public required DateTime ToUtc { get; init; }

    public required DateTime NowUtc { get; init; }
    public int? AccountTypeId { get; init; }

    /// <summary>Null for every country.</summary>
    public IReadOnlyCollection<string>? Countries { get; init; }

    public string? StaffId { get; init; }
    public string? StaffUserName { get; init; }
    public required IReadOnlyList<KeyValuePair<string, string>> Described { get; init; }

    /// <summary>What the report is for: on screen its long lists hold only their first <see cref="ScreenRows"/> rows.</summary>
    public ReportUse Use { get; init; }

    public int ScreenRows { get; init; } = 1000;

    public bool ForFile => Use != ReportUse.Screen;

    /// <summary>
    /// A list's keys in its order, cut to what the screen shows (whole in a file): read from an index alone and cut before each row's
    /// details are joined, so a long period reads the details of the shown rows only.
    /// </summary>
    public IQueryable<T> Shown<T>(IQueryable<T> rows) => ForFile ? rows : rows.Take(ScreenRows);

    /// <summary>True when the report is narrowed to some clients (a country or region group, a manager, an account type).</summary>
    public bool FiltersClients => Countries is not null || StaffId is not null || AccountTypeId is not null;

    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(Local(utc));

    public static DateOnly LocalDay(DateTime utc, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

    /// <summary>The UTC instant <paramref name="day"/> starts at in the operator's time zone.</summary>
    public DateTime StartOf(DateOnly day) => StartOf(day, Zone);

    public static DateTime StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // Where clocks jump forward at midnight, the day starts at the first minute that exists.
        return TimeZoneInfo.ConvertTimeToUtc(zone.IsInvalidTime(midnight) ? midnight.AddHours(1) : midnight, zone);
    }

    public DateOnly Today => LocalDay(NowUtc);

    public IEnumerable<DateOnly> Days()
    {
        for (var d = FromDay; d <= ToDay; d = d.AddDays(1)) yield return d;
    }

    /// <summary>
    /// The rows of the filter's segment: its manager (or staff member, by user name when <paramref name="staffByName"/>) or any,
    /// its account type or any, its country, or each country of its region group (added up by the caller), or any.
    /// </summary>
    public IQueryable<T> InSegment<T>(IQueryable<T> rows, bool staffByName = false) where T : class, Facts.ISegmentRow
    {
        var manager = (staffByName ? StaffUserName : StaffId) ?? "";
        var type = AccountTypeId ?? 0;
        rows = rows.Where(x => x.ManagerId == manager && x.AccountTypeId == type);
        return Countries is { } countries ? rows.Where(x => countries.Contains(x.Country)) : rows.Where(x => x.Country == "");
    }

    /// <summary>Clients matching the client filters: country or region group, account manager, and (when asked) a live account of the type.</summary>
    public IQueryable<Client> Clients(BackOfficeDb db, bool byAccountType = true)
    {
        var clients = db.Clients.AsNoTracking();
        if (Countries is { } countries) clients = clients.Where(c => countries.Contains(c.Country));
        if (StaffId is { } manager) clients = clients.Where(c => c.ManagerId == manager);
        if (byAccountType && AccountTypeId is { } type)
            clients = clients.Where(c => db.TradingAccounts.Any(a => a.ClientId == c.Id && a.AccountTypeId == type && !a.IsDemo));
        return clients;
    }

    /// <summary>One row per day of the range (days without events too), counting or summing what happened on each local day.</summary>
    public ReportTable Daily(string name, string title, params (string Header, CellKind Kind, IEnumerable<(DateTime At, decimal Value)> Events)[] series)
    {
        var days = Days().ToList();
        var index = days.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i);
        var rows = days.Select(d => new object?[series.Length + 1]).ToList();
        for (var i = 0; i < days.Count; i++)
        {
            rows[i][0] = days[i];
            for (var s = 0; s < series.Length; s++) rows[i][s + 1] = series[s].Kind == CellKind.Integer ? (object)0L : 0m;
        }
        for (var s = 0; s < series.Length; s++)
            foreach (var (at, value) in series[s].Events)
                if (index.TryGetValue(LocalDay(at), out var i))
                    rows[i][s + 1] = series[s].Kind == CellKind.Integer ? (object)((long)rows[i][s + 1]! + (long)value) : (decimal)rows[i][s + 1]! + value;
        return new ReportTable(name, title, [new("Day", CellKind.Date, 12), .. series.Select(s => new ReportColumn(s.Header, s.Kind, 16))], rows);
    }

    public Report Build(string title, IReadOnlyList<ReportFigure> figures, IReadOnlyList<ReportTable> tables, IReadOnlyList<ReportChart> charts) =>
        new(Definition.Kind, title, Definition.StaffMeaning, Described, figures, tables, charts);
}

/// <summary>Checks a report filter and resolves it against the database and the operator's time zone; a bad value changes nothing and says why.</summary>
public sealed class ReportScopes(BackOfficeDb db, TimeProvider clock, CommandContext context, IOptions<ReportsOptions> options)
{
    public const string RangeTooLong = "report.range_too_long";

    public async Task<Result<ReportScope>> ResolveAsync(ReportKind kind, ReportFilter filter, ReportUse use, CancellationToken ct)
    {
        var forExport = use == ReportUse.Background;
        var definition = ReportCatalogue.Of(kind);
        var settings = options.Value;
        var fields = new Dictionary<string, string[]>();
        void Problem(string field, string message) => fields[field] = [.. fields.GetValueOrDefault(field, []), message];

        var zone = await ZoneAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
        var to = filter.To ?? (filter.From is { } f && f > today ? f : today);
        var from = filter.From ?? to.AddDays(1 - settings.DefaultRangeDays);
        var tooLong = false;
        if (to < from)
            Problem(ReportFilter.ToKey, $"The end date ({Day(to)}) is before the start date ({Day(from)}).");
        else
        {
            var days = to.DayNumber - from.DayNumber + 1;
            var max = forExport ? settings.MaxExportRangeDays : settings.MaxLiveRangeDays;
            if (days > max)
            {
                tooLong = !forExport;
                Problem(ReportFilter.FromKey, forExport
                    ? $"The range covers {days:N0} days; an export covers at most {max:N0}."
                    : $"The range covers {days:N0} days; a report on screen covers at most {max:N0}. Use the background export for a longer range.");
            }
        }

        var described = new List<KeyValuePair<string, string>>
        {
            new("From", Day(from)), new("To (included)", Day(to)), new("Time zone", zone.Id),
        };
        if (!definition.ClientFilters)
            foreach (var (key, value, what) in new[] { (ReportFilter.TypeKey, filter.AccountType, "account type"), (ReportFilter.CountryKey, filter.Country, "country"),
                         (ReportFilter.GroupKey, filter.RegionGroup, "region group") })
                if (!string.IsNullOrWhiteSpace(value))
                    Problem(key, $"The {definition.Title.ToLowerInvariant()} is not about clients: it cannot be filtered by {what}.");

        int? typeId = null;
        if (definition.ClientFilters && filter.AccountType?.Trim() is { Length: > 0 } typeName)
        {
            var types = await db.AccountTypes.AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync(ct);
            if (types.FirstOrDefault(t => string.Equals(t.Name, typeName, StringComparison.OrdinalIgnoreCase)) is { } type)
            {
                typeId = type.Id;
                described.Add(new("Account type", type.Name));
            }
            else Problem(ReportFilter.TypeKey, $"There is no account type '{typeName}'.");
        }

        HashSet<string>? countries = null;
        if (definition.ClientFilters && filter.Country?.Trim() is { Length: > 0 } code)
        {
            if (Core.Accounts.Countries.Find(code) is { } country)
            {
                countries = [country.Code];
                described.Add(new("Country", $"{country.Code} {country.Name}"));
            }
            else Problem(ReportFilter.CountryKey, $"'{code}' is not a country code we know (two letters, e.g. GB).");
        }
        if (definition.ClientFilters && filter.RegionGroup?.Trim() is { Length: > 0 } groupName)
        {
            var groups = await db.RegionGroups.AsNoTracking().ToListAsync(ct);
            if (groups.FirstOrDefault(g => string.Equals(g.Name, groupName, StringComparison.OrdinalIgnoreCase)) is { } group)
            {
                var members = group.CountryCodes.ToHashSet();
                countries = countries is null ? members : [.. countries.Intersect(members)];
                described.Add(new("Region group", $"{group.Name} ({string.Join(", ", group.CountryCodes)})"));
            }
            else Problem(ReportFilter.GroupKey, $"There is no region group '{groupName}'.");
        }

        string? staffId = null, staffName = null;
        if (filter.Staff?.Trim() is { Length: > 0 } userName)
        {
            var normalised = userName.ToUpperInvariant();
            if (await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalised).Select(u => new { u.Id, u.UserName, u.DisplayName }).FirstOrDefaultAsync(ct)
                is { } staff)
            {
                (staffId, staffName) = (staff.Id, staff.UserName);
                described.Add(new("Staff (" + definition.StaffMeaning + ")", $"{staff.DisplayName} ({staff.UserName})"));
            }
            else Problem(ReportFilter.StaffKey, $"There is no staff member '{userName}'.");
        }

        if (fields.Count > 0)
        {
            var error = Error.Validation(fields);
            return tooLong && fields.Count == 1 ? error with { Code = RangeTooLong, Message = fields.Single().Value.Single() } : error;
        }
        return new ReportScope
        {
            Definition = definition, Zone = zone, FromDay = from, ToDay = to, NowUtc = now,
            FromUtc = ReportScope.StartOf(from, zone), ToUtc = ReportScope.StartOf(to.AddDays(1), zone),
            AccountTypeId = typeId, Countries = countries, StaffId = staffId, StaffUserName = staffName, Described = described,
            Use = use, ScreenRows = settings.ScreenRows,
        };
    }

    private async Task<TimeZoneInfo> ZoneAsync(CancellationToken ct)
    {
        if (!context.HasActor || context.Actor.StaffId is not { } id) return TimeZoneInfo.Utc;
        var name = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.TimeZone).FirstOrDefaultAsync(ct);
        return name is not null && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
