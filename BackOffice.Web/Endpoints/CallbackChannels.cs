using System.Collections.Concurrent;
using BackOffice.Core.Common;
using BackOffice.Core.Funds.Channels;

namespace BackOffice.Web.Endpoints;

/// <summary>
/// Which kind of channel a callback address names, so the endpoint knows which signature to check before anything is
/// acted on. A channel's code and kind are fixed once it exists (<see cref="ChannelSettings"/>) and channels are never
/// removed, so a channel found once is remembered; a code not found is looked up again on the next callback. The
/// handler still reads the channel's settings (limits, fees, automatic approval) in the callback's own transaction.
/// </summary>
public sealed class CallbackChannels(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<string, ChannelKind> _kinds = new(StringComparer.Ordinal);

    /// <summary>The kind of the channel with this code, or null when there is none.</summary>
    public async Task<ChannelKind?> KindOfAsync(string code, Actor actor, CancellationToken ct)
    {
        if (_kinds.TryGetValue(code, out var known)) return known;
        foreach (var channel in await scopes.QueryAsAsync(new PaymentChannels(), actor, ct))
            _kinds[channel.Code] = channel.Kind;
        return _kinds.TryGetValue(code, out var kind) ? kind : null;
    }
}
