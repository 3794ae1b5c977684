using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Kyc.Edd;
using BackOffice.Core.Kyc.Review;
using BackOffice.Core.Kyc.Risk;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Kyc.Risk;

[Trait("Category", "Database")]
public sealed class RiskAndEddTests(SharedApp app) : IClassFixture<SharedApp>
{
    private Task<KycCase> CaseAsync(long id) => app.Db(db => db.KycCases.AsNoTracking().SingleAsync(k => k.ClientId == id));

    private Task<EddCase?> EddAsync(long id) => app.Db(db => db.EddCases.AsNoTracking().Where(e => e.ClientId == id).OrderByDescending(e => e.Id).FirstOrDefaultAsync());

    private static RecordClientDeclaration Declaration(long id, bool pep = false, SourceOfFunds source = SourceOfFunds.Salary, decimal volume = 20_000) =>
        new(id, source, volume, "Engineer", OccupationCategory.Employed, pep);

    private async Task CompleteEddAsync(long id, string signer = "compliance2")
    {
        foreach (var item in Enum.GetValues<EddItem>())
        {
            var edd = (await EddAsync(id))!;
            Must.Succeed(await app.SendAs("compliance", new UpdateEddItem(edd.Id, item, true, $"{item} seen", edd.Version)));
        }
        var done = (await EddAsync(id))!;
        Must.Succeed(await app.SendAs(signer, new SignOffEdd(done.Id, "Wealth from the sale of a family business, documented", done.Version)));
    }

    [Fact]
    public async Task A_client_is_scored_at_registration_and_again_on_each_change_with_the_reasons_kept()
    {
        var id = await ClientBook.RegisterAsync(app, ClientBook.Person(country: "KE"));
        var scored = await CaseAsync(id);
        Assert.NotNull(scored.RiskLevel);
        // Undeclared source of funds (30), occupation not stated (5), residence and nationality under increased monitoring (15 + 15).
        Assert.Equal(RiskLevel.High, scored.ScoredLevel);
        Assert.Equal(65, scored.RiskPoints);

        Must.Succeed(await app.SendAs("compliance", Declaration(id)));
        var after = await CaseAsync(id);
        Assert.Equal(30, after.RiskPoints);
        Assert.Equal(RiskLevel.Medium, after.RiskLevel);

        var history = await app.Db(db => db.RiskRecords.AsNoTracking().Where(r => r.ClientId == id).OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(["registered", "declarations recorded"], history.Select(h => h.Trigger));
        Assert.Contains("country_of_residence", history[1].Factors);
        Assert.Contains("Kenya", history[1].Factors);

        // Recording the same again changes nothing and writes no new line.
        Must.Succeed(await app.SendAs("compliance", Declaration(id)));
        Assert.Equal(2, await app.Db(db => db.RiskRecords.CountAsync(r => r.ClientId == id)));
    }

    [Fact]
    public async Task A_pep_needs_signed_off_due_diligence_before_approval_and_the_sign_off_needs_every_item()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.PendingReview);
        Must.Succeed(await app.SendAs("compliance", Declaration(id, pep: true)));
        Assert.Equal(RiskLevel.High, (await CaseAsync(id)).RiskLevel);
        var edd = await EddAsync(id);
        Assert.NotNull(edd);
        Assert.Contains("Politically exposed person", edd!.Reasons);

        await KycBook.AcceptAllRequiredAsync(app, id);
        var refused = Must.Fail(await app.SendAs("compliance", new ApproveClient(id, "documents fine")), "client.kyc_incomplete");
        Assert.Contains("enhanced due diligence not signed off", refused.Message);

        Must.Succeed(await app.SendAs("compliance", new UpdateEddItem(edd.Id, EddItem.SourceOfFundsEvidence, true, "Payslips", edd.Version)));
        var partial = (await EddAsync(id))!;
        var incomplete = Must.Fail(await app.SendAs("compliance2", new SignOffEdd(partial.Id, "looks fine", partial.Version)), "edd.incomplete");
        Assert.Contains("evidence of the source of wealth", incomplete.Message);
        Assert.DoesNotContain("source of funds", incomplete.Message);
        Must.Fail(await app.SendAs("support", new SignOffEdd(partial.Id, "looks fine", partial.Version)), "forbidden");

        await CompleteEddAsync(id);
        Must.Succeed(await app.SendAs("compliance", new ApproveClient(id, "documents fine, EDD signed off")));
        Assert.Equal(ClientStatus.Approved, (await ClientBook.ClientAsync(app, id)).Status);
        Assert.True((await app.QueryAs("compliance", new GetKycGate(id, GatedFunction.Withdraw))).Allowed);
    }

    [Fact]
    public async Task An_approved_client_who_becomes_high_risk_is_restricted_until_sign_off_and_then_released()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Approved);
        Must.Succeed(await app.SendAs("compliance", Declaration(id, pep: true)));
        var client = await ClientBook.ClientAsync(app, id);
        Assert.Equal(ClientStatus.Restricted, client.Status);
        Assert.Equal(RestrictionCategory.EnhancedDueDiligence, client.RestrictionCategory);
        var gate = await app.QueryAs("support", new GetKycGate(id, GatedFunction.Withdraw));
        Assert.False(gate.Allowed);
        Assert.Contains("enhanced due diligence pending", gate.Explain());

        await CompleteEddAsync(id);
        Assert.Equal(ClientStatus.Approved, (await ClientBook.ClientAsync(app, id)).Status);
    }

    [Fact]
    public async Task A_sign_off_leaves_any_other_restriction_in_place()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Restricted);
        Must.Succeed(await app.SendAs("compliance", Declaration(id, pep: true)));
        Assert.Equal(RestrictionCategory.AbnormalActivity, (await ClientBook.ClientAsync(app, id)).RestrictionCategory);
        await CompleteEddAsync(id);
        var client = await ClientBook.ClientAsync(app, id);
        Assert.Equal(ClientStatus.Restricted, client.Status);
        Assert.Equal(RestrictionCategory.AbnormalActivity, client.RestrictionCategory);
    }

    [Fact]
    public async Task A_manual_risk_level_is_four_eyes_and_kept_in_the_history()
    {
        var id = await ClientBook.RegisterAsync(app);
        Must.Succeed(await app.SendAs("compliance", Declaration(id)));
        Assert.Equal(RiskLevel.Low, (await CaseAsync(id)).RiskLevel);

        var asked = await app.SendAs("compliance", new OverrideRiskLevel(id, RiskLevel.High, "Adverse media about the employer"));
        Assert.True(asked.IsPendingApproval);
        Assert.Equal(RiskLevel.Low, (await CaseAsync(id)).RiskLevel);
        Must.Fail(await app.SendAs("compliance", new ApprovePendingOperation(asked.PendingOperationId!.Value, "me")));
        Must.Succeed(await app.SendAs("compliance2", new ApprovePendingOperation(asked.PendingOperationId!.Value, "agreed")));

        var kycCase = await CaseAsync(id);
        Assert.Equal(RiskLevel.High, kycCase.RiskLevel);
        Assert.Equal(RiskLevel.Low, kycCase.ScoredLevel);
        Assert.Equal("Adverse media about the employer", kycCase.RiskOverrideReason);
        var last = await app.Db(db => db.RiskRecords.AsNoTracking().Where(r => r.ClientId == id).OrderByDescending(r => r.Id).FirstAsync());
        Assert.StartsWith("manual override to High", last.Trigger);
        Assert.NotNull(await EddAsync(id));
    }
}
