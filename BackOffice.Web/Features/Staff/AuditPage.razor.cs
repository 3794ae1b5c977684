using System.Globalization;
using System.Text.Json;
using BackOffice.Core.Common;
using BackOffice.Core.Staff.Audit;
using BackOffice.Web.Auth;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BackOffice.Web.Features.Staff;

public partial class AuditPage
{
    [Inject] private CommandSender Sender { get; set; } = default!;
    [Inject] private StaffSession Session { get; set; } = default!;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private MudDataGrid<AuditRow> _grid = default!;
    private DateTime? _from;
    private DateTime? _to;
    private string? _staff;
    private string? _action;
    private string? _entity;
    private ChainReport? _chain;
    private bool _verifying;

    protected override async Task OnInitializedAsync() => await Session.LoadAsync();

    private async Task<GridData<AuditRow>> LoadAsync(GridState<AuditRow> state, CancellationToken ct)
    {
        var page = await Sender.QueryAsync(new AuditTrail(Filter(), state.Page * state.PageSize, state.PageSize), ct);
        return new GridData<AuditRow> { Items = page.Items, TotalItems = page.Total };
    }

    private Task Search() => _grid.ReloadServerData();

    private async Task ClearFilters()
    {
        _from = _to = null;
        _staff = _action = _entity = null;
        await _grid.ReloadServerData();
    }

    /// <summary>The dates picked are days in the operator's time zone; the trail stores UTC.</summary>
    private AuditFilter Filter()
    {
        return new AuditFilter(Session.DayStartUtc(_from), Session.DayStartUtc(_to?.AddDays(1)), Blank(_staff), Blank(_action), Blank(_entity));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The export runs the same query with the same filters as the grid.</summary>
    private string ExportUrl
    {
        get
        {
            var f = Filter();
            var query = new List<string>();
            if (f.FromUtc is { } from) query.Add("from=" + Uri.EscapeDataString(from.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)));
            if (f.ToUtc is { } to) query.Add("to=" + Uri.EscapeDataString(to.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)));
            if (f.Staff is { } staff) query.Add("staff=" + Uri.EscapeDataString(staff));
            if (f.Action is { } action) query.Add("action=" + Uri.EscapeDataString(action));
            if (f.Entity is { } entity) query.Add("entity=" + Uri.EscapeDataString(entity));
            return "/export/audit" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
        }
    }

    private async Task VerifyChain()
    {
        _verifying = true;
        try
        {
            _chain = await Sender.QueryAsync(new VerifyAuditChain());
        }
        finally
        {
            _verifying = false;
        }
    }

    private static string Json(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return "—";
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
