using System.Diagnostics;
using System.Text;

namespace ParentPortal.Tests.TestSupport;

/// <summary>
/// ParentPortal.Tests.SubmissionDriver running as a separate process (see its Program.cs for the protocol):
/// its complete output lines as they arrive, a SIGKILL on demand, and whatever it wrote to standard error.
/// A line is only counted once its newline has arrived, so a line cut short by a kill is never read as a whole one.
/// </summary>
public sealed class DriverProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly StringBuilder _errors = new();
    private readonly Task _reading;
    private readonly Task _readingErrors;
    private readonly SemaphoreSlim _lineArrived = new(0);

    private DriverProcess(Process process)
    {
        _process = process;
        _reading = ReadLinesAsync(process.StandardOutput);
        _readingErrors = Task.Run(async () =>
        {
            var text = await process.StandardError.ReadToEndAsync();
            lock (_errors)
            {
                _errors.Append(text);
            }
        });
    }

    public static string DllPath { get; } = FindDll();

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Null while it runs.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public static DriverProcess Start(params string[] arguments)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return new DriverProcess(Process.Start(info) ?? throw new InvalidOperationException("The driver did not start."));
    }

    /// <summary>Waits for a complete line that satisfies <paramref name="match"/>; false if the process ends or time runs out first.</summary>
    public async Task<bool> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (Lines.Any(match))
            {
                return true;
            }

            var left = timeout - deadline.Elapsed;
            if (left <= TimeSpan.Zero || (_reading.IsCompleted && !Lines.Any(match)))
            {
                return false;
            }

            await _lineArrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>True if the process ended by itself within <paramref name="timeout"/>.</summary>
    public async Task<bool> ExitsWithinAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            await Task.WhenAll(_reading, _readingErrors);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL (what Process.Kill sends on Linux): no handler runs, nothing is flushed or disposed.</summary>
    public async Task KillAsync()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        await _process.WaitForExitAsync();
        await Task.WhenAll(_reading, _readingErrors);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _lineArrived.Dispose();
    }

    private async Task ReadLinesAsync(StreamReader reader)
    {
        var pending = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == '\n')
                {
                    lock (_lines)
                    {
                        _lines.Add(pending.ToString().TrimEnd('\r'));
                    }

                    pending.Clear();
                    _lineArrived.Release();
                }
                else
                {
                    pending.Append(buffer[i]);
                }
            }
        }

        _lineArrived.Release();
    }

    // Built next to the tests by the test project's reference, in the same configuration and framework.
    private static string FindDll()
    {
        var testOutput = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var path = Path.Combine(RepositoryPaths.Root, "ParentPortal.Tests.SubmissionDriver", "bin", configuration, framework, "ParentPortal.Tests.SubmissionDriver.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the submission driver is not at " + path, path);
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
}
