using System.Threading.Channels;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;

namespace BackOffice.Core.Operations;

/// <summary>A live counter a module shows in the navigation and on the dashboard.</summary>
public sealed record CounterDefinition(
    string Name,
    string Label,
    string Permission,
    string Link,
    Func<BackOfficeDb, DateTime, CancellationToken, Task<int>> Compute,
    IReadOnlyList<string>? Follows = null);

public sealed record LiveChange(IReadOnlyCollection<string> Counters, IReadOnlyList<RaisedAlert> Alerts);

/// <summary>
/// Hands what committed commands touched to the pusher, which coalesces bursts, recomputes
/// the counters and sends them through the hub to the staff allowed to see them.
/// </summary>
public sealed class LiveOperations(IEnumerable<CounterDefinition> counters)
{
    private readonly Channel<LiveChange> _changes = Channel.CreateUnbounded<LiveChange>(new UnboundedChannelOptions { SingleReader = true });

    public IReadOnlyList<CounterDefinition> Counters { get; } = counters.ToList();

    public ChannelReader<LiveChange> Changes => _changes.Reader;

    /// <summary>Counters that move whenever another one does (<see cref="CounterDefinition.Follows"/>): counter → its followers.</summary>
    private readonly Dictionary<string, string[]> _followers = counters.Where(c => c.Follows is not null)
        .SelectMany(c => c.Follows!.Select(f => (Followed: f, c.Name))).GroupBy(x => x.Followed).ToDictionary(g => g.Key, g => g.Select(x => x.Name).ToArray());

    public void AfterCommit(IReadOnlyCollection<string> touched, IReadOnlyList<RaisedAlert> alerts)
    {
        if (touched.Count == 0 && alerts.Count == 0) return;
        var names = touched.ToHashSet();
        foreach (var name in touched)
            if (_followers.TryGetValue(name, out var followers)) names.UnionWith(followers);
        _changes.Writer.TryWrite(new LiveChange(names.ToArray(), alerts.ToArray()));
    }

    public CounterDefinition? Find(string name) => Counters.FirstOrDefault(c => c.Name == name);
}
