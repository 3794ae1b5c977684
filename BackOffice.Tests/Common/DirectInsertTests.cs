using BackOffice.Core.Common;
using BackOffice.Core.Operations;
using BackOffice.Core.Operations.Alerts;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Common;

/// <summary>
/// A command that adds one row and changes nothing else has that row written by a prepared INSERT rather than EF Core's
/// update pipeline: what is stored, audited and later updated must be exactly what EF Core would have made of it.
/// </summary>
[Trait("Category", "Database")]
public sealed class DirectInsertTests : IClassFixture<SharedApp>
{
    private readonly SharedApp _app;

    public DirectInsertTests(SharedApp app) => _app = app;

    [Fact]
    public async Task A_lone_new_row_is_stored_audited_and_updated_as_EF_Core_would()
    {
        var raised = await _app.Scopes.SendAsAsync(new RaiseAlert("test.direct", AlertSeverity.Critical, "Stored directly", EntityId: "c-42"), Actor.System("test"));
        Must.Succeed(raised);
        var id = raised.Value;

        var stored = await _app.Db(db => db.Alerts.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(("test.direct", AlertSeverity.Critical, "Stored directly", null, "c-42", AlertStatus.Open),
            (stored.Kind, stored.Severity, stored.Message, stored.EntityType, stored.EntityId, stored.Status));
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, stored.RaisedAt, TimeSpan.FromSeconds(1));
        // The enum is stored in the column's own form: EF Core's query by value finds it.
        Assert.True(await _app.Db(db => db.Alerts.AnyAsync(a => a.Id == id && a.Severity == AlertSeverity.Critical && a.EntityType == null)));

        // The audit entry names the row by its id and shows what was stored.
        var audit = await _app.Db(db => db.AuditEntries.AsNoTracking().Where(e => e.After != null && e.After.Contains("Stored directly")).ToListAsync());
        Assert.Contains(id.ToString(), Assert.Single(audit).After);

        // Later changes go through EF Core as usual, starting from the stored row.
        Must.Succeed(await _app.SendAs("admin", new AcknowledgeAlert(id)));
        var acknowledged = await _app.Db(db => db.Alerts.AsNoTracking().SingleAsync(a => a.Id == id));
        Assert.Equal(AlertStatus.Acknowledged, acknowledged.Status);
        Assert.Equal(stored.Version + 1, acknowledged.Version);
    }
}
