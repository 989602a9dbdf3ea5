using System.Diagnostics;
using System.Net;

namespace ParentPortal.Tests.TestSupport;

/// <summary>Waits for a process the tests started (a portal instance, nginx) to answer <c>/health</c>.</summary>
public static class HealthWait
{
    /// <param name="name">Which process, for the message if it exits or never answers.</param>
    /// <param name="details">The tail of its output and logs, for that message.</param>
    public static async Task UntilHealthyAsync(Uri baseAddress, Process process, TimeSpan timeout, string name, Func<string> details)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(details);
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with code {process.ExitCode} while starting:\n{details()}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting (migrations, JIT on a loaded machine).
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{name} did not answer /health within {timeout}:\n{details()}");
    }
}
