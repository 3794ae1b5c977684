using System.Security.Cryptography;
using BackOffice.Core.Kyc.Documents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackOffice.Infrastructure.Documents;

public static class DocumentFilesRegistration
{
    /// <summary>
    /// The document store: <c>Documents:Folder</c> (default data/documents) and <c>Documents:EncryptionKey</c>
    /// (32 bytes, base64). In demo mode a missing key is generated once and kept beside the files;
    /// otherwise the console refuses to start without one.
    /// </summary>
    public static IServiceCollection AddDocumentFiles(this IServiceCollection services, IConfiguration configuration, string baseDirectory)
    {
        var folder = Path.GetFullPath(Path.Combine(baseDirectory, configuration["Documents:Folder"] is { Length: > 0 } f ? f : "data/documents"));
        var demo = configuration.GetValue("Demo:Enabled", false);
        services.AddSingleton<IDocumentFiles>(sp => new EncryptedDocumentFiles(folder,
            KeyFrom(configuration["Documents:EncryptionKey"], folder, demo, sp.GetService<ILoggerFactory>()?.CreateLogger("BackOffice.Documents"))));
        return services;
    }

    private static byte[] KeyFrom(string? configured, string folder, bool demo, ILogger? log)
    {
        if (configured is { Length: > 0 } && configured != "set-me")
        {
            var key = Convert.FromBase64String(configured);
            return key.Length == 32 ? key : throw new InvalidOperationException("Documents:EncryptionKey must be 32 bytes, base64-encoded.");
        }
        if (!demo)
            throw new InvalidOperationException("Documents:EncryptionKey is not set. Generate one with `openssl rand -base64 32` and put it in appsettings.json.");
        var file = Path.Combine(folder, "demo-encryption.key");
        if (File.Exists(file)) return Convert.FromBase64String(File.ReadAllText(file).Trim());
        Directory.CreateDirectory(folder);
        var generated = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(file, Convert.ToBase64String(generated));
        log?.LogWarning("Demo mode: generated a document encryption key in {File}. Set Documents:EncryptionKey for real use.", file);
        return generated;
    }
}
