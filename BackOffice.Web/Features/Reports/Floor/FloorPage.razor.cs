using BackOffice.Core.Common;
using BackOffice.Core.Reports;
using BackOffice.Core.Reports.Floor;
using BackOffice.Web.Auth;
using BackOffice.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace BackOffice.Web.Features.Reports.Floor;

/// <summary>
/// The live floor: read once when it opens, then replaced by every floor the hub pushes after a commit, and read again every
/// <c>Reports:Floor:RefreshSeconds</c> so that waiting items move into older age buckets. With <c>?wall=1</c> it fills the
/// screen without the menu and turns its panels every <c>Reports:Floor:WallRotateSeconds</c>.
/// </summary>
public sealed partial class FloorPage : IAsyncDisposable
{
    private const string QueuesPrefix = "queues:";

    [Inject] private CommandSender Sender { get; set; } = default!;
    [Inject] private StaffSession Session { get; set; } = default!;
    [Inject] private LiveConnection Live { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private IOptions<ReportsOptions> Options { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;
    [Inject] private ILogger<FloorPage> Log { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "wall")] public string? WallParameter { get; set; }

    private bool Wall => WallParameter == "1";
    private FloorSnapshot? _floor;
    private bool _live;
    private int _panel;
    private ITimer? _refresh;
    private ITimer? _rotate;

    private FloorOptions Settings => Options.Value.Floor;

    /// <summary>The wall's panels in turn: each module's queues, then today's money, the ages chart, four-eyes and the alerts.</summary>
    private IReadOnlyList<string> Panels =>
        [.. _floor!.Queues.Select(q => q.Module).Distinct().Select(m => QueuesPrefix + m), "money", "ages", "four-eyes", "alerts"];

    private static string Title(string panel) => panel switch
    {
        "money" => "Today's money",
        "ages" => "Age of what waits",
        "four-eyes" => "Four-eyes waiting",
        "alerts" => "Alert stream",
        _ => panel[QueuesPrefix.Length..] + " queues",
    };

    protected override async Task OnInitializedAsync()
    {
        await Session.LoadAsync();
        _floor = await Sender.QueryAsync(new LiveFloor());
        Live.FloorReceived += OnFloorPushed;
        var every = TimeSpan.FromSeconds(Math.Max(5, Settings.RefreshSeconds));
        _refresh = Clock.CreateTimer(_ => _ = InvokeAsync(RefreshAsync), null, every, every);
    }

    protected override void OnParametersSet()
    {
        if (Wall && _rotate is null)
        {
            var every = TimeSpan.FromSeconds(Math.Max(3, Settings.WallRotateSeconds));
            _rotate = Clock.CreateTimer(_ => _ = InvokeAsync(Turn), null, every, every);
        }
        else if (!Wall && _rotate is not null)
        {
            _rotate.Dispose();
            _rotate = null;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
            await Live.WatchFloorAsync();
    }

    private void OnFloorPushed(FloorSnapshot floor) => _ = InvokeAsync(() =>
    {
        // A push and a periodic read can cross: the later reading wins.
        if (_floor is null || floor.AsOfUtc >= _floor.AsOfUtc)
            _floor = floor;
        _live = true;
        StateHasChanged();
    });

    private async Task RefreshAsync()
    {
        try
        {
            var floor = await Sender.QueryAsync(new LiveFloor());
            if (_floor is null || floor.AsOfUtc >= _floor.AsOfUtc)
                _floor = floor;
            StateHasChanged();
        }
        catch (Exception ex)
        {
            // The floor on screen stays; the next push or refresh replaces it.
            Log.LogWarning(ex, "Refreshing the live floor failed");
        }
    }

    private void Turn()
    {
        _panel = (_panel + 1) % Math.Max(1, _floor is null ? 1 : Panels.Count);
        StateHasChanged();
    }

    private void Show(int panel) => _panel = panel;

    private async Task FullScreenAsync()
    {
        try
        {
            await Js.InvokeVoidAsync("document.documentElement.requestFullscreen");
        }
        catch (JSException)
        {
            // The browser refused (a kiosk already full screen, or a policy): the wall still works as it is.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Live.FloorReceived -= OnFloorPushed;
        _refresh?.Dispose();
        _rotate?.Dispose();
        await Live.LeaveFloorAsync();
    }
}
