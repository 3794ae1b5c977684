namespace BackOffice.Infrastructure.Sanctions;

/// <summary>
/// The demo lists shipped with the app: invented names in the real OFAC and OpenSanctions file
/// formats (quirks included), copied next to the binaries so demo mode can screen its clients.
/// </summary>
public static class SampleLists
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Sanctions", "SampleLists");

    public static string OfacFolder => Path.Combine(Folder, "ofac");

    public static string OpenSanctionsFile => Path.Combine(Folder, "opensanctions", OpenSanctionsParser.FileName);
}
