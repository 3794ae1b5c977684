using System.Security.Cryptography;
using BackOffice.Core.Kyc.Documents;

namespace BackOffice.Infrastructure.Documents;

/// <summary>
/// Document files on disk under <c>data/</c>, outside the web root, each encrypted with AES-GCM:
/// a random 12-byte nonce, the ciphertext and the 16-byte tag. The file's key in the store is a
/// random name we make; nothing the client sends becomes part of a path.
/// </summary>
public sealed class EncryptedDocumentFiles(string folder, byte[] key) : IDocumentFiles
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Header = "BODOC1"u8.ToArray();
    private readonly byte[] _key = key.Length == 32 ? key : throw new ArgumentException("The document encryption key must be 32 bytes (AES-256).");

    public async Task<string> SaveAsync(ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var name = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var sealedBytes = new byte[Header.Length + NonceSize + TagSize + content.Length];
        Header.CopyTo(sealedBytes, 0);
        var nonce = sealedBytes.AsSpan(Header.Length, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_key, TagSize))
            aes.Encrypt(nonce, content.Span, sealedBytes.AsSpan(Header.Length + NonceSize + TagSize), sealedBytes.AsSpan(Header.Length + NonceSize, TagSize),
                Associated(name));
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, sealedBytes, ct);
        return name;
    }

    public async Task<byte[]> ReadAsync(string key, CancellationToken ct)
    {
        var sealedBytes = await File.ReadAllBytesAsync(PathOf(key), ct);
        if (sealedBytes.Length < Header.Length + NonceSize + TagSize || !sealedBytes.AsSpan(0, Header.Length).SequenceEqual(Header))
            throw new CryptographicException($"Document file {key} is not a sealed document.");
        var plain = new byte[sealedBytes.Length - Header.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(Header.Length, NonceSize), sealedBytes.AsSpan(Header.Length + NonceSize + TagSize),
            sealedBytes.AsSpan(Header.Length + NonceSize, TagSize), plain, Associated(key));
        return plain;
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    // Binding the file's name into the tag stops one sealed file being swapped in for another.
    private static byte[] Associated(string name) => System.Text.Encoding.ASCII.GetBytes(name);

    private string PathOf(string name)
    {
        if (name.Length != 32 || !name.All(Uri.IsHexDigit))
            throw new ArgumentException("Not a document key.", nameof(name));
        return Path.Combine(folder, name[..2], name);
    }
}
