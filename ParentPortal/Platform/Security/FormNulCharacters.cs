using System.Buffers;

namespace ParentPortal.Platform.Security;

/// <summary>
/// ASP.NET Core's form reader refuses a whole form when any value holds an encoded NUL (<c>%00</c>: "The path contains
/// null characters"), so antiforgery cannot find its token and the family gets a bare 400 instead of their page, with
/// everything they typed lost. A NUL has no place in any answer: it is taken out of url-encoded form posts before
/// anything reads them, and the page's own validation deals with what is left.
/// </summary>
public sealed class FormNulCharacters(RequestDelegate next)
{
    /// <summary>No form of ours comes near this; a larger url-encoded post is refused with 413.</summary>
    public const int MaxBody = 4 * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method)
            && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
            && request.ContentLength is not > MaxBody)
        {
            var body = await ReadAsync(request.Body, context.RequestAborted);
            if (body is null)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            var cleaned = WithoutEncodedNuls(body);
            request.Body = new MemoryStream(cleaned, writable: false);
            request.ContentLength = cleaned.Length;
        }

        await next(context);
    }

    /// <summary>The body, or null when it is larger than <see cref="MaxBody"/> (refused as too large: it is not a form of ours).</summary>
    private static async Task<byte[]?> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBody)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    public static byte[] WithoutEncodedNuls(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.AsSpan().IndexOf("%00"u8) < 0)
        {
            return body;
        }

        var result = new byte[body.Length];
        var length = 0;
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == (byte)'%' && i + 2 < body.Length && body[i + 1] == (byte)'0' && body[i + 2] == (byte)'0')
            {
                i += 2;
                continue;
            }

            result[length++] = body[i];
        }

        return result[..length];
    }
}
