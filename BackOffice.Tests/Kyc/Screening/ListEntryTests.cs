using BackOffice.Core.Kyc.Screening;

namespace BackOffice.Tests.Kyc.Screening;

public sealed class ListEntryTests
{
    private static ListEntry Petrov(string name = "Ivan Petrov", string[]? aliases = null, string[]? countries = null, bool isPep = false) =>
        new("ofac", "306", EntryKind.Person, name, aliases ?? ["Iwan Petrow", "Ivan S. Petrov"], ["1965-03-12"], countries ?? ["RU", "UA"], "SDGT", isPep);

    [Fact]
    public void The_hash_ignores_spacing_and_the_order_of_list_fields()
    {
        var hash = Petrov().ContentHash();

        Assert.Equal(64, hash.Length);
        Assert.Equal(hash, Petrov(name: " Ivan  Petrov ", aliases: ["Ivan S. Petrov", "Iwan Petrow", "Iwan Petrow"], countries: ["ua", "RU"]).ContentHash());
    }

    [Fact]
    public void The_hash_changes_with_anything_a_reviewer_would_see()
    {
        var hash = Petrov().ContentHash();

        Assert.NotEqual(hash, Petrov(name: "Ivan Petrov Jr").ContentHash());
        Assert.NotEqual(hash, Petrov(aliases: ["Iwan Petrow"]).ContentHash());
        Assert.NotEqual(hash, Petrov(countries: ["RU"]).ContentHash());
        Assert.NotEqual(hash, Petrov(isPep: true).ContentHash());
        Assert.NotEqual(hash, (Petrov() with { BirthDates = ["1966"] }).ContentHash());
    }

    [Fact]
    public void An_update_is_split_into_added_changed_and_removed_entries()
    {
        var kept = Petrov();
        var changed = Petrov() with { ExternalId = "307", Name = "Anna Petrova" };
        var previous = new Dictionary<string, string>
        {
            [kept.Key] = kept.ContentHash(),
            [changed.Key] = (changed with { Programs = "IRAN" }).ContentHash(),
            ["ofac:999"] = "removed",
        };
        var added = Petrov() with { ExternalId = "400" };

        var changes = ListChanges.Between(previous, [kept, changed, added]);

        Assert.Equal([added], changes.Added);
        Assert.Equal([changed], changes.Changed);
        Assert.Equal(["ofac:999"], changes.RemovedKeys);
        Assert.Equal([added, changed], changes.ToScreen);
    }
}
