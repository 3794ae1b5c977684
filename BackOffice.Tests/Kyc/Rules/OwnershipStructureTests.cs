using BackOffice.Core.Kyc.Corporate;

namespace BackOffice.Tests.Kyc.Rules;

public sealed class OwnershipStructureTests
{
    private static readonly RelatedParty Client = new(1, "Client Ltd", PartyKind.Company);
    private static readonly RelatedParty HoldCo = new(2, "HoldCo Ltd", PartyKind.Company);
    private static readonly RelatedParty MidCo = new(3, "MidCo Ltd", PartyKind.Company);
    private static readonly RelatedParty Anna = new(10, "Anna Berg", PartyKind.Person, PartyRoles.Shareholder | PartyRoles.BeneficialOwner);
    private static readonly RelatedParty Ben = new(11, "Ben Cole", PartyKind.Person, PartyRoles.Shareholder | PartyRoles.Director);
    private static readonly RelatedParty Cara = new(12, "Cara Diaz", PartyKind.Person, PartyRoles.Shareholder);

    private static OwnershipStructure Structure(params Holding[] holdings) =>
        new(Client.Id, [Client, HoldCo, MidCo, Anna, Ben, Cara], holdings);

    private static OwnershipAnalysis Analysed(OwnershipStructure structure, OwnershipRules? rules = null)
    {
        var result = structure.Analyse(rules);
        Assert.True(result.Succeeded, result.ToString());
        return result.Value!;
    }

    [Fact]
    public void A_person_behind_one_holding_company_owns_the_product_of_the_holdings()
    {
        var analysis = Analysed(Structure(new(HoldCo.Id, Client.Id, 60), new(Anna.Id, HoldCo.Id, 50)));

        var anna = Assert.Single(analysis.Owners);
        Assert.Equal(0m, anna.Direct);
        Assert.Equal(30m, anna.Indirect);
        Assert.Equal("via HoldCo Ltd 60 % × 50 % = 30 %", Assert.Single(anna.PathTexts));
    }

    [Fact]
    public void Ownership_through_two_corporate_layers_multiplies_along_the_chain_and_adds_the_direct_stake()
    {
        // Client ← HoldCo 80 % ← MidCo 50 % ← Anna 75 %; Anna also holds 10 % of the client directly.
        var analysis = Analysed(Structure(
            new(HoldCo.Id, Client.Id, 80), new(MidCo.Id, HoldCo.Id, 50), new(Anna.Id, MidCo.Id, 75),
            new(Anna.Id, Client.Id, 10), new(Ben.Id, Client.Id, 10)));

        var anna = analysis.Owners.Single(o => o.Person == Anna);
        Assert.Equal(10m, anna.Direct);
        Assert.Equal(30m, anna.Indirect);
        Assert.Equal(40m, anna.Total);
        Assert.Equal(["direct 10 %", "via HoldCo Ltd → MidCo Ltd 80 % × 50 % × 75 % = 30 %"], anna.PathTexts);
        Assert.Equal([Anna], analysis.BeneficialOwners.Select(o => o.Person));
    }

    [Fact]
    public void Stakes_reaching_one_person_by_several_paths_are_summed()
    {
        var analysis = Analysed(Structure(
            new(HoldCo.Id, Client.Id, 40), new(MidCo.Id, Client.Id, 40),
            new(Cara.Id, HoldCo.Id, 50), new(Cara.Id, MidCo.Id, 25)));

        var cara = Assert.Single(analysis.Owners);
        Assert.Equal(30m, cara.Indirect);
        Assert.Equal(2, cara.Paths.Count);
    }

    [Fact]
    public void A_person_at_exactly_the_threshold_is_a_beneficial_owner_and_just_below_is_not()
    {
        var analysis = Analysed(Structure(
            new(HoldCo.Id, Client.Id, 50), new(Ben.Id, HoldCo.Id, 50),
            new(Cara.Id, Client.Id, 24.99m)));

        Assert.Equal([Ben], analysis.BeneficialOwners.Select(o => o.Person));
        Assert.Equal(25m, analysis.BeneficialOwners[0].Total);
        Assert.False(analysis.BeneficialOwners[0].IsDeclared);
        Assert.Contains(analysis.Owners, o => o.Person == Cara);
    }

    [Fact]
    public void The_threshold_is_a_setting()
    {
        var analysis = Analysed(Structure(new Holding(Cara.Id, Client.Id, 12)), new OwnershipRules(BeneficialOwnerThreshold: 10));

        Assert.Equal([Cara], analysis.BeneficialOwners.Select(o => o.Person));
    }

    [Fact]
    public void Holdings_above_100_percent_in_a_company_are_refused_naming_the_company_and_the_total()
    {
        var structure = Structure(new(HoldCo.Id, Client.Id, 60), new(Anna.Id, HoldCo.Id, 70), new(Ben.Id, HoldCo.Id, 45));

        var problem = Assert.Single(structure.Validate());
        Assert.Equal("ownership.over_100", problem.Code);
        Assert.Contains("HoldCo Ltd", problem.Message);
        Assert.Contains("115 %", problem.Message);
        var refused = structure.Analyse();
        Assert.False(refused.Succeeded);
        Assert.Contains("HoldCo Ltd", refused.Error!.Message);
    }

    [Fact]
    public void A_circle_of_holdings_is_refused_naming_the_companies_on_it()
    {
        var structure = Structure(new(HoldCo.Id, Client.Id, 60), new(MidCo.Id, HoldCo.Id, 50), new(HoldCo.Id, MidCo.Id, 20));

        var problem = Assert.Single(structure.Validate());
        Assert.Equal("ownership.cycle", problem.Code);
        Assert.Equal("Ownership goes round in a circle: HoldCo Ltd, which holds MidCo Ltd, which holds HoldCo Ltd.", problem.Message);
        Assert.False(structure.Analyse().Succeeded);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(100.01)]
    public void A_holding_outside_0_to_100_percent_is_refused(decimal percent)
    {
        var problem = Assert.Single(Structure(new Holding(Anna.Id, Client.Id, percent)).Validate());

        Assert.Equal("ownership.percent_out_of_range", problem.Code);
        Assert.Contains("Anna Berg", problem.Message);
    }

    [Fact]
    public void A_holding_in_a_person_or_an_unknown_party_is_refused()
    {
        var codes = Structure(new(Anna.Id, Ben.Id, 10), new(99, Client.Id, 10)).Validate().Select(p => p.Code);

        Assert.Equal(["ownership.person_held", "ownership.unknown_party"], codes);
    }

    [Fact]
    public void One_corporate_layer_with_named_people_is_not_complex()
    {
        var complexity = Analysed(Structure(new(HoldCo.Id, Client.Id, 60), new(Anna.Id, HoldCo.Id, 100))).Complexity;

        Assert.Equal(1, complexity.CorporateLayers);
        Assert.False(complexity.IsComplex);
        Assert.Empty(complexity.Reasons);
    }

    [Fact]
    public void A_corporate_shareholder_that_has_corporate_shareholders_makes_the_structure_complex()
    {
        var complexity = Analysed(Structure(
            new(HoldCo.Id, Client.Id, 60), new(MidCo.Id, HoldCo.Id, 100), new(Anna.Id, MidCo.Id, 100))).Complexity;

        Assert.Equal(2, complexity.CorporateLayers);
        Assert.True(complexity.IsComplex);
        Assert.Contains("2 corporate layers (HoldCo Ltd → MidCo Ltd)", Assert.Single(complexity.Reasons));
    }

    [Fact]
    public void The_number_of_layers_allowed_is_a_setting()
    {
        var structure = Structure(new(HoldCo.Id, Client.Id, 60), new(MidCo.Id, HoldCo.Id, 100), new(Anna.Id, MidCo.Id, 100));

        Assert.False(Analysed(structure, new OwnershipRules(MaxCorporateLayers: 2)).Complexity.IsComplex);
    }

    [Fact]
    public void A_nominee_or_a_trust_makes_the_structure_complex_and_each_is_named()
    {
        var nominee = new RelatedParty(20, "Nominee Services Ltd", PartyKind.Company, PartyRoles.Shareholder, IsNominee: true);
        var trust = new RelatedParty(21, "Berg Family Trust", PartyKind.Company, PartyRoles.Shareholder, IsTrust: true);
        var structure = new OwnershipStructure(Client.Id, [Client, Anna, nominee, trust],
            [new(nominee.Id, Client.Id, 30), new(trust.Id, Client.Id, 30), new(Anna.Id, Client.Id, 40)]);

        var complexity = Analysed(structure).Complexity;

        Assert.True(complexity.HasNominees);
        Assert.True(complexity.HasTrusts);
        Assert.Equal(2, complexity.Reasons.Count);
        Assert.Contains(complexity.Reasons, r => r.StartsWith("Nominee Services Ltd acts as a nominee", StringComparison.Ordinal));
        Assert.Contains(complexity.Reasons, r => r.StartsWith("Berg Family Trust is a trust", StringComparison.Ordinal));
    }

    [Fact]
    public void A_nominee_director_counts_even_without_shares()
    {
        var director = new RelatedParty(22, "Dan Ede", PartyKind.Person, PartyRoles.Director, IsNominee: true);
        var structure = new OwnershipStructure(Client.Id, [Client, Anna, director], [new(Anna.Id, Client.Id, 100)]);

        Assert.True(Analysed(structure).Complexity.IsComplex);
    }
}
