using System.Reflection;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using ParentPortal.Data;
using ParentPortal.Features.Admin.Settings;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Admin.Settings;

/// <summary>The settings pages rendered with bUnit against the real handlers and a seeded database.</summary>
public sealed class SettingsPagesTests : PortalComponentTest
{
    private readonly SeededDatabase _database;

    public SettingsPagesTests(SeededDatabase database)
        : base(database)
    {
        _database = database;
        Services.AddSingleton(database.Services.GetRequiredService<IMemoryCache>());
        Services.AddSingleton<IHostEnvironment>(new DevelopmentEnvironment());
        Services.AddScoped<SettingsNotice>();
        foreach (var handler in new[] { typeof(ServiceDetailsHandler), typeof(LocalAuthoritiesHandler), typeof(AreasHandler), typeof(VenuesHandler), typeof(SessionTemplatesHandler), typeof(StaffHandler) })
        {
            Services.AddTransient(handler);
        }

        SignIn("demo-manager", "Martin Fowler-Hughes", PortalRoles.Manager);
    }

    [Fact]
    public void EverySettingsPage_IsForManagersOnly()
    {
        var pages = typeof(SettingsPage).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(SettingsPage).Namespace && t.GetCustomAttributes<RouteAttribute>().Any())
            .ToList();

        Assert.True(pages.Count >= 11, $"found only {pages.Count} pages");
        Assert.All(pages, page => Assert.Equal(PortalPolicies.Manager, page.GetCustomAttribute<AuthorizeAttribute>()?.Policy));
        Assert.All(pages.Select(p => p.GetCustomAttributes<RouteAttribute>()), routes => Assert.All(routes, r => Assert.StartsWith("/manage", r.Template, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task NewStaffMember_SentEmpty_ListsEachProblem_AndTiesEachMessageToItsField()
    {
        var page = Render<StaffMemberPage>();
        page.WaitForElement("form.staff-form");

        await page.Find("form.staff-form").SubmitAsync();

        var summary = page.WaitForElement(".error-summary");
        foreach (var (field, message) in new[] { ("name", "Enter their name"), ("email", "Enter their email address"), ("subject", "Enter the ID the sign-in service gives them"), ("roles", "Select at least one role") })
        {
            Assert.Contains(message, summary.TextContent, StringComparison.Ordinal);
            Assert.Equal($"f-{field}", new Uri("http://x/" + summary.QuerySelectorAll("a").Single(a => a.TextContent == message).GetAttribute("href")).Fragment.TrimStart('#'));
            Assert.Contains(message, page.Find($"#f-{field}-error").TextContent, StringComparison.Ordinal);
            Assert.NotEmpty(page.FindAll($"[aria-describedby~='f-{field}-error']"));
        }
    }

    [Fact]
    public void NewStaffMember_TheSignInIdHint_ExplainsWhereItComesFrom_AndNamesTheDemoAccounts()
    {
        var page = Render<StaffMemberPage>();

        var hint = page.WaitForElement("#f-subject-hint").TextContent;

        Assert.Contains("The ID the sign-in service gives them", hint, StringComparison.Ordinal);
        Assert.Contains("demo-adviser", hint, StringComparison.Ordinal);
        Assert.Equal("f-subject-hint", page.Find("#f-subject").GetAttribute("aria-describedby"));
    }

    [Fact]
    public async Task NewStaffMember_ChoosingLaOfficer_AsksWhichLocalAuthority()
    {
        var page = Render<StaffMemberPage>();
        page.WaitForElement("form.staff-form");
        Assert.Empty(page.FindAll("#f-local-authority"));

        page.Find("#f-role-la-officer").Change(true);
        var select = page.WaitForElement("#f-local-authority");
        Assert.Equal(["Select a local authority", "Bedford Borough", "Essex", "Hertfordshire"], select.QuerySelectorAll("option").Select(o => o.TextContent));
        page.Find("#f-name").Change("Dev Patel");
        page.Find("#f-email").Change("dev.patel@example.gov.uk");
        page.Find("#f-subject").Change("dev-patel");
        await page.Find("form.staff-form").SubmitAsync();

        Assert.Contains("Select the local authority this officer works for", page.WaitForElement("#f-local-authority-error").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnRecord_UntickingManager_IsRefusedWithAClearMessage()
    {
        var me = await StaffIdAsync("demo-manager");
        var page = Render<StaffMemberPage>(p => p.Add(c => c.Id, me));
        page.WaitForElement("form.staff-form");

        page.Find("#f-role-manager").Change(false);
        page.Find("#f-role-adviser").Change(true);
        await page.Find("form.staff-form").SubmitAsync();

        Assert.Contains("You cannot remove your own manager role. Ask another manager to do it.", page.WaitForElement("#f-roles-error").TextContent, StringComparison.Ordinal);
        Assert.Contains("Error:", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceDetails_AWrongEmailAddress_IsShownNextToTheField()
    {
        var page = Render<ServiceDetailsPage>();
        page.WaitForElement("form.staff-form");
        Assert.Equal("help@test.example", page.Find("#f-email").GetAttribute("value"));

        page.Find("#f-email").Change("help at example");
        await page.Find("form.staff-form").SubmitAsync();

        Assert.Contains("Enter an email address in the correct format, like name@example.com", page.WaitForElement("#f-email-error").TextContent, StringComparison.Ordinal);
        Assert.Contains("form-group--error", page.Find("#f-email").ParentElement!.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionType_SentWithWords_ForNumbers_SaysSo()
    {
        var page = Render<SessionTypePage>();
        page.WaitForElement("form.staff-form");

        page.Find("#f-title").Change("Open day");
        page.Find("#f-description").Change("Meet the team.");
        page.Find("#f-duration").Change("two hours");
        page.Find("#f-capacity").Change("lots");
        await page.Find("form.staff-form").SubmitAsync();

        Assert.Contains("Enter the length as a number of minutes, like 90", page.WaitForElement("#f-duration-error").TextContent, StringComparison.Ordinal);
        Assert.Contains("Enter the number of places as a number, like 12", page.Find("#f-capacity-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("numeric", page.Find("#f-duration").GetAttribute("inputmode"));
    }

    [Fact]
    public void LocalAuthorities_ListsEachWithItsAreas()
    {
        var page = Render<LocalAuthoritiesPage>();

        var rows = page.WaitForElements("tbody tr");

        Assert.Equal(3, rows.Count);
        Assert.Contains("East, North, South, West", rows.Single(r => r.TextContent.Contains("Hertfordshire", StringComparison.Ordinal)).TextContent, StringComparison.Ordinal);
    }

    private async Task<int> StaffIdAsync(string subject)
    {
        await using var db = await _database.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.StaffMembers.Where(s => s.Subject == subject).Select(s => s.Id).SingleAsync();
    }

    private sealed class DevelopmentEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;

        public string ApplicationName { get; set; } = "ParentPortal";

        public string ContentRootPath { get; set; } = "";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
