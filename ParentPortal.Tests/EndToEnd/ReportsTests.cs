using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Platform.Calendar;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>The service manager's reports over the seeded demo volumes: charts, tables, errors and the CSV download.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class ReportsTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory(_database, settings: new Dictionary<string, string?> { ["Database:SeedVolumes"] = "true" });
        _portal.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await browser.CloseTestPagesAsync();
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Manager_OpensTheReports_FixesAPeriod_AndDownloadsTheCsv()
    {
        var page = await browser.NewPageAsync(_portal.BaseAddress);
        await page.SignInAsync("Martin Fowler-Hughes", "/manage");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Reports", Exact = true }).ClickAsync();
        await page.WaitForAddressAsync(url => new Uri(url).AbsolutePath == "/manage/reports", untilLoaded: false);
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Calls to the helpline", Level = 2 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Outcomes and time limits", Level = 2 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".report-chart svg").First).ToBeVisibleAsync();
        var callsTable = page.GetByRole(AriaRole.Table, new() { Name = "Calls by month and caller type" });
        await Assertions.Expect(callsTable.GetByRole(AriaRole.Row)).ToHaveCountAsync(14); // heading, 12 months, total
        await page.CheckPageAsync("reports-01-last-12-months");

        await page.GetByLabel("Start date").FillAsync(TestDates.FromToday(-150));
        await page.GetByLabel("End date").FillAsync(TestDates.FromToday(-330));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show figures" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The end date must be the same as or after the start date");
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: "));
        await page.CheckPageAsync("reports-02-error");

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = today.AddMonths(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var to = today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("Start date").FillAsync(from);
        await page.GetByLabel("End date").FillAsync(to);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show figures" }).ClickAsync();
        await page.WaitForAddressAsync(url => url.Contains("from=" + from, StringComparison.Ordinal));
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await page.CheckPageAsync("reports-03-chosen-period");

        // Links to a part of the page keep the chosen period.
        await page.GetByRole(AriaRole.Link, new() { Name = "Outcomes and time limits" }).ClickAsync();
        await page.WaitForAddressAsync(url => url.EndsWith("#outcomes", StringComparison.Ordinal));
        Assert.Contains("from=" + from, page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByText($"Figures for {UkDates.ShortDate(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture))}")).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Download these figures as a spreadsheet (CSV)" }).ClickAsync());
        Assert.Equal($"report-{from}-to-{to}.csv", download.SuggestedFilename);
        var path = RepositoryPaths.Artifacts("downloads", download.SuggestedFilename);
        await download.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("Section,Item,Breakdown,Value,Out of,Percent\r\n", text, StringComparison.Ordinal);
        Assert.Contains($"Period,From,,{from},,", text, StringComparison.Ordinal);

        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "report-exported");
        Assert.Equal($"from {from} to {to}", audit.Detail);
    }
}
