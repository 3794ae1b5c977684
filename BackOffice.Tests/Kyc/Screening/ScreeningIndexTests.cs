using BackOffice.Core.Kyc.Screening;
using BackOffice.Core.Kyc.Screening.Matching;

namespace BackOffice.Tests.Kyc.Screening;

public sealed class ScreeningIndexTests
{
    private static readonly string[] Given =
        ["Ivan", "Sergey", "Mohammed", "Ahmed", "Yusuf", "Aleksandr", "Elena", "Olga", "Maria", "John", "Karim", "Omar", "Dmitry", "Fatima",
         "Hassan", "Li", "Wei", "Carlos", "Ana", "Tatyana", "Reza", "Ali", "Ibrahim", "Natalia", "Jose", "Anna", "Igor", "Khalid"];

    private static readonly string[] Family =
        ["Petrov", "Ivanov", "Al Rashid", "Haddad", "Karimi", "Volkov", "Sokolova", "Garcia", "Smith", "Demir", "Hussein", "Chen",
         "Wang", "Mendoza", "Novikova", "Qureshi", "Bondarenko", "Kowalski", "Nasser", "Rahimi", "Orlov", "Zaitsev", "Tanaka", "Okafor",
         "Lopez", "Saleh", "Marchenko", "Kuznetsov", "Popescu", "Hamdan", "Farouk", "Khalilov", "Morozov", "Lebedev", "Sharma", "Fischer"];

    /// <summary>A list of made-up parties: two or three names, sometimes an alias, a birth year and a country.</summary>
    private static List<ListEntry> List(int count, Random random) =>
        Enumerable.Range(1, count).Select(i =>
        {
            var name = Person(random);
            string[] aliases = random.Next(3) == 0 ? [Perturb(name, random)] : [];
            return new ListEntry("test", i.ToString(System.Globalization.CultureInfo.InvariantCulture), EntryKind.Person, name, aliases,
                [(1950 + random.Next(40)).ToString(System.Globalization.CultureInfo.InvariantCulture)], [random.Next(2) == 0 ? "RU" : "AE"], "TEST", false);
        }).ToList();

    private static string Person(Random random) =>
        random.Next(4) == 0
            ? $"{Given[random.Next(Given.Length)]} {Given[random.Next(Given.Length)]} {Family[random.Next(Family.Length)]}"
            : $"{Given[random.Next(Given.Length)]} {Family[random.Next(Family.Length)]}";

    /// <summary>The name as a client might have registered it: a typo, another order, an initial, a part left out…</summary>
    private static string Perturb(string name, Random random)
    {
        var parts = name.Split(' ').ToList();
        switch (random.Next(10))
        {
            case 0:
                var i = random.Next(parts.Count);
                var at = random.Next(1, parts[i].Length);
                parts[i] = parts[i].Remove(at, 1);
                break;
            case 1:
                var j = random.Next(parts.Count);
                var k = random.Next(parts[j].Length - 1);
                parts[j] = string.Concat(parts[j].AsSpan(0, k), parts[j][k + 1].ToString(), parts[j][k].ToString(), parts[j].AsSpan(k + 2));
                break;
            case 2:
                parts.Reverse();
                break;
            case 3:
                parts[0] = parts[0][0] + ".";
                break;
            case 4 when parts.Count > 2:
                parts.RemoveAt(1);
                break;
            case 5:
                return $"{parts[^1].ToUpperInvariant()}, {string.Join(' ', parts[..^1])}";
            case 6:
                var s = random.Next(parts.Count);
                var p = random.Next(1, parts[s].Length);
                parts[s] = string.Concat(parts[s].AsSpan(0, p), "aeiouy"[random.Next(6)].ToString(), parts[s].AsSpan(p + 1));
                break;
            case 7:
                var t = random.Next(parts.Count);
                parts[t] = parts[t].Insert(random.Next(1, parts[t].Length), "aehnr"[random.Next(5)].ToString());
                break;
            case 8:
                parts.Insert(1, Given[random.Next(Given.Length)]);
                break;
            default:
                parts[^1] = Family[random.Next(Family.Length)];
                break;
        }
        return string.Join(' ', parts);
    }

    [Fact]
    public void The_index_finds_exactly_the_hits_of_comparing_every_entry()
    {
        var random = new Random(20261127);
        var list = List(1500, random);
        var index = ScreeningIndex.Build(list);
        var subjects = Enumerable.Range(0, 1000).Select(n => new ScreeningSubject(
            n % 5 == 0 ? Person(random) : Perturb(list[random.Next(list.Count)].Name, random),
            n % 2 == 0 ? new DateOnly(1950 + random.Next(40), 1, 1) : null,
            n % 3 == 0 ? "RU" : null)).ToList();

        var compared = 0;
        var found = 0;
        foreach (var subject in subjects)
        {
            var expected = index.ScreenEveryEntry(subject).Select(h => (h.MatchedName, Math.Round(h.Score, 9))).Order().ToList();
            var actual = index.Screen(subject, out var scored).Select(h => (h.MatchedName, Math.Round(h.Score, 9))).Order().ToList();
            Assert.True(expected.SequenceEqual(actual), $"{subject.Name}: expected [{string.Join(", ", expected)}], found [{string.Join(", ", actual)}]");
            compared += scored;
            found += actual.Count;
        }

        Assert.True(found > subjects.Count / 2, $"only {found} hits: the sample does not exercise matching");
        Assert.True(compared < subjects.Count * index.NameCount / 10, $"{compared} names scored: blocking barely narrows");
    }

    [Fact]
    public void Comparing_every_entry_agrees_with_matching_each_entry_alone()
    {
        var random = new Random(5);
        var list = List(200, random);
        var index = ScreeningIndex.Build(list);

        foreach (var subject in list.Take(50).Select(e => new ScreeningSubject(Perturb(e.Name, random), new DateOnly(1960, 1, 1), "AE")))
            Assert.Equal(
                list.Select(e => index.Matcher.Match(subject, e)).OfType<ScreeningHit>().Select(h => (h.Entry.ExternalId, h.Score)).Order(),
                index.ScreenEveryEntry(subject).Select(h => (h.Entry.ExternalId, h.Score)).Order());
    }

    [Fact]
    public void Hits_come_best_first_one_per_entry()
    {
        var list = new[]
        {
            new ListEntry("test", "1", EntryKind.Person, "Ivan Petrov", ["Iwan Petrow", "Ivan S. Petrov"], [], [], "", false),
            new ListEntry("test", "2", EntryKind.Person, "Ivan Petorv", [], [], [], "", false),
            new ListEntry("test", "3", EntryKind.Person, "Olga Petrova", [], [], [], "", false),
        };

        var hits = ScreeningIndex.Build(list).Screen(new ScreeningSubject("PETROV, Ivan"));

        Assert.Equal(["1", "2"], hits.Select(h => h.Entry.ExternalId));
        Assert.Equal("Ivan Petrov", hits[0].MatchedName);
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public void An_index_of_the_changed_entries_alone_finds_only_them()
    {
        var list = List(500, new Random(7));
        var changed = list.Where((_, i) => i % 50 == 0).ToList();
        var whole = ScreeningIndex.Build(list);
        var delta = ScreeningIndex.Build(changed);
        var subjects = list.Select(e => new ScreeningSubject(e.Name)).ToList();

        foreach (var subject in subjects)
        {
            var expected = whole.Screen(subject).Where(h => changed.Contains(h.Entry)).Select(h => h.Entry.ExternalId).Order();
            Assert.Equal(expected, delta.Screen(subject).Select(h => h.Entry.ExternalId).Order());
        }
        Assert.Equal(10, delta.EntryCount);
    }

    [Fact]
    public void The_exact_baseline_finds_only_the_same_normalised_name_in_the_same_order()
    {
        var list = new[] { new ListEntry("test", "1", EntryKind.Person, "Ivan PETROV", ["Vanya Petrov"], [], [], "", false) };
        var exact = ExactNameIndex.Build(list);

        Assert.Equal(MatchedFields.Name, Assert.Single(exact.Screen(new ScreeningSubject("ivan petrov"))).Matched);
        Assert.Equal(MatchedFields.Name, Assert.Single(exact.Screen(new ScreeningSubject("Iwan Petrow"))).Matched);
        Assert.Equal("Vanya Petrov", Assert.Single(exact.Screen(new ScreeningSubject("VANYA PETROV"))).MatchedName);
        Assert.Empty(exact.Screen(new ScreeningSubject("Petrov Ivan")));
        Assert.Empty(exact.Screen(new ScreeningSubject("Ivan Petorv")));
    }
}
