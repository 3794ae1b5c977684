using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Accounts.Clients;

public enum ClientSort
{
    RegisteredAt,
    Name,
    Number,
    Status,
    Country,
}

/// <summary>The client grid's filters; the same record feeds the page and its Excel export.</summary>
public sealed record ClientFilter
{
    public ClientStatus? Status { get; init; }
    public int? AccountTypeId { get; init; }
    public string? Country { get; init; }
    public string? Region { get; init; }
    public string? ManagerId { get; init; }
    public string? Tag { get; init; }
    public string? SalesStage { get; init; }
    public DateTime? RegisteredFrom { get; init; }
    public DateTime? RegisteredTo { get; init; }
    public ClientSort Sort { get; init; } = ClientSort.RegisteredAt;
    public bool Descending { get; init; } = true;
}

public sealed record ClientRow(
    long Id, long Number, string Name, ClientKind Kind, ClientStatus Status, string Country, string Region, string Email, string Phone,
    string? ManagerName, string SalesStage, DateTime RegisteredAt, string Tags);

/// <summary>
/// One page of the client grid. The total is counted up to <see cref="CountLimit"/>: past that the
/// grid says "more than 10,000" rather than counting a million rows on every page turn.
/// </summary>
[RequiresPermission(AccountsPermissions.View)]
public sealed record ClientGrid(ClientFilter Filter, int Skip, int Take) : IBackOfficeQuery<Page<ClientRow>>
{
    public const int CountLimit = 10_000;

    /// <summary>The largest page: the Excel export reads the grid in pages of this size.</summary>
    public const int ExportChunk = 5_000;

    /// <summary>An export stops here; past it the workbook says so and the operator narrows the filters.</summary>
    public const int ExportLimit = 100_000;
}

public sealed class ClientGridHandler(BackOfficeDb db) : IQueryHandler<ClientGrid, Page<ClientRow>>
{
    public async ValueTask<Page<ClientRow>> Handle(ClientGrid query, CancellationToken ct)
    {
        var filtered = Filter(db, query.Filter);
        var total = await CountAsync(filtered, query.Filter, ct);
        var page = await Sort(filtered, query.Filter).Skip(query.Skip).Take(Math.Clamp(query.Take, 1, ClientGrid.ExportChunk)).ToListAsync(ct);
        return new Page<ClientRow>(await ClientRows.ProjectAsync(db, page, ct), total);
    }

    /// <summary>
    /// Up to the limit. A tag or an account type alone is counted from the table that holds it: testing
    /// each client for it would walk the whole book when few clients have it. The foreign keys make both exact.
    /// </summary>
    private async Task<int> CountAsync(IQueryable<Client> filtered, ClientFilter f, CancellationToken ct)
    {
        var onlyTag = f.Tag is { Length: > 0 } && f with { Tag = null } == Unfiltered(f);
        var onlyType = f.AccountTypeId is not null && f with { AccountTypeId = null } == Unfiltered(f);
        if (onlyTag)
            return await db.ClientTags.Where(t => t.Tag == f.Tag).Take(ClientGrid.CountLimit + 1).CountAsync(ct);
        if (onlyType)
            return await db.TradingAccounts.Where(a => a.AccountTypeId == f.AccountTypeId).Select(a => a.ClientId).Distinct()
                .Take(ClientGrid.CountLimit + 1).CountAsync(ct);
        return await filtered.Take(ClientGrid.CountLimit + 1).CountAsync(ct);
    }

    private static ClientFilter Unfiltered(ClientFilter f) => new() { Sort = f.Sort, Descending = f.Descending };

    public static IQueryable<Client> Filter(BackOfficeDb db, ClientFilter f)
    {
        var q = db.Clients.AsNoTracking();
        if (f.Status is { } status) q = q.Where(c => c.Status == status);
        if (f.Country is { Length: > 0 } country) q = q.Where(c => c.Country == country);
        if (f.Region is { Length: > 0 } region) q = q.Where(c => c.Region == region);
        if (f.ManagerId is { Length: > 0 } manager) q = q.Where(c => c.ManagerId == manager);
        if (f.SalesStage is { Length: > 0 } stage) q = q.Where(c => c.SalesStage == stage);
        if (f.RegisteredFrom is { } from) q = q.Where(c => c.RegisteredAt >= from);
        if (f.RegisteredTo is { } to) q = q.Where(c => c.RegisteredAt < to);
        if (f.Tag is { Length: > 0 } tag) q = q.Where(c => db.ClientTags.Any(t => t.ClientId == c.Id && t.Tag == tag));
        if (f.AccountTypeId is { } type) q = q.Where(c => db.TradingAccounts.Any(a => a.ClientId == c.Id && a.AccountTypeId == type));
        return q;
    }

    public static IQueryable<Client> Sort(IQueryable<Client> q, ClientFilter f) => (f.Sort, f.Descending) switch
    {
        (ClientSort.Name, false) => q.OrderBy(c => c.NameKey).ThenBy(c => c.Id),
        (ClientSort.Name, true) => q.OrderByDescending(c => c.NameKey).ThenByDescending(c => c.Id),
        (ClientSort.Number, false) => q.OrderBy(c => c.Number),
        (ClientSort.Number, true) => q.OrderByDescending(c => c.Number),
        (ClientSort.Status, false) => q.OrderBy(c => c.Status).ThenBy(c => c.RegisteredAt),
        (ClientSort.Status, true) => q.OrderByDescending(c => c.Status).ThenByDescending(c => c.RegisteredAt),
        (ClientSort.Country, false) => q.OrderBy(c => c.Country).ThenBy(c => c.RegisteredAt),
        (ClientSort.Country, true) => q.OrderByDescending(c => c.Country).ThenByDescending(c => c.RegisteredAt),
        (_, false) => q.OrderBy(c => c.RegisteredAt).ThenBy(c => c.Id),
        _ => q.OrderByDescending(c => c.RegisteredAt).ThenByDescending(c => c.Id),
    };
}

/// <summary>Turns a page of clients into rows: manager names and tags are looked up for that page only.</summary>
public static class ClientRows
{
    public static async Task<IReadOnlyList<ClientRow>> ProjectAsync(BackOfficeDb db, IReadOnlyList<Client> page, CancellationToken ct)
    {
        if (page.Count == 0) return [];
        var ids = page.Select(c => c.Id).ToArray();
        var managerIds = page.Select(c => c.ManagerId).OfType<string>().Distinct().ToArray();
        var managers = await db.Users.AsNoTracking().Where(u => managerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var tags = (await db.ClientTags.AsNoTracking().Where(t => ids.Contains(t.ClientId)).ToListAsync(ct))
            .GroupBy(t => t.ClientId).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(t => t.Tag).Order()));
        return page.Select(c => new ClientRow(c.Id, c.Number, c.DisplayName, c.Kind, c.Status, c.Country, c.Region, c.Email, c.Phone,
            c.ManagerId is { } m ? managers.GetValueOrDefault(m) : null, c.SalesStage, c.RegisteredAt, tags.GetValueOrDefault(c.Id, ""))).ToList();
    }
}

/// <summary>
/// The shell's search box: a client number or platform login (digits), an e-mail (has @), a
/// phone number (starts with +), otherwise the beginning of a surname or company name.
/// </summary>
[RequiresPermission(AccountsPermissions.View)]
public sealed record ClientSearch(string Text, int Take = 10) : IBackOfficeQuery<IReadOnlyList<ClientRow>>;

public sealed class ClientSearchHandler(BackOfficeDb db) : IQueryHandler<ClientSearch, IReadOnlyList<ClientRow>>
{
    public async ValueTask<IReadOnlyList<ClientRow>> Handle(ClientSearch query, CancellationToken ct)
    {
        var text = query.Text.Trim();
        if (text.Length < 2) return [];
        var take = Math.Clamp(query.Take, 1, 50);
        var clients = db.Clients.AsNoTracking();
        List<Client> found;
        if (text.StartsWith('+') || (text.All(c => char.IsDigit(c) || c is ' ' or '-' or '(' or ')') && text.Any(c => !char.IsDigit(c))))
        {
            var digits = new string(text.Where(char.IsDigit).ToArray());
            found = await Prefix(clients, Key.Phone, digits).OrderBy(c => c.PhoneKey).Take(take).ToListAsync(ct);
        }
        else if (long.TryParse(text, out var number))
        {
            var byLogin = db.TradingAccounts.Where(a => a.Login == number).Select(a => a.ClientId);
            found = await clients.Where(c => c.Number == number || byLogin.Contains(c.Id)).Take(take).ToListAsync(ct);
            if (found.Count == 0 && text.Length >= 6)
                found = await Prefix(clients, Key.Phone, text).OrderBy(c => c.PhoneKey).Take(take).ToListAsync(ct);
        }
        else if (text.Contains('@'))
            found = await Prefix(clients, Key.Email, text.ToLowerInvariant()).OrderBy(c => c.Email).Take(take).ToListAsync(ct);
        else
        {
            // A surname or company name; staff also type the start of an e-mail without its @.
            found = await Prefix(clients, Key.Name, text.ToLowerInvariant()).OrderBy(c => c.NameKey).Take(take).ToListAsync(ct);
            if (found.Count < take)
                found.AddRange((await Prefix(clients, Key.Email, text.ToLowerInvariant()).OrderBy(c => c.Email).Take(take).ToListAsync(ct))
                    .Where(c => found.All(f => f.Id != c.Id)).Take(take - found.Count));
        }
        return await ClientRows.ProjectAsync(db, found, ct);
    }

    private enum Key
    {
        Name,
        Email,
        Phone,
    }

    /// <summary>
    /// A prefix match an index can serve. SQLite: a range on the binary-ordered column. PostgreSQL:
    /// LIKE 'prefix%' (its collation may ignore punctuation, which would break a range).
    /// </summary>
    private IQueryable<Client> Prefix(IQueryable<Client> q, Key key, string prefix)
    {
        if (db.IsPostgres)
            return key switch
            {
                Key.Name => q.Where(c => c.NameKey.StartsWith(prefix)),
                Key.Email => q.Where(c => c.Email.StartsWith(prefix)),
                _ => q.Where(c => c.PhoneKey.StartsWith(prefix)),
            };
        var upper = prefix + "\uffff";
        return key switch
        {
            Key.Name => q.Where(c => string.Compare(c.NameKey, prefix) >= 0 && string.Compare(c.NameKey, upper) < 0),
            Key.Email => q.Where(c => string.Compare(c.Email, prefix) >= 0 && string.Compare(c.Email, upper) < 0),
            _ => q.Where(c => string.Compare(c.PhoneKey, prefix) >= 0 && string.Compare(c.PhoneKey, upper) < 0),
        };
    }
}
