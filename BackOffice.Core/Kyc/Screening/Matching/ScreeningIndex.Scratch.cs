using System.Numerics;

namespace BackOffice.Core.Kyc.Screening.Matching;

public sealed partial class ScreeningIndex
{
    /// <summary>One thread's working arrays, reused across clients; a serial number stands for clearing them.</summary>
    private sealed class Scratch(int formCount, int entryCount, string[] tokens)
    {
        // A form's state: the serial of the client it was last touched for (high half), then
        // which client tokens lead to it (low bits), which through a close key (from CloseShift),
        // and whether it is already a candidate (top bit of the low half).
        private const int CloseShift = 15;
        private const uint AnyBits = (1u << CloseShift) - 1;
        private const uint CloseBits = AnyBits << CloseShift;
        private const uint CandidateBit = 1u << 31;

        /// <summary>Enough for every distinct name token of a large book; past it, the memory is started afresh.</summary>
        private const int MaxRememberedTokens = 100_000;

        private readonly ulong[] formState = new ulong[formCount];
        private readonly int[] entrySerial = new int[entryCount];
        private readonly Cached[]?[] credits = new Cached[PreparedName.MaxTokens][];
        private readonly int[] nearStamp = new int[tokens.Length];
        private readonly int[] nearIndex = new int[tokens.Length];
        private int serial;
        private int nearSerial;

        private record struct Cached(double Credit, int Serial);

        public double[] BestScore { get; } = new double[entryCount];
        public int[] BestSlot { get; } = new int[entryCount];
        public List<int> Candidates { get; } = [];
        public List<int> TouchedEntries { get; } = [];
        public List<ulong> Keys { get; } = [];

        /// <summary>Client tokens already looked up on this thread, with the list tokens near each.</summary>
        public Dictionary<string, NearToken[]> NearTokens { get; } = new(StringComparer.Ordinal);

        public readonly record struct NearToken(int Id, bool Close, double Credit);

        /// <summary>The list tokens sharing a key with the client token being looked up, and whether a close one.</summary>
        public List<(int Id, bool Close)> Marked { get; } = [];

        public void BeginNear()
        {
            if (++nearSerial == int.MaxValue)
            {
                Array.Clear(nearStamp);
                nearSerial = 1;
            }
            Marked.Clear();
        }

        public void MarkNear(int id, bool close)
        {
            if (nearStamp[id] != nearSerial)
            {
                nearStamp[id] = nearSerial;
                nearIndex[id] = Marked.Count;
                Marked.Add((id, close));
            }
            else if (close)
                Marked[nearIndex[id]] = (id, true);
        }

        /// <summary>Keeps <paramref name="near"/> for later clients, within a bound on memory.</summary>
        public void RememberNear(string token, NearToken[] near)
        {
            if (NearTokens.Count >= MaxRememberedTokens)
                NearTokens.Clear();
            NearTokens[token] = near;
        }

        public void Begin()
        {
            if (++serial == int.MaxValue)
            {
                Array.Clear(formState);
                Array.Clear(entrySerial);
                foreach (var cache in credits)
                    if (cache is not null)
                        Array.Clear(cache);
                serial = 1;
            }
            Candidates.Clear();
            TouchedEntries.Clear();
        }

        /// <summary>
        /// Client token <paramref name="token"/> leads to form <paramref name="form"/>; the form
        /// becomes a candidate once <paramref name="need"/> tokens lead to it, one of them
        /// through a close key.
        /// </summary>
        public void Hit(int form, int token, bool close, int need)
        {
            var bits = close ? 1u << token | 1u << (token + CloseShift) : 1u << token;
            var state = formState[form];
            var mask = (int)(state >> 32) == serial ? (uint)state : 0;
            if ((mask & bits) == bits)
                return;
            mask |= bits;
            if ((mask & CandidateBit) == 0 && (mask & CloseBits) != 0 && BitOperations.PopCount(mask & AnyBits) >= need)
            {
                mask |= CandidateBit;
                Candidates.Add(form);
            }
            formState[form] = (ulong)(uint)serial << 32 | mask;
        }

        /// <summary>The credit of the client's token at <paramref name="position"/> against list token <paramref name="id"/>, computed once per client.</summary>
        public double Credit(int position, int id, string clientToken)
        {
            var cache = credits[position] ??= new Cached[tokens.Length];
            ref var cached = ref cache[id];
            if (cached.Serial != serial)
                cached = new Cached(NameSimilarity.TokenCredit(clientToken, tokens[id]), serial);
            return cached.Credit;
        }

        /// <summary>Records a credit already computed, so scoring does not compute it again.</summary>
        public void KnowCredit(int position, int id, double credit) =>
            (credits[position] ??= new Cached[tokens.Length])[id] = new Cached(credit, serial);

        public void Offer(int entry, int slot, double score)
        {
            if (entrySerial[entry] != serial)
            {
                entrySerial[entry] = serial;
                TouchedEntries.Add(entry);
            }
            else if (score < BestScore[entry] || (score == BestScore[entry] && slot > BestSlot[entry]))
                return; // on a tie the primary name, then the earlier alias, as when comparing one entry alone
            BestScore[entry] = score;
            BestSlot[entry] = slot;
        }
    }
}
