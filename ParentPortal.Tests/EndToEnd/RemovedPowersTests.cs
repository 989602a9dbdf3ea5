using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ParentPortal.Data;
using ParentPortal.Features.Admin.Settings;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>
/// Powers end when the staff list or the person says so, not when the tab is closed: a manager whose role is removed
/// is refused at their next action, and an open tab is signed out when the role goes or the person signs out elsewhere.
/// </summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed class RemovedPowersTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private PortalFactory? _portal;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await browser.CloseTestPagesAsync();
        if (_portal is not null)
        {
            await _portal.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    private PortalFactory Start(TimeSpan revalidateEvery)
    {
        _portal = new PortalFactory(_database, settings: new Dictionary<string, string?>
        {
            [RevalidatingPortalAuthenticationState.IntervalKey] = revalidateEvery.ToString(),
        });
        _portal.StartServer();
        return _portal;
    }

    /// <summary>Failed before handlers checked the staff list: the save went through on the cookie's old role.</summary>
    [Fact]
    public async Task AManagerWhoseRoleIsRemoved_WhileTheirTabIsOpen_IsRefusedAtTheirNextAction_AndToldWhy()
    {
        // Long enough that the tab is not signed out first: this test is about the handler's own check.
        var portal = Start(TimeSpan.FromMinutes(10));
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.SignInAsync("Martin Fowler-Hughes", "/manage/service");
        await page.WaitForInteractiveAsync();

        await RemoveMartinsManagerRoleAsync(portal);
        await page.GetByLabel("Helpline phone number").FillAsync("0300 111 2222");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save service details" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("the staff list no longer shows you as one");
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.NotEqual("0300 111 2222", (await db.Organisations.SingleAsync()).HelplinePhone);
    }

    /// <summary>The tab's sign-in is dropped and the page says why, with a way to sign in again.</summary>
    [Fact]
    public async Task AnOpenTab_StopsShowingThePage_WhenTheRoleGoes()
    {
        var portal = Start(TimeSpan.FromSeconds(1));
        var page = await browser.NewPageAsync(portal.BaseAddress);
        await page.SignInAsync("Martin Fowler-Hughes", "/manage");
        await page.WaitForInteractiveAsync();

        await RemoveMartinsManagerRoleAsync(portal);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You have been signed out of that page" })).ToBeVisibleAsync();
        await page.CheckPageAsync("removed-powers-01-role-gone");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in again" }).ClickAsync();
        // Still signed in with the provider: straight back, now an adviser, to a page that is not theirs.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You cannot open this page" })).ToBeVisibleAsync();
    }

    /// <summary>Failed before sign-outs were recorded: the first tab kept managing the service.</summary>
    [Fact]
    public async Task SigningOutInAnotherTab_SignsOutTheTabStillOpen()
    {
        var portal = Start(TimeSpan.FromSeconds(1));
        var first = await browser.NewPageAsync(portal.BaseAddress);
        await first.SignInAsync("Martin Fowler-Hughes", "/manage");
        await first.WaitForInteractiveAsync();
        var second = await first.Context.NewPageAsync();
        await second.GotoAsync("/");

        await second.RunAndWaitForResponseAsync(
            () => second.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync(),
            response => new Uri(response.Url).AbsolutePath == "/account/logout");

        await Assertions.Expect(first.GetByRole(AriaRole.Heading, new() { Name = "You have been signed out of that page" })).ToBeVisibleAsync();
        await first.CheckPageAsync("removed-powers-02-signed-out-elsewhere");
    }

    /// <summary>Another manager (Priya, promoted first) takes Martin's manager role away, through the real handler.</summary>
    private static async Task RemoveMartinsManagerRoleAsync(PortalFactory portal)
    {
        var staff = portal.Services.GetRequiredService<StaffHandler>();
        var martin = TestUsers.Make("demo-manager", "Martin Fowler-Hughes", PortalRoles.Manager);
        var priya = TestUsers.Make("demo-adviser", "Priya Shah", PortalRoles.Adviser, PortalRoles.Manager);
        var rows = (await staff.ListAsync(martin))!;
        var priyaRow = rows.Single(r => r.Subject == "demo-adviser");
        var martinRow = rows.Single(r => r.Subject == "demo-manager");
        var promote = new StaffForm { DisplayName = priyaRow.DisplayName, Email = priyaRow.Email };
        promote.Roles.UnionWith([PortalRoles.Adviser, PortalRoles.Manager]);
        Assert.True((await staff.UpdateAsync(martin, priyaRow.Id, promote)).Succeeded);
        var demote = new StaffForm { DisplayName = martinRow.DisplayName, Email = martinRow.Email };
        demote.Roles.Add(PortalRoles.Adviser);
        Assert.True((await staff.UpdateAsync(priya, martinRow.Id, demote)).Succeeded);
    }
}
