namespace BackOffice.Core.Kyc.Documents;

/// <summary>
/// Decides whether uploaded bytes may be kept as a document: PDF, JPEG or PNG recognised by their
/// first bytes (never by the name or the declared type), a plain file name, and a size limit.
/// </summary>
public static class DocumentFile
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];

    private static readonly Dictionary<string, string> ExtensionTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = Pdf,
        [".jpg"] = Jpeg,
        [".jpeg"] = Jpeg,
        [".png"] = Png,
    };

    /// <summary>Inner extensions that give away a disguised file ("passport.pdf.exe", "scan.php.pdf").</summary>
    private static readonly HashSet<string> FileExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        "pdf", "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp", "heic", "svg",
        "exe", "dll", "com", "bat", "cmd", "sh", "ps1", "vbs", "js", "jar", "msi", "scr", "lnk",
        "php", "asp", "aspx", "jsp", "html", "htm", "xhtml", "xml", "doc", "docx", "docm", "xls", "xlsx", "xlsm", "zip", "rar", "7z",
    };

    /// <summary>The detected content type of the bytes, or null when they are none of the accepted kinds.</summary>
    public static string? Detect(ReadOnlySpan<byte> content) =>
        content.StartsWith(PdfMagic) ? Pdf
        : content.StartsWith(PngMagic) ? Png
        : content.StartsWith(JpegMagic) ? Jpeg
        : null;

    public static string Describe(string contentType) => contentType switch
    {
        Pdf => "a PDF",
        Jpeg => "a JPEG image",
        Png => "a PNG image",
        _ => "a file of another kind",
    };

    /// <summary>Why the file name cannot be kept, or null. The name is shown to staff and never used as a path.</summary>
    public static string? RefuseName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName)) return "The file needs a name.";
        if (fileName.Length > 150) return "The file name is longer than 150 characters.";
        if (fileName.IndexOfAny(['/', '\\', ':', '*', '?', '"', '<', '>', '|']) >= 0 || fileName.Contains("..") || fileName.Any(char.IsControl))
            return "The file name contains path characters; send the file with a plain name such as passport.pdf.";
        var parts = fileName.Split('.');
        if (parts.Length < 2 || !ExtensionTypes.ContainsKey("." + parts[^1]))
            return "Only PDF, JPEG and PNG files are accepted (.pdf, .jpg, .jpeg, .png).";
        if (parts.Skip(1).SkipLast(1).Any(FileExtensions.Contains))
            return "The file name has two extensions; send the file with a single extension such as passport.pdf.";
        return null;
    }

    /// <summary>Checks name, size and bytes together; returns the content type detected from the bytes.</summary>
    public static (string? ContentType, string? Refusal) Inspect(string? fileName, ReadOnlySpan<byte> content, long maxBytes)
    {
        if (RefuseName(fileName) is { } badName) return (null, badName);
        if (content.Length == 0) return (null, "The file is empty.");
        if (content.Length > maxBytes)
            return (null, $"The file is {content.Length / 1024d / 1024d:0.#} MB; the limit is {maxBytes / 1024d / 1024d:0.#} MB.");
        var detected = Detect(content);
        if (detected is null)
            return (null, "The file is not a PDF, JPEG or PNG (its content was checked, not its name).");
        var named = ExtensionTypes[Path.GetExtension(fileName!)];
        if (named != detected)
            return (null, $"The file is named {Path.GetExtension(fileName!).ToLowerInvariant()} but its content is {Describe(detected)}; rename it or send the right file.");
        return (detected, null);
    }
}

/// <summary>Where document files are kept: outside the web root, encrypted at rest.</summary>
public interface IDocumentFiles
{
    /// <summary>Stores the bytes under a new key and returns the key.</summary>
    Task<string> SaveAsync(ReadOnlyMemory<byte> content, CancellationToken ct);

    Task<byte[]> ReadAsync(string key, CancellationToken ct);

    /// <summary>Removes a file whose document was never committed.</summary>
    Task DeleteAsync(string key, CancellationToken ct);
}
