using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Reports;

/// <summary>A report: one query that feeds its screen and its Excel file.</summary>
public interface IReportQuery : IBackOfficeQuery<Result<Report>>
{
}

/// <summary>
/// On SQLite a report runs on connections of their own (<see cref="BackOfficeDb.ReportReadsConnectionString"/>), which read the
/// file through a memory map: a page already in the operating system's cache is then read without a system call, which is where
/// reports, testing many rows' clients by key across a large book, spend most of their time otherwise. Commands keep their
/// connections without a map: they write slower with one, as the map follows the file while they grow it.
/// </summary>
public sealed class ReportReadBehaviour<TMessage, TResponse>(BackOfficeDb db) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IReportQuery
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (db.ReportReadsConnectionString() is not { } reads || db.Database.GetDbConnection().State != System.Data.ConnectionState.Closed)
            return await next(message, cancellationToken);
        var own = db.Database.GetConnectionString();
        db.Database.SetConnectionString(reads);
        try
        {
            return await next(message, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
            db.Database.SetConnectionString(own);
        }
    }
}
