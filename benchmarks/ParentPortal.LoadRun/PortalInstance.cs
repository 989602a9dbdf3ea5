using System.Diagnostics;
using System.Globalization;

namespace ParentPortal.LoadRun;

/// <summary>Memory of the portal process after full garbage collections, from the probe inside it.</summary>
internal sealed record MemorySample(long Live, long Heap, long Committed, long WorkingSet);

/// <summary>The portal's Release build as its own process, with the probe (<see cref="StartupHook"/>) loaded into it.</summary>
internal sealed class PortalInstance : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly List<string> _output = [];
    private TaskCompletionSource<string>? _probe;

    private PortalInstance(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public static async Task<PortalInstance> StartAsync(string portalDll, string contentRoot, int port, IReadOnlyDictionary<string, string> settings)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = contentRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(portalDll);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start };
        var instance = new PortalInstance(process, baseAddress);
        process.OutputDataReceived += (_, e) => instance.Received(e.Data);
        process.ErrorDataReceived += (_, e) => instance.Received(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with code {process.ExitCode}:\n{instance.Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return instance;
                }
            }
            catch (HttpRequestException)
            {
                // Still starting.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The portal did not answer /health within 3 minutes:\n" + instance.Output);
    }

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _output.TakeLast(80));
            }
        }
    }

    /// <summary>Asks the probe inside the portal for its memory after full collections.</summary>
    public async Task<MemorySample> MeasureAsync()
    {
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _probe = answer;
        }

        await _process.StandardInput.WriteLineAsync("measure");
        await _process.StandardInput.FlushAsync();
        var line = await answer.Task.WaitAsync(TimeSpan.FromMinutes(1));
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture));
        return new MemorySample(values["live"], values["heap"], values["committed"], values["workingSet"]);
    }

    /// <summary>CPU time the portal has used so far (user and system), from /proc.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (line.StartsWith(StartupHook.Prefix, StringComparison.Ordinal) && _probe is { } probe)
            {
                _probe = null;
                probe.TrySetResult(line[StartupHook.Prefix.Length..]);
                return;
            }

            _output.Add(line);
            if (_output.Count > 2000)
            {
                _output.RemoveRange(0, 1000);
            }
        }
    }
}
