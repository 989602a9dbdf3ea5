using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using MimeKit;

namespace ParentPortal.Tests.TestSupport;

/// <summary>
/// A real SMTP server on a free loopback port: Debian's <c>python3-aiosmtpd</c> (which <c>./test.sh</c> installs), run by
/// the test as its own process with its <c>Mailbox</c> handler, which keeps each message it accepts in a Maildir. A test
/// reads what arrived with MimeKit, as a mail client would. Each test starts its own; disposing it stops it.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    /// <summary>Debian's own Python, where the package installs; not whichever python3 comes first on the PATH.</summary>
    public const string Python = "/usr/bin/python3";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    private readonly string _directory;

    private SmtpTestServer(Process process, int port, string directory, ConcurrentQueue<string> output)
    {
        _process = process;
        Port = port;
        _directory = directory;
        _output = output;
    }

    public int Port { get; }

    /// <summary>Recipient addresses starting with this are refused for good.</summary>
    public const string RefusedPrefix = "nobody-here";

    private string Maildir => Path.Combine(_directory, "maildir");

    /// <summary>The portal's settings that send through this server (no TLS: it is on this machine).</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Messaging:Sender"] = "Smtp",
        ["Messaging:Smtp:Host"] = "127.0.0.1",
        ["Messaging:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Messaging:Smtp:Security"] = "None",
        ["Messaging:Smtp:From"] = "no-reply@mediation.example.org",
        ["Messaging:Smtp:FromName"] = "Family Mediation Partnership",
    };

    /// <summary>
    /// Starts a server. Every recipient address that starts with <see cref="RefusedPrefix"/> is refused with
    /// <c>550 5.1.1</c> (no such mailbox), as a real server refuses an address that does not exist.
    /// </summary>
    public static async Task<SmtpTestServer> StartAsync()
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing. Run the README's test command (./test.sh), which installs Debian's python3-aiosmtpd.");
        }

        var directory = Path.Combine(Path.GetTempPath(), "parentportal-tests", "smtp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var port = PortalFactory.FreePort();
        var output = new ConcurrentQueue<string>();
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // aiosmtpd's Maildir handler, refusing the addresses a test wants refused.
        await File.WriteAllTextAsync(Path.Combine(directory, "portal_smtp.py"), $$"""
            from aiosmtpd.handlers import Mailbox

            class Refusing(Mailbox):
                async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                    if address.startswith('{{RefusedPrefix}}'):
                        return '550 5.1.1 No such mailbox here'
                    envelope.rcpt_tos.append(address)
                    return '250 OK'
            """);
        start.Environment["PYTHONPATH"] = directory;
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-u", "-l", $"127.0.0.1:{port}", "-c", "portal_smtp.Refusing", Path.Combine(directory, "maildir") })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Keep(output, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new SmtpTestServer(process, port, directory, output);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await GreetsAsync(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"aiosmtpd did not start on port {port}:\n{string.Join('\n', output)}");
            }

            // The server listens once Python has loaded: wait for its greeting, not for a time.
            await Task.Delay(50);
        }

        return server;
    }

    /// <summary>Every message the server accepted, parsed, in the order they arrived.</summary>
    public IReadOnlyList<MimeMessage> Received()
    {
        var folder = Path.Combine(Maildir, "new");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. new DirectoryInfo(folder).GetFiles().OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => MimeMessage.Load(f.FullName))];
    }

    public string Output => string.Join('\n', _output);

    public ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans its temporary folder.
        }

        return ValueTask.CompletedTask;
    }

    private static async Task<bool> GreetsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            await using var stream = client.GetStream();
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("220", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
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
