namespace BackOffice.Core.Reports;

/// <summary>Settings of the reports (section <c>Reports</c>).</summary>
public sealed class ReportsOptions
{
    /// <summary>The longest range a report answers on screen; longer ranges go to the background export.</summary>
    public int MaxLiveRangeDays { get; set; } = 366;

    /// <summary>The longest range the background export accepts.</summary>
    public int MaxExportRangeDays { get; set; } = 3660;

    /// <summary>The range a report opens with when the address names none: the last this many days, today included.</summary>
    public int DefaultRangeDays { get; set; } = 30;

    /// <summary>A long list (every approval, every alert) shows this many rows on screen; its Excel file has them all.</summary>
    public int ScreenRows { get; set; } = 1000;

    /// <summary>Keep the daily facts that make long ranges fast up to date in the background (off only in tests, which build them when they need).</summary>
    public bool BackgroundFacts { get; set; } = true;

    /// <summary>An open due diligence case older than this is overdue.</summary>
    public int EddDueDays { get; set; } = 30;

    /// <summary>The live floor (section <c>Reports:Floor</c>).</summary>
    public Floor.FloorOptions Floor { get; set; } = new();
}
