using System.Security.Claims;
using ParentPortal.Features.Admin.Settings;
using ParentPortal.Features.Booking.Staff;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Admin.Settings;

/// <summary>One seeded database for the class: every refused change leaves it exactly as it was.</summary>
public sealed class SettingsAccessFixture : IAsyncLifetime
{
    public ApplicationsHost Host { get; private set; } = null!;

    public int LocalAuthorityId { get; private set; }

    public int AreaId { get; private set; }

    public int VenueId { get; private set; }

    public int TemplateId { get; private set; }

    public int AdviserId { get; private set; }

    public int ManagerId { get; private set; }

    public async Task InitializeAsync()
    {
        Host = await ApplicationsHost.StartAsync();
        LocalAuthorityId = await Host.LocalAuthorityIdAsync("herts");
        await using var db = await Host.DbAsync();
        AreaId = db.Areas.First(a => a.LocalAuthorityId == LocalAuthorityId).Id;
        VenueId = db.Venues.First().Id;
        TemplateId = db.SessionTemplates.First().Id;
        AdviserId = await Host.StaffIdAsync("demo-adviser");
        ManagerId = await Host.StaffIdAsync("demo-manager");
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class SettingsAccessTests(SettingsAccessFixture fixture) : IClassFixture<SettingsAccessFixture>
{
    private static readonly Dictionary<string, ClaimsPrincipal> Users = new()
    {
        ["adviser"] = TestUsers.Make("demo-adviser", "Priya Shah", PortalRoles.Adviser),
        ["mediator"] = TestUsers.Make("demo-mediator", "Tom Okafor", PortalRoles.Mediator),
        ["la-officer"] = TestUsers.Make("demo-la-officer", "Gwen Ellis", PortalRoles.LaOfficer),
        ["all-but-manager"] = TestUsers.Make("demo-staff", "Staff Member", PortalRoles.Adviser, PortalRoles.Mediator, PortalRoles.LaOfficer),
        ["parent"] = TestUsers.Parent(),
        ["signed-out"] = TestUsers.Anonymous(),
        // Their sign-in still says manager (an open tab, or roles cached for up to 30 seconds), the staff list no longer does.
        // Both were allowed before handlers checked the staff list.
        ["manager-role-removed-since-sign-in"] = TestUsers.Make("demo-adviser", "Priya Shah", PortalRoles.Adviser, PortalRoles.Manager),
        ["manager-no-longer-on-the-staff-list"] = TestUsers.Make("former-manager", "Former Manager", PortalRoles.Manager),
    };

    private static readonly Dictionary<string, Func<SettingsAccessFixture, ClaimsPrincipal, Task<SettingsResult>>> Changes = new()
    {
        ["service-details"] = (f, u) => f.Host.Handler<ServiceDetailsHandler>().SaveAsync(u, new() { Name = "Taken over", HelplinePhone = "0300 999 9999", HelplineHours = "Never", ContactEmail = "x@example.com" }),
        ["add-local-authority"] = (f, u) => f.Host.Handler<LocalAuthoritiesHandler>().SaveAsync(u, null, new() { Code = "kent", Name = "Kent" }),
        ["rename-local-authority"] = (f, u) => f.Host.Handler<LocalAuthoritiesHandler>().SaveAsync(u, f.LocalAuthorityId, new() { Name = "Renamed" }),
        ["deactivate-local-authority"] = (f, u) => f.Host.Handler<LocalAuthoritiesHandler>().SetActiveAsync(u, f.LocalAuthorityId, false),
        ["add-area"] = (f, u) => f.Host.Handler<AreasHandler>().SaveAsync(u, f.LocalAuthorityId, null, new() { Name = "Central" }),
        ["change-area"] = (f, u) => f.Host.Handler<AreasHandler>().SaveAsync(u, f.LocalAuthorityId, f.AreaId, new() { Name = "Renamed", HelplinePhone = "0300 111 2222" }),
        ["deactivate-area"] = (f, u) => f.Host.Handler<AreasHandler>().SetActiveAsync(u, f.LocalAuthorityId, f.AreaId, false),
        ["add-venue"] = (f, u) => f.Host.Handler<VenuesHandler>().SaveAsync(u, null, new() { Name = "Town Hall", Address = "1 Square", AccessInformation = "Step-free" }),
        ["change-venue"] = (f, u) => f.Host.Handler<VenuesHandler>().SaveAsync(u, f.VenueId, new() { Name = "Renamed", Address = "1 Square", AccessInformation = "Step-free" }),
        ["deactivate-venue"] = (f, u) => f.Host.Handler<VenuesHandler>().SetActiveAsync(u, f.VenueId, false),
        ["add-supporter"] = (f, u) => f.Host.Handler<SupportersHandler>().SaveAsync(u, null, new() { Name = "Intruder", Email = "intruder@example.com" }),
        ["advocacy-service"] = (f, u) => f.Host.Handler<ServiceDetailsHandler>().SaveAsync(u, new() { Name = "Parent Mediation Service", HelplinePhone = "0300 123 4567", HelplineHours = "Weekdays", ContactEmail = "help@example.org", AdvocacyName = "Taken over", AdvocacyEmail = "x@example.com" }),
        ["add-session-type"] = (f, u) => f.Host.Handler<SessionTemplatesHandler>().SaveAsync(u, null, new() { DefaultTitle = "New", DefaultDescription = "New", DefaultDurationMinutes = "60", DefaultCapacity = "10" }),
        ["change-session-type"] = (f, u) => f.Host.Handler<SessionTemplatesHandler>().SaveAsync(u, f.TemplateId, new() { DefaultTitle = "Renamed", DefaultDescription = "New", DefaultDurationMinutes = "60", DefaultCapacity = "10" }),
        ["deactivate-session-type"] = (f, u) => f.Host.Handler<SessionTemplatesHandler>().SetActiveAsync(u, f.TemplateId, false),
        ["add-staff"] = (f, u) => f.Host.Handler<StaffHandler>().AddAsync(u, StaffForm("intruder", PortalRoles.Manager)),
        ["give-self-manager"] = (f, u) => f.Host.Handler<StaffHandler>().UpdateAsync(u, f.AdviserId, StaffForm(null, PortalRoles.Adviser, PortalRoles.Manager)),
        ["demote-manager"] = (f, u) => f.Host.Handler<StaffHandler>().UpdateAsync(u, f.ManagerId, StaffForm(null, PortalRoles.Adviser)),
        ["deactivate-manager"] = (f, u) => f.Host.Handler<StaffHandler>().SetActiveAsync(u, f.ManagerId, false),
    };

    public static TheoryData<string, string> UsersAndChanges()
    {
        var data = new TheoryData<string, string>();
        foreach (var user in Users.Keys)
        {
            foreach (var change in Changes.Keys)
            {
                data.Add(user, change);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UsersAndChanges))]
    public async Task Change_ByAnyoneButAManager_IsRefused_AndNothingChanges(string user, string change)
    {
        var before = await fixture.Host.SnapshotAsync();

        var result = await Changes[change](fixture, Users[user]);

        Assert.False(result.Succeeded);
        Assert.Equal(SettingsResult.NotAManager, Assert.Single(result.Errors).Message);
        Assert.Equal(before, await fixture.Host.SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(UserNames))]
    public async Task Lists_ForAnyoneButAManager_AreNotShown(string user)
    {
        var principal = Users[user];

        Assert.Null(await fixture.Host.Handler<ServiceDetailsHandler>().GetAsync(principal));
        Assert.Null(await fixture.Host.Handler<LocalAuthoritiesHandler>().ListAsync(principal));
        Assert.Null(await fixture.Host.Handler<AreasHandler>().GetAsync(principal, fixture.LocalAuthorityId, fixture.AreaId));
        Assert.Null(await fixture.Host.Handler<VenuesHandler>().ListAsync(principal));
        Assert.Null(await fixture.Host.Handler<SupportersHandler>().ListAsync(principal));
        Assert.Null(await fixture.Host.Handler<SessionTemplatesHandler>().ListAsync(principal));
        Assert.Null(await fixture.Host.Handler<StaffHandler>().ListAsync(principal));
    }

    public static TheoryData<string> UserNames() => [.. Users.Keys];

    [Fact]
    public async Task ManagerRoleWithoutASubject_IsRefused()
    {
        var noSubject = new ClaimsPrincipal(new ClaimsIdentity([new Claim(PortalRoles.ClaimType, PortalRoles.Manager)], "test", "name", PortalRoles.ClaimType));
        var before = await fixture.Host.SnapshotAsync();

        var result = await Changes["add-staff"](fixture, noSubject);

        Assert.False(result.Succeeded);
        Assert.Equal(before, await fixture.Host.SnapshotAsync());
    }

    [Theory]
    [InlineData("parent")]
    [InlineData("signed-out")]
    [InlineData("mediator")]
    [InlineData("la-officer")]
    public async Task SessionFormPresets_AreOnlyForStaffWhoArrangeSessions(string user)
    {
        var presets = await fixture.Host.Handler<SessionPresetsQuery>().HandleAsync(Users[user]);

        Assert.Empty(presets.Venues);
        Assert.Empty(presets.Templates);
    }

    [Fact]
    public async Task SessionFormPresets_ForAnAdviser_ListTheActiveVenuesAndSessionTypes()
    {
        var presets = await fixture.Host.Handler<SessionPresetsQuery>().HandleAsync(Users["adviser"]);

        Assert.Equal(["Chelmsford Library meeting room", "Hatfield Community Centre"], presets.Venues.Select(v => v.Name));
        Assert.Equal(3, presets.Templates.Count);
    }

    private static StaffForm StaffForm(string? subject, params string[] roles)
    {
        var form = new StaffForm { DisplayName = "Someone", Email = "someone@example.org", Subject = subject };
        form.Roles.UnionWith(roles);
        return form;
    }
}
