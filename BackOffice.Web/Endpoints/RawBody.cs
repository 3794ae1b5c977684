namespace BackOffice.Web.Endpoints;

/// <summary>A signed callback's body, read as the exact bytes sent: signatures are checked on these, never on re-serialised JSON.</summary>
public static class RawBody
{
    /// <summary>The bytes, or null when there are more than <paramref name="maxBytes"/> (declared or actually sent).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes) return null;
        }
        return buffer.ToArray();
    }
}
