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
/// On SQLite a report reads through a memory map of the file (up to 2 GB) while it runs: a page already in the operating
/// system's cache is then read without a system call, which is where reports, testing many rows' clients by key across a
/// large book, spend most of their time otherwise. The map is set on the report's connection for the report alone and taken
/// off after: a connection that writes (a command) is slower with it, as the map follows the file as it grows.
/// </summary>
public sealed class ReportReadBehaviour<TMessage, TResponse>(BackOfficeDb db) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IReportQuery
{
    private const long MapBytes = 2_147_418_112;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (db.IsPostgres) return await next(message, cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"PRAGMA mmap_size = {MapBytes}", cancellationToken);
            return await next(message, cancellationToken);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA mmap_size = 0", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }
}
