using System.Globalization;
using BackOffice.Core.Accounts;
using BackOffice.Core.Common;
using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Web.Auth;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BackOffice.Web.Features.Clients;

public partial class ClientsPage
{
    [Inject] private CommandSender Sender { get; set; } = default!;
    [Inject] private StaffSession Session { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The navigation counters link here with a status (e.g. /clients?status=Restricted).</summary>
    [SupplyParameterFromQuery(Name = "status")] public string? StatusQuery { get; set; }

    private MudDataGrid<ClientRow> _grid = default!;
    private AccountsLookups? _lookups;
    private HashSet<ClientRow> _selected = [];
    private ClientStatus? _status;
    private int? _accountType;
    private string? _region;
    private string? _country;
    private string? _manager;
    private string? _stage;
    private string? _tag;
    private DateTime? _from;
    private DateTime? _to;
    private bool _capped;

    protected override async Task OnInitializedAsync()
    {
        await Session.LoadAsync();
        _lookups = await Sender.QueryAsync(new GetAccountsLookups());
    }

    protected override void OnParametersSet()
    {
        if (Enum.TryParse<ClientStatus>(StatusQuery, out var status)) _status = status;
    }

    private async Task<GridData<ClientRow>> LoadAsync(GridState<ClientRow> state, CancellationToken ct)
    {
        var page = await Sender.QueryAsync(new ClientGrid(Filter(state.SortDefinitions.FirstOrDefault()), state.Page * state.PageSize, state.PageSize), ct);
        _capped = page.Total > ClientGrid.CountLimit;
        return new GridData<ClientRow> { Items = page.Items, TotalItems = Math.Min(page.Total, ClientGrid.CountLimit) };
    }

    private ClientFilter Filter(SortDefinition<ClientRow>? sort = null) => new()
    {
        Status = _status,
        AccountTypeId = _accountType,
        Region = _region,
        Country = _country,
        ManagerId = _manager,
        SalesStage = _stage,
        Tag = _tag,
        RegisteredFrom = Session.DayStartUtc(_from), // days in the operator's zone; clients are stored in UTC
        RegisteredTo = Session.DayStartUtc(_to?.AddDays(1)),
        Sort = sort?.SortBy switch
        {
            nameof(ClientRow.Name) => ClientSort.Name,
            nameof(ClientRow.Number) => ClientSort.Number,
            nameof(ClientRow.Status) => ClientSort.Status,
            nameof(ClientRow.Country) => ClientSort.Country,
            _ => ClientSort.RegisteredAt,
        },
        Descending = sort?.Descending ?? true,
    };

    private async Task Search()
    {
        _selected.Clear();
        await _grid.ReloadServerData();
    }

    private async Task ClearFilters()
    {
        _status = null;
        _accountType = null;
        _region = _country = _manager = _stage = _tag = null;
        _from = _to = null;
        await Search();
    }

    private void OpenAsync(DataGridRowClickEventArgs<ClientRow> args) => Navigation.NavigateTo($"/clients/{args.Item.Id}");

    private async Task BulkAsync(ClientBulkDialog.Action action)
    {
        var ids = _selected.Select(c => c.Id).ToArray();
        var parameters = new DialogParameters<ClientBulkDialog>
        {
            { d => d.Mode, action },
            { d => d.ClientIds, ids },
            { d => d.Lookups, _lookups },
        };
        var dialog = await Dialogs.ShowAsync<ClientBulkDialog>($"{ids.Length} selected client(s)", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if ((await dialog.Result) is { Canceled: false })
        {
            _selected.Clear();
            _lookups = await Sender.QueryAsync(new GetAccountsLookups());
            await _grid.ReloadServerData();
        }
    }

    /// <summary>The export runs the grid's query with the grid's filters.</summary>
    private string ExportUrl
    {
        get
        {
            var f = Filter();
            var q = new List<string>();
            void Add(string key, object? value)
            {
                if (value is not null && value.ToString() is { Length: > 0 } text) q.Add($"{key}={Uri.EscapeDataString(text)}");
            }
            Add("status", f.Status);
            Add("accountTypeId", f.AccountTypeId);
            Add("region", f.Region);
            Add("country", f.Country);
            Add("managerId", f.ManagerId);
            Add("salesStage", f.SalesStage);
            Add("tag", f.Tag);
            Add("from", f.RegisteredFrom?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            Add("to", f.RegisteredTo?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            return "/export/clients" + (q.Count > 0 ? "?" + string.Join("&", q) : "");
        }
    }
}
