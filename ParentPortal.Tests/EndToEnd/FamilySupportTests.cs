using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Platform.Calendar;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>
/// Issue 13 item 8 in a real browser: a parent asked to be put in touch with the advocacy service and for an Independent
/// Parental Supporter; with no advocacy e-mail address set, the adviser refers them by phone and records it, then assigns a
/// supporter from the pool, on the case page.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class FamilySupportTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory(_database);
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
    public async Task TheAdviserRecordsTheAdvocacyReferral_AndAssignsAnIps_OnTheCasePage()
    {
        var pages = TriageFixtures.BullyingPages().ToDictionary(p => p.Key, p => p.Value);
        pages["bullying-racist"] = new() { ["bullying-racist"] = "yes", ["advocacy-referral"] = "yes" };
        pages["supporter"] = new() { ["supporter"] = "ips-wanted" };
        var caseId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor", pages);
        await using (var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            db.IndependentSupporters.Add(new IndependentSupporter { Name = "Amara Okoye", Email = "amara@ips.example.org", Phone = "07700 900 111" });
            await db.SaveChangesAsync();
        }

        var adviser = await browser.NewPageAsync(_portal.BaseAddress);
        await adviser.SignInAsync("Priya Shah", $"/advisers/cases/{caseId}");
        await adviser.WaitForInteractiveAsync();
        await Assertions.Expect(adviser.GetByTestId("advocacy")).ToHaveTextAsync("The family asked to be put in touch: not referred yet");
        await Assertions.Expect(adviser.GetByTestId("ips")).ToHaveTextAsync("The family asked for one: none assigned yet");

        var record = adviser.GetByRole(AriaRole.Button, new() { Name = "Record the referral" });
        await record.ClickAsync();
        await Assertions.Expect(adviser.Locator(".error-summary")).ToContainTextAsync("Enter the date the family was referred");
        await adviser.CheckPageAsync("support-01-referral-errors");
        await adviser.GetByLabel("Date the family was referred").FillAsync(UkDates.Iso(UkDates.DateIn(DateTimeOffset.UtcNow)));
        await adviser.Locator("#c-advocacy-how").CheckAsync();
        await record.ClickAsync();
        await Assertions.Expect(adviser.GetByRole(AriaRole.Status)).ToContainTextAsync("Recorded.");
        await Assertions.Expect(adviser.GetByTestId("advocacy")).ToContainTextAsync("Referred by phone on");

        await adviser.GetByLabel("Assign an Independent Parental Supporter").SelectOptionAsync(new SelectOptionValue { Label = "Amara Okoye" });
        await adviser.Locator("#ips-panel").GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await Assertions.Expect(adviser.GetByRole(AriaRole.Status)).ToContainTextAsync("Amara Okoye assigned. They and the family have been e-mailed.");
        await Assertions.Expect(adviser.GetByTestId("ips")).ToContainTextAsync("Amara Okoye (amara@ips.example.org, 07700 900 111), assigned");
        await adviser.CheckPageAsync("support-02-assigned");

        await using var check = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(caseId, (await check.OutboxMessages.SingleAsync(m => m.Kind == "ips-assigned")).ApplicationId);
    }
}
