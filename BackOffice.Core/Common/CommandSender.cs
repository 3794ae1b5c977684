using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Core.Common;

/// <summary>
/// How pages and endpoints send commands and queries as the signed-in staff member. Each runs
/// in its own DI scope (its own DbContext), so nothing is shared between two clicks of a Blazor
/// circuit or kept open for hours.
/// </summary>
public sealed class CommandSender(IServiceScopeFactory scopes, ICurrentActorSource actors)
{
    public async Task<TResult> SendAsync<TResult>(IBackOfficeCommand<TResult> command, CancellationToken ct = default) where TResult : Result =>
        await scopes.SendAsAsync(command, await actors.GetActorAsync(), ct);

    public async Task<TResult> QueryAsync<TResult>(IBackOfficeQuery<TResult> query, CancellationToken ct = default) =>
        await scopes.QueryAsAsync(query, await actors.GetActorAsync(), ct);
}

/// <summary>Sending with an explicit actor: background jobs (a system actor), tests, benchmarks.</summary>
public static class ScopedSending
{
    public static async Task<TResult> SendAsAsync<TResult>(this IServiceScopeFactory scopes, IBackOfficeCommand<TResult> command, Actor actor,
        CancellationToken ct = default) where TResult : Result
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CommandContext>().Set(actor);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, ct);
    }

    public static async Task<TResult> QueryAsAsync<TResult>(this IServiceScopeFactory scopes, IBackOfficeQuery<TResult> query, Actor actor,
        CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CommandContext>().Set(actor);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query, ct);
    }
}
