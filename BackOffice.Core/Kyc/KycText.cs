using System.Globalization;

namespace BackOffice.Core.Kyc;

/// <summary>How KYC sentences write figures: the same on every screen and in every alert, whatever the server's culture.</summary>
public static class KycText
{
    public static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + " %";

    public static string Usd(decimal value) => "USD " + value.ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string When(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
}
