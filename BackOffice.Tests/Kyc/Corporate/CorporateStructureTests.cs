using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Kyc.Corporate;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Kyc.Edd;
using BackOffice.Core.Kyc.Review;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Kyc.Corporate;

[Trait("Category", "Database")]
public sealed class CorporateStructureTests(SharedApp app) : IClassFixture<SharedApp>
{
    private static int _n;

    private async Task<long> CompanyAsync()
    {
        var n = Interlocked.Increment(ref _n);
        var profile = new ClientProfile
        {
            Kind = ClientKind.Corporate, CompanyName = $"Harbour Trading {n} Ltd", RegistrationNumber = $"HT{n:0000}", Country = "GB",
            Email = $"ops{n}-{Guid.NewGuid():N}@harbour.example", Phone = $"+44 20 7000 {n:0000}",
        };
        return await ClientBook.RegisterAsync(app, profile);
    }

    private async Task<long> AddAsync(AddCorporateParty party)
    {
        var result = await app.SendAs("compliance", party);
        Must.Succeed(result);
        return result.Value;
    }

    [Fact]
    public async Task Owners_through_two_company_layers_are_found_and_a_second_layer_makes_the_structure_complex()
    {
        var id = await CompanyAsync();
        // Ana holds 20 % directly; HoldCo holds 80 %; MidCo holds 50 % of HoldCo; Ben holds 75 % of MidCo → 80 × 50 × 75 = 30 %.
        var ana = await AddAsync(new AddCorporateParty(id, PartyKind.Person, "Ana Lima", PartyRoles.Director, OwnershipPercent: 20));
        var holdCo = await AddAsync(new AddCorporateParty(id, PartyKind.Company, "HoldCo Ltd", PartyRoles.None, OwnershipPercent: 80));
        Assert.Null(await app.Db(db => db.EddCases.FirstOrDefaultAsync(e => e.ClientId == id)));
        var midCo = await AddAsync(new AddCorporateParty(id, PartyKind.Company, "MidCo Ltd", PartyRoles.None, holdCo, 50));
        var ben = await AddAsync(new AddCorporateParty(id, PartyKind.Person, "Ben Osei", PartyRoles.None, midCo, 75));

        var view = (await app.QueryAs("compliance", new GetKycCase(id)))!;
        var owners = view.Ownership!.BeneficialOwners.ToDictionary(o => o.Person.Name, o => o.Total);
        Assert.Equal(30m, owners["Ben Osei"]);
        Assert.DoesNotContain("Ana Lima", owners.Keys);
        Assert.True(view.Ownership.Complexity.IsComplex);
        var edd = await app.Db(db => db.EddCases.AsNoTracking().SingleAsync(e => e.ClientId == id));
        Assert.Contains("Complex ownership structure", edd.Reasons);

        // Approval needs identity documents for the director and the beneficial owner.
        Assert.Contains(view.ApprovalChecks, c => c is { Name: "Identity of Ben Osei (beneficial owner 30 %)", Passed: false });
        Assert.Contains(view.ApprovalChecks, c => c is { Name: "Identity of Ana Lima (director)", Passed: false });
        var passport = await app.SendAs("compliance", new UploadDocument(id, DocumentType.ProofOfIdentity, "ben.pdf", KycBook.Pdf("ben"), RelatedPartyId: ben));
        Must.Succeed(passport);
        await KycBook.AcceptAsync(app, passport.Value);
        view = (await app.QueryAs("compliance", new GetKycCase(id)))!;
        Assert.Contains(view.ApprovalChecks, c => c is { Name: "Identity of Ben Osei (beneficial owner 30 %)", Passed: true });
        Assert.Equal(ana, view.Parties.First().Id);
    }

    [Fact]
    public async Task Ownership_over_100_percent_is_refused_naming_the_company_and_nothing_is_added()
    {
        var id = await CompanyAsync();
        await AddAsync(new AddCorporateParty(id, PartyKind.Person, "Chen Wei", PartyRoles.None, OwnershipPercent: 60));
        var error = Must.Fail(await app.SendAs("compliance", new AddCorporateParty(id, PartyKind.Person, "Dara Kim", PartyRoles.None, OwnershipPercent: 45)), "validation");
        Assert.Contains("105", error.Message);
        Assert.Contains("Harbour Trading", error.Message);
        Assert.Equal(1, await app.Db(db => db.CorporateParties.CountAsync(p => p.ClientId == id)));

        var individual = await ClientBook.RegisterAsync(app);
        Must.Fail(await app.SendAs("compliance", new AddCorporateParty(individual, PartyKind.Person, "X", PartyRoles.Director)), "corporate.not_corporate");
    }

    [Fact]
    public async Task A_nominee_shareholder_opens_enhanced_due_diligence_and_a_company_without_owners_cannot_be_approved()
    {
        var id = await CompanyAsync();
        Must.Succeed(await app.SendAs("compliance", new SubmitClientForReview(id, "complete")));
        var refused = Must.Fail(await app.SendAs("compliance", new ApproveClient(id, "ok")), "client.kyc_incomplete");
        Assert.Contains("no directors or shareholders recorded", refused.Message);

        await AddAsync(new AddCorporateParty(id, PartyKind.Person, "Nominee Services", PartyRoles.None, OwnershipPercent: 100, IsNominee: true));
        var edd = await app.Db(db => db.EddCases.AsNoTracking().SingleAsync(e => e.ClientId == id));
        Assert.Equal(EddStatus.Open, edd.Status);
    }
}
