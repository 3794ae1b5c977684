using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Reports;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Kyc;

namespace BackOffice.Tests.Reports;

/// <summary>Report datasets built through the same commands staff use, and the report read as a manager would.</summary>
public static class ReportBook
{
    public static async Task<long> RegisterAsync(TestApp app, string country, string? managerId = null)
    {
        var result = await app.SendAs("support", new RegisterClient(ClientBook.Person(country: country), ManagerId: managerId));
        Must.Succeed(result);
        return result.Value!.Id;
    }

    public static async Task ApproveAsync(TestApp app, long clientId)
    {
        Must.Succeed(await app.SendAs("compliance", new SubmitClientForReview(clientId, "Application complete")));
        await KycBook.AcceptAllRequiredAsync(app, clientId);
        Must.Succeed(await app.SendAs("compliance", new ApproveClient(clientId, "Documents verified")));
    }

    public static async Task<Report> RunAsync(TestApp app, ReportKind kind, ReportFilter filter, string user = "manager")
    {
        var result = await app.QueryAs(user, ReportCatalogue.Of(kind).Query(filter, ReportUse.Screen));
        Must.Succeed(result);
        return result.Value!;
    }

    public static object? Value(this Report report, string figure) => report.Figure(figure).Value;

    /// <summary>The row of a table whose first column is <paramref name="key"/>.</summary>
    public static object?[] Row(this Report report, string table, object key) => report.Table(table).Rows.Single(r => Equals(r[0], key));

    public static object? Cell(this Report report, string table, object key, string column) => report.Row(table, key)[report.Table(table).Column(column)];

    /// <summary>Every figure and every row of two reports, side by side.</summary>
    public static void Same(Report expected, Report actual)
    {
        Assert.Equal(expected.Figures.Select(f => (f.Label, f.Value)), actual.Figures.Select(f => (f.Label, f.Value)));
        Assert.Equal(expected.Tables.Select(t => t.Name), actual.Tables.Select(t => t.Name));
        foreach (var (e, a) in expected.Tables.Zip(actual.Tables))
        {
            Assert.Equal(e.Total, a.Total);
            Assert.Equal(e.Rows.Count, a.Rows.Count);
            foreach (var (re, ra) in e.Rows.Zip(a.Rows))
                Assert.Equal(re, ra);
        }
    }

    public static DateOnly Today(TestApp app) => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

    public static Actor SystemActor => Actor.System("tests");
}
