using System.Diagnostics;
using System.Globalization;
using System.Text;
using BackOffice.Core.Kyc.Screening;
using BackOffice.Core.Kyc.Screening.Matching;
using BackOffice.Infrastructure.Sanctions;
using static BackOffice.Bench.Stats;

namespace BackOffice.Bench;

/// <summary>
/// KYC screening in memory: a synthetic book of clients (name, date of birth, country) against a
/// synthetic sanctions list, with the blocking <see cref="ScreeningIndex"/> and with the naive
/// exact-name baseline in the same run; then a re-screen of the whole book against the entries
/// a list update changed; then the index checked against comparing every entry, on a sample;
/// and the matcher's precision and recall on the labelled name pairs. No database: the figures
/// are the matching alone. A fixed seed makes every run screen the same names.
/// </summary>
public static class ScreeningMatchBenchmark
{
    private static readonly string[][] GivenNames =
    [
        ["Mohammed", "Muhammad", "Mohamed", "Ahmed", "Ahmad", "Ali", "Omar", "Khalid", "Hassan", "Hussein", "Ibrahim", "Yusuf", "Youssef",
         "Abdullah", "Abdul Rahman", "Abdel Aziz", "Saeed", "Tariq", "Faisal", "Jamal", "Karim", "Nasser", "Mustafa", "Hamza", "Bilal",
         "Walid", "Rashid", "Majid", "Salim", "Fatima", "Aisha", "Mariam", "Layla", "Noor", "Zainab", "Huda", "Samira", "Amina"],
        ["Ivan", "Sergey", "Sergei", "Aleksandr", "Alexander", "Dmitry", "Andrei", "Alexei", "Mikhail", "Nikolai", "Vladimir", "Igor",
         "Oleg", "Yuri", "Pavel", "Viktor", "Evgeny", "Gennady", "Anatoly", "Boris", "Roman", "Olga", "Elena", "Tatyana", "Natalia",
         "Irina", "Svetlana", "Ekaterina", "Marina", "Yulia", "Oksana", "Volodymyr", "Ihor", "Mykola"],
        ["Reza", "Mehdi", "Hossein", "Alireza", "Mohammad Reza", "Javad", "Farhad", "Dariush", "Rustam", "Timur", "Bakhtiyor", "Shirin", "Parisa"],
        ["James", "John", "Robert", "Michael", "David", "William", "Thomas", "Daniel", "Peter", "Paul", "Mark", "George", "Maria", "Anna",
         "Laura", "Sarah", "Emma", "Sophie", "Carlos", "José", "Juan", "Luis", "Pedro", "Miguel", "Ana", "Carmen", "Luca", "Marco",
         "Giulia", "Hans", "Klaus", "Jürgen", "Lukas", "Jan", "Piotr", "Tomasz", "Katarzyna", "François", "Pierre", "Jean"],
        ["Wei", "Li", "Chen", "Jing", "Hiroshi", "Kenji", "Yuki", "Min-jun", "Ji-woo", "Minh", "Linh", "Kwame", "Kofi", "Chinedu", "Ngozi", "Amara", "Thabo"],
    ];

    private static readonly string[] RussianStems =
        ["Petr", "Ivan", "Sokol", "Volk", "Orl", "Moroz", "Kuznets", "Lebed", "Novik", "Fedor", "Zaits", "Pavl", "Smirn", "Popov", "Vasil",
         "Bondar", "Tkach", "Kovalen", "Marchen", "Gromov", "Belov", "Antonov", "Vlasov", "Sorokin", "Yegor", "Zhukov", "Karpov", "Makar",
         "Nikit", "Stepan", "Tarasov", "Frolov", "Gusev", "Kiselev", "Medved", "Rybak", "Sidor", "Titov", "Ustin", "Yakovl"];

    private static readonly string[] RussianEndings = ["ov", "ev", "in", "sky", "enko", "chuk"];

    private static readonly string[] ArabicFamilies =
        ["Rashid", "Hamdan", "Mansouri", "Hashimi", "Zahrani", "Haddad", "Nasser", "Saleh", "Obeid", "Farouk", "Tawfiq", "Khalil", "Hamid",
         "Mahmoud", "Sharif", "Aziz", "Jaber", "Suwaidi", "Masri", "Tamimi", "Shammari", "Otaibi", "Harbi", "Ansari", "Baghdadi", "Hakim",
         "Qasim", "Sabbagh", "Khoury", "Najjar", "Darwish", "Bakri", "Hijazi", "Saadi", "Amiri", "Zubaidi", "Fayed", "Kabbani", "Rifai", "Yassin"];

    private static readonly string[] OtherFamilies =
        ["Karimi", "Rahimi", "Hosseini", "Tehrani", "Ahmadi", "Mohammadi", "Rezaei", "Moradi", "Jafari", "Sadeghi", "Karimzadeh", "Hosseinzadeh",
         "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "García", "Rodríguez", "Martínez", "Hernández", "López", "González",
         "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Rossi", "Russo", "Ferrari", "Bianchi", "Dubois", "Martin",
         "Bernard", "Kowalski", "Nowak", "Wiśniewski", "Papadopoulos", "Yılmaz", "Kaya", "Demir", "Okafor", "Mensah", "Adeyemi",
         "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Tanaka", "Suzuki", "Sato", "Nakamura", "Kim", "Park", "Lee", "Choi",
         "Nguyen", "Tran", "Le", "Pham"];

    private static readonly string[] Onsets = ["b", "d", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "sh", "kh", "g", "f", "h", "ch"];
    private static readonly string[] Vowels = ["a", "e", "i", "o", "u", "ai", "ou"];
    private static readonly string[] Endings = ["", "n", "r", "v", "ski", "ovic", "ani", "ez", "son", "ato", "oglu", "idis", "ian", "berg"];

    private static readonly string[] CompanyWords =
        ["Golden", "Crescent", "Eastern", "Star", "Blue", "Horizon", "Silver", "Lake", "Ocean", "Pearl", "Northern", "Volga", "Cedar",
         "Sunrise", "Meridian", "Orion", "Falcon", "Desert", "Rose", "Atlas", "Caspian", "Baltic", "Amber", "Phoenix", "Jade", "Summit"];

    private static readonly string[] CompanyKinds =
        ["Trading", "Shipping", "Metals", "Holdings", "Exchange", "Petrochemical", "Logistics", "Finance", "Industries", "Contracting", "Energy"];

    private static readonly string[] LegalForms = ["LLC", "Ltd", "JSC", "FZE", "GmbH", "S.A.", "Co. Ltd", "OOO", "Limited", "Inc."];

    private static readonly string[] Countries =
        ["RU", "IR", "SY", "AE", "TR", "LB", "IQ", "YE", "AF", "PK", "KP", "CN", "BY", "UA", "VE", "CU", "GB", "DE", "FR", "ES", "IT", "PL",
         "NG", "KE", "IN", "SG", "MY", "VN", "JP", "KR", "BR", "MX", "SA", "QA", "EG", "UZ", "KZ", "CY", "GR", "NL"];

    private static readonly (string, string)[] Variants =
        [("Mohammed", "Muhammad"), ("Ahmed", "Ahmad"), ("Yusuf", "Yousef"), ("Youssef", "Yusuf"), ("Aleksandr", "Alexander"),
         ("Sergey", "Sergei"), ("Dmitry", "Dmitriy"), ("Alexei", "Aleksey"), ("Hussein", "Husain"), ("Omar", "Umar"), ("Olga", "Olha"),
         ("Tatyana", "Tatiana"), ("Evgeny", "Yevgeny"), ("Igor", "Ihor"), ("ov", "ow"), ("sky", "skiy"), ("Abdul ", "Abd al-")];

    private sealed record Client(ScreeningSubject Subject, ListEntry? PlantedFrom);

    private sealed record Pass(string Name, double Seconds, double CpuSeconds, long Hits, long ClientsHit, long Compared, int PlantedFound);

    public static Task<int> RunAsync(string[] args)
    {
        var clientCount = Option(args, "--clients", 1_000_000);
        var entryCount = Option(args, "--entries", 20_000);
        var changedCount = Option(args, "--changed", 100);
        var threads = Option(args, "--threads", 2);
        var sample = Option(args, "--sample", 2_000);
        var planted = Option(args, "--planted", 2_000);
        var pairs = TextOption(args, "--pairs") ?? ScreeningQualityBenchmark.DefaultPath() ?? Path.Combine("BackOffice.Tests", "Kyc", "Screening", "name-pairs.tsv");
        Console.WriteLine($"screening benchmark: {clientCount:N0} clients ({planted:N0} planted near list entries) against {entryCount:N0} entries, " +
            $"{changedCount} changed; {threads} threads on {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}, " +
            $"load {F(LoadAverage(), "0.00")}");

        Quality(pairs);

        var random = new Random(2026_11_27);
        var generating = Stopwatch.StartNew();
        var list = Enumerable.Range(1, entryCount).Select(i => Entry(i, random)).ToList();
        var clients = Enumerable.Range(0, clientCount).Select(i => i < planted ? Planted(list, random) : RandomClient(random)).ToArray();
        random.Shuffle(clients);
        Console.WriteLine($"generated in {F(generating.Elapsed.TotalSeconds, "0.0")} s: {list.Sum(e => 1 + e.Aliases.Count):N0} names and aliases; " +
            $"{list.Count(e => e.Kind == EntryKind.Person):N0} persons");

        var matcher = new NameMatcher();
        var (index, indexing) = Timed(() => ScreeningIndex.Build(list, matcher));
        var (exact, exactIndexing) = Timed(() => ExactNameIndex.Build(list));
        Console.WriteLine($"index built in {F(indexing.TotalMilliseconds, "0")} ms ({index.NameCount:N0} names, {index.FormCount:N0} distinct); exact baseline in {F(exactIndexing.TotalMilliseconds, "0")} ms; " +
            $"managed heap {GC.GetTotalMemory(forceFullCollection: true) / 1024 / 1024:N0} MB with the book");

        var fuzzy = ScreenAll("fuzzy, index", clients, threads, c => (index.Screen(c, out var n), n));
        var naive = ScreenAll("exact baseline", clients, threads, c => (exact.Screen(c), 0));

        // A list update as an import sees it: the previous import's hashes by key, the new list with some entries changed,
        // the changes found by ListChanges (as the import finds them), and the whole book screened against those alone.
        var previousHashes = list.ToDictionary(e => e.Key, e => e.ContentHash());
        var updated = list.ToList();
        foreach (var i in Enumerable.Range(0, list.Count).OrderBy(_ => random.Next()).Take(changedCount))
        {
            // A variant can come out the same once normalised (an alias the entry already has): draw again, so exactly this many change.
            do updated[i] = Changed(list[i], random);
            while (updated[i].ContentHash() == previousHashes[list[i].Key]);
        }
        var (changes, diffing) = Timed(() => ListChanges.Between(previousHashes, updated));
        var changed = changes.ToScreen.ToList();
        var (delta, deltaIndexing) = Timed(() => ScreeningIndex.Build(changed, matcher));
        Console.WriteLine($"list update: {changes.Changed.Count} changed, {changes.Added.Count} added, {changes.RemovedKeys.Count} removed of {updated.Count:N0}, " +
            $"found in {F(diffing.TotalMilliseconds, "0")} ms; index of the {changed.Count} to screen built in {F(deltaIndexing.TotalMilliseconds, "0.0")} ms");
        var rescreen = ScreenAll($"re-screen against {changed.Count} changed", clients, threads, c => (delta.Screen(c, out var n), n));

        Console.WriteLine();
        Console.WriteLine("| pass | wall time | CPU time | clients/s | hits | clients with a hit | distinct names scored per client | planted found |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var p in new[] { fuzzy, naive, rescreen })
            Console.WriteLine($"| {p.Name} | {F(p.Seconds, "0.0")} s | {F(p.CpuSeconds, "0.0")} s | {F(clients.Length / p.Seconds, "#,0")} | {p.Hits:N0} | " +
                $"{p.ClientsHit:N0} | {F((double)p.Compared / clients.Length, "0.0")} | {(p == rescreen ? "–" : $"{p.PlantedFound:N0} / {planted:N0}")} |");

        MissedPlanted(matcher, clients);
        AgainstEveryEntry(index, clients, sample, random);
        ParseSpeed(list);
        return Task.FromResult(0);
    }

    /// <summary>Some planted clients the fuzzy pass did not hit, with their best name score: what the threshold leaves out.</summary>
    private static void MissedPlanted(NameMatcher matcher, Client[] clients)
    {
        var missed = clients.Where(c => c.PlantedFrom is { } source && matcher.Match(c.Subject, source) is null).ToList();
        Console.WriteLine();
        Console.WriteLine($"planted clients not hit: {missed.Count:N0}; for example:");
        foreach (var c in missed.Take(12))
        {
            var source = c.PlantedFrom!;
            var best = source.Aliases.Prepend(source.Name).Max(n => matcher.CompareNames(c.Subject.Name, n));
            Console.WriteLine($"  {c.Subject.Name} ({c.Subject.BirthDate:yyyy-MM-dd}, {c.Subject.Country}) ~ {source.Name} " +
                $"({string.Join("/", source.BirthDates)}, {string.Join("/", source.Countries)}): name {F(best, "0.000")}");
        }
    }

    /// <summary>The list as OFAC and OpenSanctions files in memory, read by the parsers: a full import's reading time.</summary>
    private static void ParseSpeed(List<ListEntry> list)
    {
        var sdn = new StringBuilder();
        var alt = new StringBuilder();
        var add = new StringBuilder();
        var open = new StringBuilder("id,schema,name,aliases,birth_date,countries,sanctions,dataset\n");
        var aliasNumber = 0;
        foreach (var e in list)
        {
            var type = e.Kind switch { EntryKind.Person => "\"individual\"", EntryKind.Vessel => "\"vessel\"", _ => "-0- " };
            var remarks = e.BirthDates.Count == 0 ? "-0- " : $"\"DOB {e.BirthDates[0]}; POB Example City\"";
            sdn.Append($"{e.ExternalId},\"{e.Name}\",{type},\"SDGT] [BENCH\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,{remarks}\r\n");
            foreach (var alias in e.Aliases)
                alt.Append($"{e.ExternalId},{++aliasNumber},\"aka\",\"{alias}\",-0- \r\n");
            foreach (var country in e.Countries)
                add.Append($"{e.ExternalId},{++aliasNumber},-0- ,\"Example City\",\"{country}\",-0- \r\n");
            open.Append($"{e.ExternalId},Person,\"{e.Name}\",\"{string.Join(';', e.Aliases)}\",{string.Join(';', e.BirthDates)},{string.Join(';', e.Countries)},BENCH,Bench list\n");
        }
        var ((ofac, opened), elapsed) = Timed(() => (
            OfacSdnParser.Parse(new StringReader(sdn.Append('\u001A').ToString()), new StringReader(alt.ToString()), new StringReader(add.ToString())),
            OpenSanctionsParser.Parse(new StringReader(open.ToString()))));
        var (_, ofacAlone) = Timed(() => OfacSdnParser.Parse(new StringReader(sdn.ToString()), new StringReader(alt.ToString()), new StringReader(add.ToString())));
        Console.WriteLine();
        Console.WriteLine($"parsing: OFAC set ({ofac.Entries.Count:N0} entries, {sdn.Length / 1024:N0} KB SDN.CSV) and OpenSanctions ({opened.Entries.Count:N0} rows) " +
            $"together {F(elapsed.TotalMilliseconds, "0")} ms (first run), OFAC set again {F(ofacAlone.TotalMilliseconds, "0")} ms");
    }

    /// <summary>The index against comparing every entry, on a sample (half of it planted clients): what blocking loses, and what it saves.</summary>
    private static void AgainstEveryEntry(ScreeningIndex index, Client[] clients, int sample, Random random)
    {
        var chosen = clients.Where(c => c.PlantedFrom is not null).Take(sample / 2)
            .Concat(clients.Where(c => c.PlantedFrom is null).OrderBy(_ => random.Next()).Take(sample / 2)).ToList();
        long expected = 0, missed = 0;
        var started = Stopwatch.StartNew();
        var everyEntry = new List<IReadOnlyList<ScreeningHit>>(chosen.Count);
        foreach (var client in chosen)
            everyEntry.Add(index.ScreenEveryEntry(client.Subject));
        var perClient = started.Elapsed.TotalMilliseconds / chosen.Count;
        var examples = new List<string>();
        for (var i = 0; i < chosen.Count; i++)
        {
            var found = index.Screen(chosen[i].Subject).Select(h => h.Entry).ToHashSet();
            expected += everyEntry[i].Count;
            foreach (var lost in everyEntry[i].Where(h => !found.Contains(h.Entry)))
            {
                missed++;
                examples.Add($"{chosen[i].Subject.Name} ~ {lost.MatchedName} ({F(lost.Score, "0.000")})");
            }
        }
        Console.WriteLine();
        Console.WriteLine($"against comparing every entry, {chosen.Count:N0} clients: {expected:N0} hits, {missed:N0} missed by the index " +
            $"(recall {F(expected == 0 ? 1 : 1 - (double)missed / expected, "0.0000")}); every entry costs {F(perClient, "0.0")} ms a client on one thread, " +
            $"{F(perClient * clients.Length / 1000 / 3600, "0.0")} h for the book");
        foreach (var example in examples.Take(10))
            Console.WriteLine($"  missed: {example}");
    }

    private static Pass ScreenAll(string name, Client[] clients, int threads, Func<ScreeningSubject, (IReadOnlyList<ScreeningHit> Hits, int Compared)> screen)
    {
        GC.Collect();
        long hits = 0, clientsHit = 0, compared = 0;
        var planted = 0;
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var started = Stopwatch.StartNew();
        Parallel.For(0, clients.Length, new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => (Hits: 0L, ClientsHit: 0L, Compared: 0L, Planted: 0),
            (i, _, local) =>
            {
                var (found, scored) = screen(clients[i].Subject);
                var plantedFound = clients[i].PlantedFrom is { } source && found.Any(h => ReferenceEquals(h.Entry, source)) ? 1 : 0;
                return (local.Hits + found.Count, local.ClientsHit + (found.Count > 0 ? 1 : 0), local.Compared + scored, local.Planted + plantedFound);
            },
            local =>
            {
                Interlocked.Add(ref hits, local.Hits);
                Interlocked.Add(ref clientsHit, local.ClientsHit);
                Interlocked.Add(ref compared, local.Compared);
                Interlocked.Add(ref planted, local.Planted);
            });
        var elapsed = started.Elapsed;
        process.Refresh();
        var pass = new Pass(name, elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds, hits, clientsHit, compared, planted);
        Console.WriteLine($"{name}: {F(pass.Seconds, "0.0")} s, {pass.Hits:N0} hits, load {F(LoadAverage(), "0.00")}");
        return pass;
    }

    /// <summary>Precision and recall on the labelled pairs, for the fuzzy matcher and the exact baseline.</summary>
    private static void Quality(string path)
    {
        if (!File.Exists(path))
        {
            Console.WriteLine($"labelled pairs not found at {path}: quality skipped (run from the repository root or pass --pairs)");
            return;
        }
        var rows = File.ReadLines(path).Skip(1).Select(l => l.Split('\t')).Where(c => c.Length >= 4).ToList();
        var matcher = new NameMatcher();
        void Report(string name, Func<string, string, bool> hit)
        {
            var results = rows.Select(r => (Expected: r[2] == "1", Hit: hit(r[0], r[1]))).ToList();
            double tp = results.Count(r => r.Hit && r.Expected), fp = results.Count(r => r.Hit && !r.Expected), fn = results.Count(r => !r.Hit && r.Expected);
            Console.WriteLine($"{name}: precision {F(tp / (tp + fp), "0.000")}, recall {F(tp / (tp + fn), "0.000")} " +
                $"({tp} of {tp + fn} same-person pairs found, {fp} of {results.Count(r => !r.Expected)} different-person pairs hit)");
        }
        Console.WriteLine($"labelled pairs: {rows.Count} from {path}");
        Report($"fuzzy matcher at {F(matcher.Threshold, "0.00")}", (q, l) => matcher.CompareNames(q, l) >= matcher.Threshold);
        Report("exact baseline", (q, l) => NameNormaliser.Normalise(q) == NameNormaliser.Normalise(l));
    }

    private static (T Value, TimeSpan Elapsed) Timed<T>(Func<T> work)
    {
        var started = Stopwatch.StartNew();
        var value = work();
        return (value, started.Elapsed);
    }

    private static T Pick<T>(T[] items, Random random) => items[random.Next(items.Length)];

    /// <summary>
    /// A family name. The list: Russian-style 30 %, Arabic 30 % (half of them with a made-up
    /// root), other common names 2 %, made up 38 %. The book: Russian-style 10 %, Arabic 6 %,
    /// other common names 60 %, made up 24 %.
    /// </summary>
    private static string Family(Random random, bool listed) => (random.Next(50), listed) switch
    {
        ( < 15, true) or ( < 5, false) => Pick(RussianStems, random) + Pick(RussianEndings, random),
        ( < 30, true) or ( < 8, false) => (random.Next(3) == 0 ? "Al-" : random.Next(2) == 0 ? "Al " : "")
            + (listed && random.Next(2) == 0 ? Invented(random) : Pick(ArabicFamilies, random)),
        ( < 31, true) or ( < 38, false) => Pick(OtherFamilies, random),
        _ => Invented(random),
    };

    /// <summary>A made-up family name (several thousand possible): the long tail of rare names a real book has.</summary>
    private static string Invented(Random random)
    {
        var syllables = string.Concat(Enumerable.Range(0, 2 + random.Next(2)).Select(_ => Pick(Onsets, random) + Pick(Vowels, random)));
        return char.ToUpperInvariant(syllables[0]) + syllables[1..] + Pick(Endings, random);
    }

    private static string Person(Random random, bool listed)
    {
        var culture = GivenNames[random.Next(GivenNames.Length)];
        var given = random.Next(5) == 0 ? $"{Pick(culture, random)} {Pick(culture, random)}" : Pick(culture, random);
        return $"{given} {Family(random, listed)}";
    }

    private static ListEntry Entry(int id, Random random)
    {
        var roll = random.Next(100);
        var kind = roll < 80 ? EntryKind.Person : roll < 95 ? EntryKind.Organization : EntryKind.Vessel;
        var name = kind switch
        {
            EntryKind.Person => Person(random, listed: true),
            EntryKind.Organization => $"{Pick(CompanyWords, random)} {Pick(CompanyWords, random)} {Pick(CompanyKinds, random)} {Pick(LegalForms, random)}",
            _ => $"{Pick(CompanyWords, random)} {Pick(CompanyWords, random)}".ToUpperInvariant(),
        };
        var aliases = Enumerable.Range(0, random.Next(4)).Select(_ => kind == EntryKind.Person ? Perturb(name, random) : $"{Pick(CompanyWords, random)} {name}").Distinct().ToList();
        var born = kind != EntryKind.Person || random.Next(5) == 0 ? []
            : random.Next(2) == 0 ? new[] { (1940 + random.Next(60)).ToString(CultureInfo.InvariantCulture) }
            : new[] { new DateOnly(1940 + random.Next(60), 1 + random.Next(12), 1 + random.Next(28)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        var countries = Enumerable.Range(0, 1 + random.Next(2)).Select(_ => Pick(Countries, random)).Distinct().ToList();
        return new ListEntry("bench", id.ToString(CultureInfo.InvariantCulture), kind, name, aliases, born, countries, "BENCH", IsPep: random.Next(10) == 0);
    }

    private static Client RandomClient(Random random) =>
        new(new ScreeningSubject(Person(random, listed: false), new DateOnly(1950 + random.Next(55), 1 + random.Next(12), 1 + random.Next(28)), Pick(Countries, random)), null);

    /// <summary>A client who is a listed person, registered under a variant of the name, with the listed date of birth and mostly the listed country.</summary>
    private static Client Planted(List<ListEntry> list, Random random)
    {
        var entry = list[random.Next(list.Count)];
        while (entry.Kind != EntryKind.Person)
            entry = list[random.Next(list.Count)];
        DateOnly? born = entry.BirthDates.Count == 0 ? new DateOnly(1950 + random.Next(55), 1 + random.Next(12), 1 + random.Next(28))
            : entry.BirthDates[0].Length == 10 ? DateOnly.ParseExact(entry.BirthDates[0], "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : new DateOnly(int.Parse(entry.BirthDates[0], CultureInfo.InvariantCulture), 1 + random.Next(12), 1 + random.Next(28));
        var country = random.Next(5) > 0 ? entry.Countries[0] : Pick(Countries, random);
        return new Client(new ScreeningSubject(Perturb(entry.Name, random), born, country), entry);
    }

    /// <summary>An entry as a list update might change it: a new alias, or a corrected spelling.</summary>
    private static ListEntry Changed(ListEntry entry, Random random) =>
        random.Next(2) == 0
            ? entry with { Aliases = [.. entry.Aliases, Perturb(entry.Name, random)] }
            : entry with { Name = Perturb(entry.Name, random), Aliases = [.. entry.Aliases, entry.Name] };

    /// <summary>One of the ways the same person's name is written differently.</summary>
    private static string Perturb(string name, Random random)
    {
        var parts = name.Split(' ');
        switch (random.Next(7))
        {
            case 0:
                var variant = Array.FindIndex(Variants, v => name.Contains(v.Item1, StringComparison.Ordinal));
                return variant < 0 ? name.ToUpperInvariant() : name.Replace(Variants[variant].Item1, Variants[variant].Item2, StringComparison.Ordinal);
            case 1:
                return $"{parts[^1].ToUpperInvariant()}, {string.Join(' ', parts[..^1])}";
            case 2:
                return $"{parts[0][0]}. {string.Join(' ', parts[1..])}";
            case 3 when parts.Length > 2:
                return $"{parts[0]} {parts[^1]}";
            case 4:
                var i = random.Next(parts.Length);
                var at = random.Next(1, Math.Max(2, parts[i].Length - 1));
                if (at + 1 < parts[i].Length)
                    parts[i] = string.Concat(parts[i].AsSpan(0, at), parts[i][at + 1].ToString(), parts[i][at].ToString(), parts[i].AsSpan(at + 2));
                return string.Join(' ', parts);
            case 5:
                var j = random.Next(parts.Length);
                if (parts[j].Length > 3)
                    parts[j] = parts[j].Remove(random.Next(1, parts[j].Length), 1);
                return string.Join(' ', parts);
            default:
                return $"{string.Join(' ', parts[..^1])} {Pick(GivenNames[random.Next(GivenNames.Length)], random)} {parts[^1]}";
        }
    }
}
