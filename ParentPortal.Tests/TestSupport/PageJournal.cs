using System.Runtime.CompilerServices;
using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Playwright;

namespace ParentPortal.Tests.TestSupport;

/// <summary>
/// What happened in a browser page, with times: navigations, reloads, the circuit's WebSocket opening and closing, script
/// errors and console warnings. A browser test that times out reports it, so a failure on CI can be told apart: the
/// server slow, the connection dropped, the page reloaded, or the click never reaching the portal.
/// </summary>
public static class PageJournal
{
    private static readonly ConditionalWeakTable<IPage, ConcurrentQueue<string>> Journals = new();

    public static void Attach(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var journal = Journals.GetValue(page, _ => new ConcurrentQueue<string>());
        var clock = Stopwatch.StartNew();
        void Note(string what)
        {
            journal.Enqueue($"{clock.Elapsed.TotalSeconds,7:0.00}s {what}");
            while (journal.Count > 60 && journal.TryDequeue(out _))
            {
            }
        }

        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                Note("navigated to " + new Uri(frame.Url).AbsolutePath);
            }
        };
        page.Load += (_, _) => Note("load");
        page.PageError += (_, error) => Note("script error: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Note($"console {message.Type}: {message.Text}");
            }
        };
        page.WebSocket += (_, socket) =>
        {
            Note("websocket open " + new Uri(socket.Url).AbsolutePath);
            socket.Close += (_, _) => Note("websocket closed");
            socket.SocketError += (_, error) => Note("websocket error: " + error);
        };
        page.Crash += (_, _) => Note("renderer crashed");
        page.RequestFailed += (_, request) => Note($"request failed: {request.Method} {new Uri(request.Url).AbsolutePath} {request.Failure}");
    }

    /// <summary>
    /// Appends the page's journal to artifacts/browser-journal.log when the browser reported a script error, a console error
    /// (other than a resource not found) or a failed WebSocket: a failed assertion (not only a time-out) then still says what the browser saw, and ./test.sh
    /// prints the end of that file when a run fails. Blazor's "Something went wrong" panel can come from the browser side
    /// alone (no error on the server), which only this shows.
    /// </summary>
    public static void KeepIfTroubled(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        // A 404 for a resource is expected in some tests (and the sign-in provider's page has no icon): not trouble.
        if (!Journals.TryGetValue(page, out var journal) || !journal.Any(e => e.Contains("script error", StringComparison.Ordinal)
            || (e.Contains("console error", StringComparison.Ordinal) && !e.Contains("Failed to load resource", StringComparison.Ordinal))
            || e.Contains("websocket error", StringComparison.Ordinal)))
        {
            return;
        }

        var text = $"--- {DateTimeOffset.UtcNow:O} {page.Url}{Environment.NewLine}{string.Join(Environment.NewLine, journal)}{Environment.NewLine}";
        lock (FileLock)
        {
            File.AppendAllText(RepositoryPaths.Artifacts("browser-journal.log"), text);
        }
    }

    private static readonly Lock FileLock = new();

    public static string Describe(IPage page) =>
        Journals.TryGetValue(page, out var journal) ? string.Join(Environment.NewLine, journal) : "(no journal)";
}
