using BackOffice.Core.Funds.Channels;

namespace BackOffice.Core.Funds.Payments;

/// <summary>The failure codes each kind of channel reports, in words for the client and whether trying again may help.</summary>
public static class PaymentFailures
{
    public sealed record FailureCode(ChannelKind Kind, string Code, string Message, bool Retry);

    public static IReadOnlyList<FailureCode> Catalogue { get; } =
    [
        new(ChannelKind.Card, "card_declined", "The card issuer declined the payment. Try another card or contact the bank.", true),
        new(ChannelKind.Card, "insufficient_funds", "The card has insufficient funds.", true),
        new(ChannelKind.Card, "expired_card", "The card has expired. Use a valid card.", true),
        new(ChannelKind.Card, "incorrect_cvc", "The security code was incorrect.", true),
        new(ChannelKind.Card, "authentication_required", "The bank asked for 3-D Secure authentication, which was not completed.", true),
        new(ChannelKind.Card, "processing_error", "The card processor had an error. Try again in a few minutes.", true),
        new(ChannelKind.Card, "fraudulent", "The payment was blocked as possibly fraudulent.", false),
        new(ChannelKind.Crypto, "expired", "The invoice expired before the payment arrived. Start a new deposit.", true),
        new(ChannelKind.Crypto, "failed", "The processor reports the payment failed.", true),
        new(ChannelKind.BankWire, "not_received", "No transfer with this reference arrived.", true),
        new(ChannelKind.BankWire, "returned", "The bank returned the transfer.", true),
        new(ChannelKind.BankWire, "cancelled", "The deposit was cancelled before money arrived.", true),
    ];

    public static string Describe(ChannelKind kind, string? code) =>
        Catalogue.FirstOrDefault(f => f.Kind == kind && f.Code == code)?.Message ?? $"The payment failed ({code ?? "no code given"}).";

    public static bool Retryable(string? code) => Catalogue.FirstOrDefault(f => f.Code == code)?.Retry ?? true;
}
