using BackOffice.Core.Common;
using BackOffice.Core.Reports;
using BackOffice.Core.Reports.Presets;
using BackOffice.Infrastructure.Excel;
using BackOffice.Web.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;

namespace BackOffice.Web.Features.Reports;

/// <summary>
/// Any report family: the filters come from the address (so a report can be bookmarked), the report query runs once and
/// its answer is drawn as figures, charts and tables — the same answer the Excel button downloads.
/// </summary>
public partial class ReportPage : IDisposable
{
    [Inject] private CommandSender Sender { get; set; } = default!;
    [Inject] private StaffSession Session { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private ReportExports Exports { get; set; } = default!;
    [Inject] private ICurrentActorSource Actors { get; set; } = default!;

    [Parameter] public string Slug { get; set; } = "";

    private ReportDefinition? _definition;
    private ReportFilter _filter = new();
    private ReportFilterChoicesList? _choices;
    private IReadOnlyList<ReportPresetRow> _presets = [];
    private Report? _report;
    private string? _error;
    private bool _offerBackground;
    private bool _loading;
    private ReportExportJob? _job;
    private CancellationTokenSource? _polling;

    /// <summary>The day-by-day table goes last: the charts above already draw it.</summary>
    private ReportTable DailyTable => _report!.Table("daily");

    private string ExportHref => $"/reports/{_definition!.Slug}/export" + (_filter.IsEmpty ? "" : "?" + _filter.ToQueryString());

    protected override void OnInitialized() => Navigation.LocationChanged += OnLocationChanged;

    protected override async Task OnParametersSetAsync()
    {
        await Session.LoadAsync();
        _definition = ReportCatalogue.Find(Slug);
        if (_definition is null || !Session.Can(_definition.Permission)) return;
        _choices ??= await Sender.QueryAsync(new ReportFilterChoices());
        _presets = await Sender.QueryAsync(new MyReportPresets(_definition.Kind));
        await RunAsync();
    }

    private void OnLocationChanged(object? sender, Microsoft.AspNetCore.Components.Routing.LocationChangedEventArgs e) =>
        _ = InvokeAsync(async () =>
        {
            if (_definition is not null && Session.Can(_definition.Permission) && Navigation.Uri.Contains("/reports/" + _definition.Slug, StringComparison.Ordinal))
            {
                await RunAsync();
                StateHasChanged();
            }
        });

    /// <summary>Reads the filter from the address and runs the report; a bad value is said, and nothing runs.</summary>
    private async Task RunAsync()
    {
        var query = QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query).Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString()));
        var (filter, errors) = ReportFilter.Parse(query);
        _filter = filter;
        _report = null;
        _offerBackground = false;
        if (errors.Count > 0)
        {
            _error = string.Join(" ", errors);
            return;
        }
        _loading = true;
        var result = await Sender.QueryAsync(_definition!.Query(filter, ReportUse.Screen));
        _loading = false;
        _error = result.Error?.Message;
        _offerBackground = result.Error?.Code == ReportScopes.RangeTooLong;
        _report = result.Value;
    }

    /// <summary>What the filter bar shows: the filter of the address, with the days the report chose when the address named none.</summary>
    private ReportFilter Shown => _report is null ? _filter : _filter with
    {
        From = _filter.From ?? Day(_report.Filters.First(f => f.Key == "From").Value),
        To = _filter.To ?? Day(_report.Filters.First(f => f.Key == "To (included)").Value),
    };

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private Task ApplyAsync(ReportFilter filter)
    {
        Navigation.NavigateTo($"/reports/{_definition!.Slug}" + (filter.IsEmpty ? "" : "?" + filter.ToQueryString()));
        return Task.CompletedTask;
    }

    private void OpenPreset(ReportPresetRow? preset)
    {
        if (preset is not null) Navigation.NavigateTo($"/reports/{_definition!.Slug}?{preset.Query}");
    }

    private async Task SavePreset()
    {
        var name = await Shared.ReasonDialog.AskAsync(Dialogs, "Save the filters as a preset", "Only you see your presets.", "Preset name",
            confirmText: "Save", confirmTestId: "preset-save", fieldTestId: "preset-name");
        if (name is null) return;
        var saved = await Sender.SendAsync(new SaveReportPreset(_definition!.Kind, name, _filter));
        if (saved.Error is { } error)
        {
            Snackbar.Add(error.Message, Severity.Error);
            return;
        }
        Snackbar.Add($"Preset '{name}' saved.", Severity.Success);
        _presets = await Sender.QueryAsync(new MyReportPresets(_definition.Kind));
    }

    private async Task StartBackgroundExport()
    {
        _job = Exports.Start(_definition!.Kind, _filter, await Actors.GetActorAsync());
        _polling?.Cancel();
        _polling = new CancellationTokenSource();
        var token = _polling.Token;
        _ = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
            while (!token.IsCancellationRequested && await timer.WaitForNextTickAsync(token))
            {
                await InvokeAsync(StateHasChanged);
                if (_job.Finished) break;
            }
        }, token);
    }

    private static string Slugify(string label) =>
        new string(label.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-').Replace("--", "-");

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        _polling?.Cancel();
    }
}
