using System.Text;
using BackOffice.Core.Funds.Payments;

namespace BackOffice.Tests.Funds;

public sealed class PaymentSignatureTests
{
    private const string CardBody =
        """{"id":"evt_1","type":"payment_intent.succeeded","data":{"object":{"id":"pi_1","amount":15000,"currency":"usd","metadata":{"deposit_id":"42"}}}}""";

    private const string CardVector = "d403941bfb5a175bdff2f0d8df3a6542e5e428e5be9f3c3b55c97b31ed6ed476";
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1767225600);

    private const string CryptoSorted =
        """{"actually_paid":250.1,"order_id":"dep-42","pay_address":"TX1test","pay_amount":250.1,"pay_currency":"usdttrc20","payment_id":5077125051,"payment_status":"finished","price_amount":250,"price_currency":"usd"}""";

    private const string CryptoVector =
        "6696afb2a00a1e6f10ddc59ab9599830eb795d83bc044c458a60a5ba0a02203d7eedf1ea0a2dacddee5a6ca83750eb3afc5274ecb67a97fafe7b8c735c4bfd48";

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Card_vector_from_the_spec_verifies_and_signs_alike()
    {
        Assert.Equal($"t=1767225600,v1={CardVector}", CardWebhook.Sign(Bytes(CardBody), 1767225600, "whsec_test_backoffice"));
        Assert.Equal(CardWebhook.Verdict.Valid, CardWebhook.Verify(Bytes(CardBody), $"t=1767225600,v1={CardVector}", "whsec_test_backoffice", SignedAt));
    }

    [Fact]
    public void Card_any_v1_of_a_rotation_is_enough_and_v0_is_ignored()
    {
        var header = $"t=1767225600,v0={CardVector},v1={new string('0', 64)},v1={CardVector}";
        Assert.Equal(CardWebhook.Verdict.Valid, CardWebhook.Verify(Bytes(CardBody), header, "whsec_test_backoffice", SignedAt));
        Assert.Equal(CardWebhook.Verdict.Malformed, CardWebhook.Verify(Bytes(CardBody), $"t=1767225600,v0={CardVector}", "whsec_test_backoffice", SignedAt));
    }

    [Theory]
    [InlineData(301, CardWebhook.Verdict.Stale)]
    [InlineData(-301, CardWebhook.Verdict.Stale)]
    [InlineData(300, CardWebhook.Verdict.Valid)]
    public void Card_timestamp_outside_five_minutes_is_stale(int offsetSeconds, CardWebhook.Verdict expected) =>
        Assert.Equal(expected, CardWebhook.Verify(Bytes(CardBody), $"t=1767225600,v1={CardVector}", "whsec_test_backoffice", SignedAt.AddSeconds(offsetSeconds)));

    [Fact]
    public void Card_forged_body_wrong_secret_or_missing_header_is_refused()
    {
        var header = $"t=1767225600,v1={CardVector}";
        Assert.Equal(CardWebhook.Verdict.Mismatch, CardWebhook.Verify(Bytes(CardBody.Replace("15000", "95000")), header, "whsec_test_backoffice", SignedAt));
        Assert.Equal(CardWebhook.Verdict.Mismatch, CardWebhook.Verify(Bytes(CardBody), header, "whsec_other", SignedAt));
        Assert.Equal(CardWebhook.Verdict.Missing, CardWebhook.Verify(Bytes(CardBody), null, "whsec_test_backoffice", SignedAt));
        Assert.Equal(CardWebhook.Verdict.Missing, CardWebhook.Verify(Bytes(CardBody), header, "", SignedAt));
        // The timestamp is signed too: moving it to look fresh breaks the signature.
        Assert.Equal(CardWebhook.Verdict.Mismatch, CardWebhook.Verify(Bytes(CardBody), $"t=1767225700,v1={CardVector}", "whsec_test_backoffice", SignedAt));
    }

    [Fact]
    public void Card_event_is_read_into_what_we_act_on()
    {
        var e = CardWebhook.Parse(Bytes(CardBody));
        Assert.Equal(("evt_1", PaymentEventType.Succeeded, "pi_1"), (e.EventId, e.Type, e.ProviderOrderId));
        Assert.Equal(new BackOffice.Core.Common.Money(15000, "USD"), e.Paid);
        Assert.Equal(PaymentEventType.Unknown, CardWebhook.Parse(Bytes("""{"id":"evt_2","type":"customer.created","data":{"object":{"id":"cus_1"}}}""")).Type);
        Assert.Throws<FormatException>(() => CardWebhook.Parse(Bytes("""{"type":"payment_intent.succeeded"}""")));
        Assert.Throws<FormatException>(() => CardWebhook.Parse(Bytes("not json")));
    }

    [Fact]
    public void Crypto_vector_from_the_spec_verifies_in_any_key_order_and_spacing()
    {
        Assert.Equal(CryptoVector, CryptoIpn.Sign(Bytes(CryptoSorted), "ipn_test_secret"));
        Assert.True(CryptoIpn.Verify(Bytes(CryptoSorted), CryptoVector, "ipn_test_secret"));
        var shuffled = """{ "payment_status": "finished", "payment_id": 5077125051, "price_currency": "usd", "price_amount": 250, "pay_currency": "usdttrc20", "pay_amount": 250.1, "pay_address": "TX1test", "order_id": "dep-42", "actually_paid": 250.1 }""";
        Assert.True(CryptoIpn.Verify(Bytes(shuffled), CryptoVector, "ipn_test_secret"));
        Assert.True(CryptoIpn.Verify(Bytes(CryptoSorted), CryptoVector.ToUpperInvariant(), "ipn_test_secret"));
    }

    [Fact]
    public void Crypto_forged_or_unsigned_is_refused()
    {
        Assert.False(CryptoIpn.Verify(Bytes(CryptoSorted.Replace("\"price_amount\":250", "\"price_amount\":2500")), CryptoVector, "ipn_test_secret"));
        Assert.False(CryptoIpn.Verify(Bytes(CryptoSorted), CryptoVector, "other"));
        Assert.False(CryptoIpn.Verify(Bytes(CryptoSorted), null, "ipn_test_secret"));
        Assert.False(CryptoIpn.Verify(Bytes("[1,2]"), CryptoVector, "ipn_test_secret"));
        Assert.False(CryptoIpn.Verify(Bytes(CryptoSorted), CryptoVector[..100], "ipn_test_secret"));
    }

    [Fact]
    public void Crypto_statuses_map_to_what_we_do()
    {
        var finished = CryptoIpn.Parse(Bytes(CryptoSorted));
        Assert.Equal((PaymentEventType.Succeeded, "5077125051:finished", "dep-42"), (finished.Type, finished.EventId, finished.OrderReference));
        Assert.Equal(new BackOffice.Core.Common.Money(25000, "USD"), finished.Paid);
        var partial = CryptoIpn.Parse(Bytes(CryptoSorted.Replace("\"actually_paid\":250.1", "\"actually_paid\":125.05").Replace("finished", "partially_paid")));
        Assert.Equal(PaymentEventType.PartiallyPaid, partial.Type);
        Assert.Equal(new BackOffice.Core.Common.Money(12500, "USD"), partial.Paid);
        Assert.Equal(PaymentEventType.Failed, CryptoIpn.Parse(Bytes(CryptoSorted.Replace("finished", "expired"))).Type);
        Assert.Equal(PaymentEventType.InProgress, CryptoIpn.Parse(Bytes(CryptoSorted.Replace("finished", "confirming"))).Type);
    }
}
