using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Kyc.Review;
using BackOffice.Tests.Accounts;

namespace BackOffice.Tests.Kyc.Review;

/// <summary>The case screen's possible duplicates: the same document, phone, or a name close enough with the same date of birth.</summary>
[Trait("Category", "Database")]
public sealed class DuplicateIdentityTests(SharedApp app) : IClassFixture<SharedApp>
{
    private async Task<IReadOnlyList<DuplicateMatch>> DuplicatesAsync(long clientId) =>
        (await app.QueryAs("compliance", new GetKycCase(clientId)))!.Duplicates;

    [Fact]
    public async Task A_similar_name_born_the_same_day_is_a_possible_duplicate_and_a_different_birthday_is_not()
    {
        var born = new DateOnly(1990, 1, 2);
        var id = await ClientBook.RegisterAsync(app, ClientBook.Person() with { FirstName = "Marta", LastName = "Kowalska", DateOfBirth = born });
        var typo = await ClientBook.RegisterAsync(app, ClientBook.Person() with { FirstName = "Marta", LastName = "Kovalska", DateOfBirth = born });
        var swapped = await ClientBook.RegisterAsync(app, ClientBook.Person() with { FirstName = "Kowalska", LastName = "Marta", DateOfBirth = born });
        var otherDay = await ClientBook.RegisterAsync(app, ClientBook.Person() with { FirstName = "Marta", LastName = "Kowalska", DateOfBirth = born.AddDays(1) });
        var otherName = await ClientBook.RegisterAsync(app, ClientBook.Person() with { FirstName = "Jonas", LastName = "Berg", DateOfBirth = born });

        var found = await DuplicatesAsync(id);

        Assert.Contains(found, d => d.ClientId == typo && d.Matched.EndsWith("date of birth", StringComparison.Ordinal));
        Assert.Contains(found, d => d.ClientId == swapped);
        Assert.DoesNotContain(found, d => d.ClientId == otherDay || d.ClientId == otherName);
    }

    [Fact]
    public async Task The_same_passport_number_and_country_on_another_client_is_a_possible_duplicate()
    {
        var first = await ClientBook.RegisterAsync(app);
        var second = await ClientBook.RegisterAsync(app);
        var today = app.Clock.GetUtcNow().UtcDateTime;
        foreach (var id in new[] { first, second })
            await KycBook.AcceptAsync(app, await KycBook.UploadAsync(app, id, DocumentType.ProofOfIdentity), KycBook.DataFor(DocumentType.ProofOfIdentity, today));

        var found = Assert.Single(await DuplicatesAsync(second), d => d.ClientId == first);
        Assert.Contains("number GB", found.Matched);
        Assert.DoesNotContain("P1234567", found.Matched); // masked
    }
}
