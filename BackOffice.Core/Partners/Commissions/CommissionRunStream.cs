using System.Collections.Concurrent;
using BackOffice.Core.Common.Data;

namespace BackOffice.Core.Partners.Commissions;

/// <summary>
/// A computing run as this node follows it between batches: where it reads next, the open positions and the CPA progress
/// of every client so far (in the calculator), the network and the accounts already read. A batch finds it here when the
/// batch before was committed by this node; otherwise (the node restarted, another node computed, a batch was rolled back)
/// the run starts over from its first deal, its lines so far removed in the same transaction.
/// </summary>
public sealed class CommissionRunStream(long runId, long readAfterId, long upToId, DateTime since, DateTime to, CommissionCoverage coverage,
    CommissionNetwork network)
{
    public long RunId { get; } = runId;

    /// <summary>The last deal id read (committed with the run as <see cref="CommissionRun.ReadAfterId"/>).</summary>
    public long ReadAfterId { get; set; } = readAfterId;

    public long UpToId { get; } = upToId;

    /// <summary>Deals before this are not read: the positions' lookback from the earliest deal to compute.</summary>
    public DateTime Since { get; } = since;

    public DateTime To { get; } = to;
    public CommissionCoverage Coverage { get; } = coverage;
    public CommissionNetwork Network { get; } = network;
    public CommissionCalculator Calculator { get; } = new(network);

    /// <summary>The deals' lines of the batch being computed, encoded into blocks as they are made.</summary>
    public RunLineBlocks? Blocks { get; private set; }

    /// <summary>The calculator puts the deals' lines of run <paramref name="run"/> into blocks rather than drafts.</summary>
    public void WriteBlocks(CommissionRun run) => Calculator.DealLines = Blocks = new RunLineBlocks(run.Id, run.From, run.Currency);

    /// <summary>The referred clients' trading accounts, read when the stream starts: type and currency.</summary>
    public Dictionary<long, (string Type, string Currency)> Accounts { get; } = [];

    /// <summary>Clients followed for a CPA so far.</summary>
    public HashSet<long> Followed { get; } = [];

    /// <summary>The symbols, sides and entries read so far, each made once from its stored text.</summary>
    public DealTexts Texts { get; } = new();

    private (long After, int Count, Task<List<DealFacts>> Deals)? _ahead;

    /// <summary>
    /// Starts reading the <paramref name="count"/> deals after <paramref name="after"/> on another thread while this batch
    /// computes (deals never change once recorded, and the run reads a fixed range of them).
    /// </summary>
    public void ReadAhead(long after, int count, Func<List<DealFacts>> read) => _ahead = (after, count, Task.Run(read));

    /// <summary>
    /// The deals read ahead from where the stream is, if that reading was of <paramref name="count"/> deals; otherwise null,
    /// once any reading ahead is over (it shares <see cref="Texts"/>).
    /// </summary>
    public async Task<List<DealFacts>?> TakeAheadAsync(int count)
    {
        if (_ahead is not { } ahead) return null;
        _ahead = null;
        if (ahead.After == ReadAfterId && ahead.Count == count) return await ahead.Deals;
        await ahead.Deals.ContinueWith(static _ => { }, TaskScheduler.Default);
        return null;
    }
}

public sealed class DealTexts
{
    public StoredTexts<string> Symbols { get; } = new(s => s);
    public StoredTexts<Platform.DealAction> Sides { get; } = new(Enum.Parse<Platform.DealAction>);
    public StoredTexts<Platform.DealEntry> Entries { get; } = new(Enum.Parse<Platform.DealEntry>);
}

/// <summary>The runs this node is computing, between their batches.</summary>
public sealed class CommissionRunStreams
{
    private readonly ConcurrentDictionary<long, CommissionRunStream> _runs = new();

    /// <summary>The run's stream if this node read exactly up to where the run says it was read.</summary>
    public CommissionRunStream? Find(long runId, long? readAfterId) =>
        readAfterId is { } after && _runs.TryGetValue(runId, out var stream) && stream.ReadAfterId == after ? stream : null;

    public void Keep(CommissionRunStream stream) => _runs[stream.RunId] = stream;

    public void Forget(long runId) => _runs.TryRemove(runId, out _);
}
