using BackOffice.Core.Common.Data;
using BackOffice.Core.Staff.Audit;
using BackOffice.Core.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BackOffice.Core.Common.Pipeline;

/// <summary>
/// One database transaction per command: the handler's changes, its audit entry and its
/// outbox messages are committed together or not at all. A command sent from inside another
/// (an approved four-eyes operation) joins the outer transaction and gets its own audit entry.
/// </summary>
public sealed class TransactionBehaviour<TMessage, TResponse>(BackOfficeDb db, Effects effects, AuditWriter audit, OutboxWriter outbox,
    Reports.Facts.ReportFactsInvalidation reportFacts)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBackOfficeCommand<TResponse>
    where TResponse : Result
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var outermost = effects.Depth == 0;
        var frame = effects.Push(CommandMetadata<TMessage>.Name);
        IDbContextTransaction? transaction = null;
        if (outermost)
        {
            // The whole command is one transaction; a failure anywhere rolls all of it back, so EF's savepoints buy nothing.
            db.Database.AutoSavepointsEnabled = false;
            transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.CaptureInto = effects;
        }
        try
        {
            var result = await next(message, cancellationToken);
            if (!result.Succeeded)
                return result; // an uncommitted transaction is rolled back on dispose: nothing is written

            ChangeCapture.Capture(db, frame);
            frame.Sealed = true;
            // Changes were just detected; the audit and outbox rows are added explicitly, so the saves
            // need not scan the tracker again (each scan costs about as much as an insert).
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            try
            {
                // The handler's rows first, so the audit entry names added rows by the keys the database gave them.
                await db.SaveChangesAsync(cancellationToken);
                ChangeCapture.ResolveKeys(frame);
                await reportFacts.InvalidateAsync(frame.Changes.Values, cancellationToken);
                await outbox.WriteAsync(frame.Events, cancellationToken);
                await audit.WriteAsync(frame, message, cancellationToken);
                if (db.ChangeTracker.HasChanges()) // the audit and outbox rows are inserted directly: usually nothing is left
                    await db.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                db.ChangeTracker.AutoDetectChangesEnabled = true;
            }
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
                db.InvalidateChangedCaches();
            }
            return result;
        }
        catch (DbUpdateConcurrencyException)
        {
            return ResultFactory<TResponse>.Fail(Error.Conflict(
                "Someone else changed this record at the same moment. Nothing was saved: reload and try again."));
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // The handler checked, but another command committed the same unique value in between.
            return ResultFactory<TResponse>.Fail(Error.Conflict(
                "Someone else saved the same value at the same moment (for example the same e-mail address). Nothing was saved: reload and try again."));
        }
        finally
        {
            effects.Pop();
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
                db.ResumeCheckpoints();
                db.CaptureInto = null;
                db.ChangedCaches = SharedCaches.None;
            }
        }
    }
}

internal static class UniqueViolation
{
    /// <summary>SQLite: constraint error 19 "UNIQUE constraint failed"; PostgreSQL: SQLSTATE 23505.</summary>
    public static bool Is(DbUpdateException e) =>
        e.InnerException is { } inner
        && (inner.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal)
            || inner.GetType().GetProperty("SqlState")?.GetValue(inner) as string == "23505");
}

public sealed class NotificationBehaviour<TMessage, TResponse>(Effects effects, Operations.LiveOperations live)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBackOfficeCommand<TResponse>
    where TResponse : Result
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var result = await next(message, cancellationToken);
        // Only the outermost command has committed: a nested one's changes are not visible yet.
        if (result.Succeeded && effects.Depth == 0)
            live.AfterCommit(effects.TouchedCounters, effects.RaisedAlerts);
        return result;
    }
}
