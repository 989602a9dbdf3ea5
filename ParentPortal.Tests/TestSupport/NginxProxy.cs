using System.Collections.Concurrent;
using System.Diagnostics;

namespace ParentPortal.Tests.TestSupport;

/// <summary>
/// Debian's nginx, run by the test as its own process (no root, no system service): the repository's
/// <c>deploy/nginx/parentportal.conf</c> with this run's port and instances, everything else (pid, logs, temporary
/// files) in a temporary folder.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string NginxPath = "/usr/sbin/nginx";

    private readonly string _directory;
    private readonly string _configPath;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public NginxProxy(int port, IEnumerable<Uri> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        if (!File.Exists(NginxPath))
        {
            throw new InvalidOperationException($"{NginxPath} is missing. Run the README's test command (./test.sh), which installs Debian's nginx.");
        }

        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _directory = Path.Combine(Path.GetTempPath(), "parentportal-tests", "nginx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var servers = string.Join('\n', instances.Select(i => $"    server {i.Host}:{i.Port} max_fails=1 fail_timeout=10s;"));
        var site = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "nginx", "parentportal.conf"))
            .Replace("{{LISTEN}}", $"127.0.0.1:{port}", StringComparison.Ordinal)
            .Replace("{{SERVERS}}", servers, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_directory, "parentportal.conf"), site);
        _configPath = Path.Combine(_directory, "nginx.conf");
        File.WriteAllText(_configPath, $$"""
            daemon off;
            worker_processes 1;
            pid {{_directory}}/nginx.pid;
            error_log {{_directory}}/error.log notice;
            events { worker_connections 512; }
            http {
                client_body_temp_path {{_directory}}/client_body;
                proxy_temp_path {{_directory}}/proxy;
                fastcgi_temp_path {{_directory}}/fastcgi;
                uwsgi_temp_path {{_directory}}/uwsgi;
                scgi_temp_path {{_directory}}/scgi;
                include {{_directory}}/parentportal.conf;
                log_format portal '$remote_addr "$request" $status upstream=$upstream_addr route=$portal_route';
                access_log {{_directory}}/access.log portal;
            }
            """);
    }

    public Uri BaseAddress { get; }

    /// <summary>One line per request: the request, its status, which instance answered and the sticky key.</summary>
    public string AccessLog => ReadIfThere("access.log");

    public string ErrorLog => ReadIfThere("error.log");

    /// <summary>Starts nginx and waits until the portal's <c>/health</c> answers through it.</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        var start = new ProcessStartInfo(NginxPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-p", _directory + "/", "-c", _configPath })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await HealthWait.UntilHealthyAsync(BaseAddress, _process, timeout, "nginx", () => $"{string.Join('\n', _output)}\n{ErrorLog}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            // Workers outlive a killed master and keep the port: stop the whole tree.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A log still being written; the temp folder is cleaned by the OS.
        }
        catch (UnauthorizedAccessException)
        {
            // nginx's temp folders belong to its worker user.
        }
    }

    private string ReadIfThere(string file)
    {
        var path = Path.Combine(_directory, file);
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
