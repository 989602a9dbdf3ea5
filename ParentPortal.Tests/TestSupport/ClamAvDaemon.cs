using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;

namespace ParentPortal.Tests.TestSupport;

/// <summary>
/// Debian's ClamAV daemon (<c>clamd</c>, from <c>clamav-daemon</c>, which <c>./test.sh</c> installs), run by the tests as
/// their own process on a free loopback port with the small signature database the suite ships
/// (<c>TestSupport/ClamAv/portal-test.ndb</c>: the EICAR test file), since the real database is downloaded at deployment.
/// One daemon serves the whole run; it stops when the test process ends.
/// </summary>
public sealed class ClamAvDaemon
{
    public const string ClamdPath = "/usr/sbin/clamd";

    /// <summary>The EICAR anti-virus test file: harmless, and detected by every scanner as a test.</summary>
    public const string Eicar = @"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    private static readonly Lazy<Task<ClamAvDaemon>> Shared = new(() => StartAsync(TimeSpan.FromSeconds(60)));

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private ClamAvDaemon(Process process, int port, ConcurrentQueue<string> output)
    {
        _process = process;
        Port = port;
        _output = output;
    }

    public int Port { get; }

    /// <summary>The portal's settings that point its scanner at this daemon.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Uploads:ClamAvHost"] = "127.0.0.1",
        ["Uploads:ClamAvPort"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static Task<ClamAvDaemon> SharedAsync() => Shared.Value;

    private static async Task<ClamAvDaemon> StartAsync(TimeSpan timeout)
    {
        if (!File.Exists(ClamdPath))
        {
            throw new InvalidOperationException($"{ClamdPath} is missing. Run the README's test command (./test.sh), which installs Debian's clamav-daemon.");
        }

        var directory = Path.Combine(Path.GetTempPath(), "parentportal-tests", "clamd-" + Guid.NewGuid().ToString("N"));
        var database = Path.Combine(directory, "db");
        Directory.CreateDirectory(database);
        File.Copy(Path.Combine(RepositoryPaths.Root, "ParentPortal.Tests", "TestSupport", "ClamAv", "portal-test.ndb"), Path.Combine(database, "portal-test.ndb"));
        var port = PortalFactory.FreePort();
        var config = Path.Combine(directory, "clamd.conf");
        // Limits above the portal's largest file, so an oversized file is the portal's refusal, not the daemon's.
        await File.WriteAllTextAsync(config, $"""
            Foreground yes
            DatabaseDirectory {database}
            TCPSocket {port}
            TCPAddr 127.0.0.1
            PidFile {directory}/clamd.pid
            TemporaryDirectory {directory}
            StreamMaxLength 64M
            MaxFileSize 64M
            MaxScanSize 200M
            SelfCheck 0
            """);
        var output = new ConcurrentQueue<string>();
        var start = new ProcessStartInfo(ClamdPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(config);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process, directory);

        var deadline = DateTime.UtcNow + timeout;
        while (!await AnswersPingAsync(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                Stop(process, directory);
                throw new InvalidOperationException($"clamd did not start on port {port}:\n{string.Join('\n', output)}");
            }

            // clamd loads its database before it listens: wait for the listening socket, not for a time.
            await Task.Delay(50);
        }

        return new ClamAvDaemon(process, port, output);
    }

    public string Output => string.Join('\n', _output);

    private static async Task<bool> AnswersPingAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            await using var stream = client.GetStream();
            await stream.WriteAsync("zPING\0"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    private static void Stop(Process process, string directory)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans its temporary folder.
        }
    }

    private static void Keep(ConcurrentQueue<string> output, string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }
}
