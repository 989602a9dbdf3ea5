using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace ParentPortal.Platform.Files;

public enum ScanOutcome
{
    Clean,
    Infected,

    /// <summary>The daemon could not be reached, timed out or answered with an error: the file is not kept.</summary>
    NotChecked,
}

public sealed record ScanResult(ScanOutcome Outcome, string? Signature = null);

public interface IVirusScanner
{
    Task<ScanResult> ScanAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken);
}

/// <summary>
/// The ClamAV daemon over TCP, with its INSTREAM command (clamd(8)): the bytes go in chunks, each with its length as a
/// 4-byte big-endian number, then a zero length; clamd answers <c>stream: OK</c>, <c>stream: NAME FOUND</c> or an
/// error (for example when the file is larger than its <c>StreamMaxLength</c>). Anything but OK or FOUND is "not
/// checked", and the caller keeps nothing.
/// </summary>
public sealed class ClamAvScanner(IOptions<UploadOptions> options, ILogger<ClamAvScanner> logger) : IVirusScanner
{
    private const int ChunkSize = 64 * 1024;

    public async Task<ScanResult> ScanAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ScanTimeout);
        try
        {
            using var client = new TcpClient { NoDelay = true };
            await client.ConnectAsync(settings.ClamAvHost, settings.ClamAvPort, timeout.Token);
            await using var stream = client.GetStream();
            await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), timeout.Token);
            var length = new byte[4];
            for (var offset = 0; offset < content.Length; offset += ChunkSize)
            {
                var chunk = content.Slice(offset, Math.Min(ChunkSize, content.Length - offset));
                BinaryPrimitives.WriteUInt32BigEndian(length, (uint)chunk.Length);
                await stream.WriteAsync(length, timeout.Token);
                await stream.WriteAsync(chunk, timeout.Token);
            }

            BinaryPrimitives.WriteUInt32BigEndian(length, 0);
            await stream.WriteAsync(length, timeout.Token);
            var answer = await ReadAnswerAsync(stream, timeout.Token);
            return Interpret(answer);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The virus scanner could not be used ({Error}); the upload was refused", e.GetType().Name);
            return new(ScanOutcome.NotChecked);
        }
    }

    /// <summary>clamd's answer to INSTREAM, as documented: "stream: OK", "stream: &lt;signature&gt; FOUND", or "... ERROR".</summary>
    public static ScanResult Interpret(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var text = answer.TrimEnd('\0', '\n', ' ');
        if (text.EndsWith(": OK", StringComparison.Ordinal))
        {
            return new(ScanOutcome.Clean);
        }

        if (text.EndsWith(" FOUND", StringComparison.Ordinal))
        {
            var start = text.IndexOf(": ", StringComparison.Ordinal);
            return new(ScanOutcome.Infected, start < 0 ? text[..^6] : text[(start + 2)..^6]);
        }

        return new(ScanOutcome.NotChecked);
    }

    private static async Task<string> ReadAnswerAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        var received = new MemoryStream();
        int read;
        while (received.Length < 4096 && (read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            received.Write(buffer, 0, read);
            if (Array.IndexOf(buffer, (byte)0, 0, read) >= 0)
            {
                break;
            }
        }

        return Encoding.ASCII.GetString(received.ToArray());
    }
}
