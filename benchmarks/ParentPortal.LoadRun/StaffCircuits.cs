using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace ParentPortal.LoadRun;

/// <summary>
/// Issue 18 item 2's staff figure: the managed heap each open staff circuit holds, after full collections (Microsoft's
/// planning figure is 273 KB). N browser contexts sign in as the demo adviser and open the adviser console, then the
/// case list; the portal's memory is measured (through the probe) with none open, with all on the console, with all on
/// the case list, and after all have closed.
/// </summary>
internal static class StaffCircuits
{
    public const string Adviser = "Priya Shah";

    public static async Task<string> RunAsync(IBrowser browser, PortalInstance portal, int count, string machine, string quietness)
    {
        var warmUp = await OpenAsync(browser, portal.BaseAddress);
        await VisitAsync(warmUp, "/advisers/cases");
        await warmUp.Context.CloseAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var baseline = await portal.MeasureAsync();

        Console.WriteLine($"Opening {count} adviser tabs...");
        var pages = new List<IPage>();
        var clock = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(4))
        {
            pages.AddRange(await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
            {
                await gate.WaitAsync();
                try
                {
                    return await OpenAsync(browser, portal.BaseAddress);
                }
                finally
                {
                    gate.Release();
                }
            })));
        }

        clock.Stop();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var console = await portal.MeasureAsync();

        using (var gate = new SemaphoreSlim(4))
        {
            await Task.WhenAll(pages.Select(async page =>
            {
                await gate.WaitAsync();
                try
                {
                    await VisitAsync(page, "/advisers/cases");
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var cases = await portal.MeasureAsync();
        foreach (var page in pages)
        {
            await page.Context.CloseAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(5));
        var closed = await portal.MeasureAsync();

        var report = new StringBuilder();
        void Line(string text) => report.AppendLine(text);
        Line($"## Staff circuits, {DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)}");
        Line("");
        Line($"- Machine: {machine}");
        Line($"- The machine before the run: {quietness}");
        Line(string.Create(CultureInfo.InvariantCulture, $"- {count} browser contexts signed in as the demo adviser ({Adviser}), four at a time, in {clock.Elapsed.TotalSeconds:F1} s; each holds one circuit"));
        Line("");
        Line("Memory of the portal process after full compacting collections (MB), and per open staff circuit (KB):");
        Line("");
        Line("| | Managed heap (live) | GC heap committed | Working set |");
        Line("|---|---|---|---|");
        Line(Row("after a warm-up tab, none open", baseline));
        Line(Row($"{count} tabs on the adviser console (/advisers)", console));
        Line(Row($"{count} tabs on the case list (/advisers/cases)", cases));
        Line(Row("all tabs closed", closed));
        Line(PerCircuit($"**per circuit, console** (minus none open, / {count})", console, baseline, count));
        Line(PerCircuit($"**per circuit, case list** (minus none open, / {count})", cases, baseline, count));
        Line("");
        Line("Target (issue 18, Microsoft's planning figure): at most 273 KB of managed heap per staff circuit.");
        return report.ToString();
    }

    private static async Task<IPage> OpenAsync(IBrowser browser, Uri baseAddress)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(120_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString("/advisers"));
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/dev-idp/login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as " + Adviser }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/advisers");
        await page.Locator(".app-root[data-interactive='true']").WaitForAsync();
        return page;
    }

    private static async Task VisitAsync(IPage page, string path)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Cases" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
        await page.Locator(".app-root[data-interactive='true']").WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    private static string Row(string title, MemorySample sample) =>
        string.Create(CultureInfo.InvariantCulture, $"| {title} | {sample.Live / 1048576.0:F1} | {sample.Committed / 1048576.0:F1} | {sample.WorkingSet / 1048576.0:F1} |");

    private static string PerCircuit(string title, MemorySample open, MemorySample baseline, int count) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {title} | **{(open.Live - baseline.Live) / 1024.0 / count:F0}** | {(open.Committed - baseline.Committed) / 1024.0 / count:F0} | {(open.WorkingSet - baseline.WorkingSet) / 1024.0 / count:F0} |");
}
