namespace BackOffice.Web;

/// <summary>The operator's one settings file: appsettings.json at the repository root (or where BACKOFFICE_SETTINGS points).</summary>
public sealed record OperatorSettings(string Directory, string File)
{
    public static OperatorSettings Locate()
    {
        if (Environment.GetEnvironmentVariable("BACKOFFICE_SETTINGS") is { Length: > 0 } explicitPath)
            return new OperatorSettings(Path.GetDirectoryName(Path.GetFullPath(explicitPath))!, Path.GetFullPath(explicitPath));
        foreach (var start in new[] { System.IO.Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "BackOffice.sln")) && System.IO.File.Exists(Path.Combine(dir.FullName, "appsettings.json")))
                    return new OperatorSettings(dir.FullName, Path.Combine(dir.FullName, "appsettings.json"));
        }
        var here = System.IO.Directory.GetCurrentDirectory();
        return new OperatorSettings(here, Path.Combine(here, "appsettings.json"));
    }

    /// <summary>The file first, then environment variables and the command line, which override it.</summary>
    public static void Apply(ConfigurationManager configuration, OperatorSettings settings, string[] args)
    {
        configuration.AddJsonFile(settings.File, optional: true, reloadOnChange: false);
        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
    }
}
