using BackOffice.Core.Identity;
using BackOffice.Core.Kyc.Documents;

namespace BackOffice.Tests.Identity;

public sealed class RejectLabelTests
{
    [Theory]
    [InlineData("DOCUMENT_EXPIRED", RejectionReason.Expired)]
    [InlineData("EXPIRATION_DATE", RejectionReason.Expired)]
    [InlineData("BAD_PROOF_OF_ADDRESS", RejectionReason.AddressMismatch)]
    [InlineData("WRONG_ADDRESS", RejectionReason.AddressMismatch)]
    [InlineData("FORGERY", RejectionReason.SuspectedForgery)]
    [InlineData("GRAPHIC_EDITOR", RejectionReason.SuspectedForgery)]
    [InlineData("BLURRY", RejectionReason.Blurred)]
    [InlineData("LOW_QUALITY", RejectionReason.Blurred)]
    [InlineData("UNSATISFACTORY_PHOTOS", RejectionReason.Blurred)]
    [InlineData("REQUESTED_DATA_MISMATCH", RejectionReason.NameMismatch)]
    [InlineData("COMPANY_NOT_DEFINED_BENEFICIARIES", RejectionReason.IncompleteCorporateInformation)]
    [InlineData("COMPANY_NOT_VALIDATED_REPRESENTATIVES", RejectionReason.IncompleteCorporateInformation)]
    [InlineData("SELFIE_MISMATCH", RejectionReason.Other)]
    [InlineData("SOME_LABEL_FROM_A_NEWER_API", RejectionReason.Other)]
    [InlineData("", RejectionReason.Other)]
    public void A_provider_label_becomes_one_of_our_reasons(string label, RejectionReason reason) =>
        Assert.Equal(reason, RejectLabel.ToReason(label));

    [Fact]
    public void Labels_in_another_case_map_alike() =>
        Assert.Equal(RejectionReason.Expired, RejectLabel.ToReason("document_expired"));

    [Fact]
    public void Several_labels_give_each_reason_once_in_the_order_they_came() =>
        Assert.Equal(
            [RejectionReason.Blurred, RejectionReason.Expired, RejectionReason.Other],
            RejectLabel.ToReasons(["LOW_QUALITY", "DOCUMENT_EXPIRED", "UNSATISFACTORY_PHOTOS", "SELFIE_MISMATCH", "SPAM"]));
}
