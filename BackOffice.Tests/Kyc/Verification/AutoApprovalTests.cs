using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Kyc.Risk;
using BackOffice.Core.Kyc.Verification;
using BackOffice.Core.Identity;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Kyc.Verification;

public sealed class AutoApprovalApp() : TestApp(settings: new() { ["Kyc:AutoApproveLowRisk"] = "true" });

/// <summary>With <c>Kyc:AutoApproveLowRisk</c> on, the provider's GREEN approves a low-risk individual whose other checks pass; nobody else.</summary>
[Trait("Category", "Database")]
public sealed class AutoApprovalTests(AutoApprovalApp app) : IClassFixture<AutoApprovalApp>
{
    private async Task<(long Id, string Applicant)> ReadyAsync(string country)
    {
        var id = await ClientBook.RegisterAsync(app, ClientBook.Person(country: country));
        Must.Succeed(await app.SendAs("compliance", new RecordClientDeclaration(id, SourceOfFunds.Salary, 20_000, "Engineer", OccupationCategory.Employed, false)));
        foreach (var type in new[] { DocumentType.ProofOfAddress, DocumentType.Suitability })
            await KycBook.AcceptAsync(app, await KycBook.UploadAsync(app, id, type));
        await KycBook.UploadAsync(app, id, DocumentType.ProofOfIdentity);
        Assert.Equal(ClientStatus.PendingReview, (await ClientBook.ClientAsync(app, id)).Status);
        return (id, await VerificationBook.StartAsync(app, id));
    }

    [Fact]
    public async Task Green_approves_a_low_risk_client_whose_other_checks_pass()
    {
        var (id, applicant) = await ReadyAsync("GB");
        Assert.Equal(RiskLevel.Low, await app.Db(db => db.KycCases.Where(k => k.ClientId == id).Select(k => k.RiskLevel).SingleAsync()));

        var answer = await VerificationBook.RecordAsync(app, VerificationBook.Review(app, id, applicant, ReviewAnswer.Green));

        Must.Succeed(answer);
        Assert.Contains("approved automatically", answer.Value!.Detail);
        var client = await ClientBook.ClientAsync(app, id);
        Assert.Equal(ClientStatus.Approved, client.Status);
        Assert.Contains("identity verified by the provider", client.StatusReason);
    }

    [Fact]
    public async Task Green_leaves_a_medium_risk_client_to_compliance()
    {
        var (id, applicant) = await ReadyAsync("KE");
        Assert.NotEqual(RiskLevel.Low, await app.Db(db => db.KycCases.Where(k => k.ClientId == id).Select(k => k.RiskLevel).SingleAsync()));

        var answer = await VerificationBook.RecordAsync(app, VerificationBook.Review(app, id, applicant, ReviewAnswer.Green));

        Must.Succeed(answer);
        Assert.Contains("approval stays with compliance", answer.Value!.Detail);
        Assert.Equal(ClientStatus.PendingReview, (await ClientBook.ClientAsync(app, id)).Status);
    }
}
