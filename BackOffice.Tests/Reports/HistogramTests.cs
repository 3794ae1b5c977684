using BackOffice.Core.Reports;
using BackOffice.Core.Reports.Accounts;
using BackOffice.Core.Reports.Facts;

namespace BackOffice.Tests.Reports;

/// <summary>The counts by value behind the account report's average and median time to approve, as kept in the daily facts.</summary>
public sealed class HistogramTests
{
    private static Histogram Of(params long[] values)
    {
        var histogram = new Histogram();
        foreach (var value in values) histogram.Add(value);
        return histogram;
    }

    [Fact]
    public void Adding_two_merges_their_counts_in_value_order()
    {
        var sum = Of(30, 5, 30, 12);
        sum.Add(Of(12, 40, 1));
        sum.Add(new Histogram());

        Assert.Equal([(1L, 1L), (5, 1), (12, 2), (30, 2), (40, 1)], sum.InOrder.ToArray());
        Assert.Equal(7, sum.Count);
        Assert.Equal(2, sum[30]);
        Assert.Equal(0, sum[31]);
    }

    [Fact]
    public void Average_and_median_in_hours_match_those_of_the_list()
    {
        long[] tenths = [12, 3, 250, 12, 77, 3, 3, 1000];
        var hours = tenths.Select(t => t / 10m).ToArray();

        Assert.Equal(ReportMath.Average(hours), ReportMath.Average(Of(tenths)));
        Assert.Equal(ReportMath.Median(hours), ReportMath.Median(Of(tenths)));
        Assert.Equal(ReportMath.Median(hours[..7]), ReportMath.Median(Of(tenths[..7])));
        Assert.Null(ReportMath.Median(new Histogram()));
    }

    [Fact]
    public void A_day_written_before_its_pairs_were_kept_in_order_reads_the_same()
    {
        // The earlier encoding: five totals, then the pairs in the order the approvals came.
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            foreach (var value in new long[] { 4, 3, 2, 5, 1, 3, 250, 2, 7, 1, 12, 2 })
                writer.Write7BitEncodedInt64(value);
        }
        var day = DayTotals.Decode<AccountDay>(stream.ToArray());

        Assert.Equal([(7L, 1L), (12, 2), (250, 2)], day.HoursToApprove.InOrder.ToArray());
        Assert.Equal(5, day.Approvals);
        Assert.Equal(DayTotals.Encode(day), DayTotals.Encode(DayTotals.Decode<AccountDay>(DayTotals.Encode(day))));
    }
}
