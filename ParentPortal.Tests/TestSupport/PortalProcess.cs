using System.Collections.Concurrent;
using System.Diagnostics;

namespace ParentPortal.Tests.TestSupport;

/// <summary>
/// The portal as its own operating-system process (<c>dotnet ParentPortal.dll</c>, the build next to this test's),
/// configured by environment variables, as a deployment runs it: one instance of several, which a test can kill.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly string _log;
    private Process? _process;

    /// <param name="settings">Configuration keys (<c>Database:Provider</c>), passed as environment variables (<c>Database__Provider</c>).</param>
    public PortalProcess(string name, int port, IReadOnlyDictionary<string, string?> settings, string environment = "Development")
    {
        ArgumentNullException.ThrowIfNull(settings);
        Name = name;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _settings = new Dictionary<string, string?>(settings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/'),
        };
        _log = RepositoryPaths.Artifacts("scale-out", name + ".log");
        File.Delete(_log);
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Everything the process wrote to stdout and stderr so far (kept too under artifacts/scale-out/).</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>The portal's build for this test run's configuration (Debug or Release).</summary>
    public static string AssemblyPath
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            var path = Path.Combine(RepositoryPaths.Root, "ParentPortal", "bin", configuration, "net10.0", "ParentPortal.dll");
            return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build the solution first (dotnet build).");
        }
    }

    /// <summary>Starts the process and waits until <c>/health</c> answers 200 (migrations done, database reachable).</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        if (IsRunning)
        {
            return;
        }

        _process?.Dispose();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.Combine(RepositoryPaths.Root, "ParentPortal"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AssemblyPath);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in _settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await HealthWait.UntilHealthyAsync(BaseAddress, _process, timeout, $"Portal instance {Name}", Tail);
    }

    /// <summary>Ends the process at once, as a crash or a lost machine would: nothing is shut down gracefully.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    public override string ToString() => $"{Name} ({BaseAddress})";

    private string Tail() => string.Join('\n', _output.TakeLast(60));

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        lock (_output)
        {
            File.AppendAllText(_log, line + "\n");
        }
    }
}
