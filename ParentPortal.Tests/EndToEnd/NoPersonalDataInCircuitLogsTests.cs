using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Domain.Triage;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>
/// What people type travels over the circuit's WebSocket, not in URLs: with everything logged (down to Trace)
/// captured, an adviser searching for a family by name and phone number leaves neither in the logs. SignalR's hub
/// dispatcher printed both at Debug until the portal held that one category at Information.
/// </summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed class NoPersonalDataInCircuitLogsTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private readonly CapturedLogs _logs = new(LogLevel.Trace);
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory(_database, logs: _logs);
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
    public async Task AdviserSearchingByNameAndPhone_LeavesNeitherInTheLogs()
    {
        var id = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor");
        await using (var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var application = await db.Applications.SingleAsync(a => a.Id == id);
            application.SearchText = ApplicationSearchText.For(TriageAnswers.FromJson(application.AnswersJson), "Sam Taylor", "sam.taylor@example.com", application.Reference);
            await db.SaveChangesAsync();
        }

        var page = await browser.NewPageAsync(_portal.BaseAddress);
        await page.SignInAsync("Priya Shah", "/advisers/search");
        await page.WaitForInteractiveAsync();

        foreach (var query in new[] { "Siân O'Brien", "07700 900 982" })
        {
            await page.GetByLabel("Reference, name, phone, e-mail or child's name").FillAsync(query);
            await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("search-count")).ToHaveTextAsync("1 family found.");
        }

        var entries = _logs.Entries.ToList();
        Assert.Contains(entries, e => e.Category.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal));
        var leaks = entries.Where(e => new[] { "Siân", "Si\\u00E2n", "O'Brien", "07700", "Sam Taylor" }.Any(p => e.Text.Contains(p, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} of {entries.Count} log entries hold personal data:\n" + string.Join("\n", leaks.Take(10).Select(l => l.ToString()[..Math.Min(600, l.ToString().Length)])));
    }
}
