using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Admin.Settings;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Admin.Settings;

/// <summary>On both engines: staff changes run in serializable transactions, which each engine does its own way.</summary>
public abstract class StaffTests(DatabaseProvider provider) : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync(TestDatabase.Create(provider));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private StaffHandler Handler => _host.Handler<StaffHandler>();

    private static StaffForm Form(string? subject, params string[] roles)
    {
        var form = new StaffForm { DisplayName = "Aisha Rahman", Email = "aisha.rahman@example.org", Subject = subject };
        form.Roles.UnionWith(roles);
        return form;
    }

    private async Task<StaffForm> CurrentFormAsync(int id)
    {
        var row = (await Handler.GetAsync(SettingsTestData.Manager, id))!;
        var form = new StaffForm { DisplayName = row.DisplayName, Email = row.Email, LocalAuthorityId = row.LocalAuthorityId };
        form.Roles.UnionWith(row.Roles);
        return form;
    }

    private async Task<IReadOnlyList<string>> RolesOnNextRequestAsync(string subject)
    {
        var transformation = _host.Handler<StaffRoleClaimsTransformation>();
        var principal = await transformation.TransformAsync(TestUsers.Parent(subject, "Someone"));
        return [.. PortalRoles.All.Where(principal.IsInRole)];
    }

    private async Task<List<AuditEntry>> AuditAsync()
    {
        await using var db = await _host.DbAsync();
        return await db.AuditEntries.OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task List_ShowsEachMemberWithTheirRolesAndAuthority()
    {
        var staff = (await Handler.ListAsync(SettingsTestData.Manager))!;

        Assert.Equal(["Gwen Ellis", "Martin Fowler-Hughes", "Priya Shah", "Tom Okafor"], staff.Select(s => s.DisplayName));
        var officer = staff.Single(s => s.Subject == "demo-la-officer");
        Assert.Equal([PortalRoles.LaOfficer], officer.Roles);
        Assert.Equal("Hertfordshire", officer.LocalAuthorityName);
    }

    [Fact]
    public async Task Add_AMediator_TheirRoleAppliesOnTheirNextRequest_AndTheAddingIsAudited()
    {
        Assert.Empty(await RolesOnNextRequestAsync("new-mediator"));

        var result = await Handler.AddAsync(SettingsTestData.Manager, Form(" new-mediator ", PortalRoles.Mediator));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal([PortalRoles.Mediator], await RolesOnNextRequestAsync("new-mediator"));
        var audit = Assert.Single(await AuditAsync());
        Assert.Equal(("staff-added", "staff", result.Id.ToString(), "roles: mediator"), (audit.Action, audit.TargetType, audit.TargetId, audit.Detail));
        Assert.Equal(("demo-manager", "manager"), (audit.ActorSubject, audit.ActorRoles));
    }

    [Fact]
    public async Task Add_ALocalAuthorityOfficer_KeepsTheirAuthority()
    {
        var essex = await _host.LocalAuthorityIdAsync("essex");
        var form = Form("essex-officer", PortalRoles.LaOfficer, PortalRoles.Mediator);
        form.LocalAuthorityId = essex;

        var result = await Handler.AddAsync(SettingsTestData.Manager, form);

        Assert.True(result.Succeeded);
        var row = (await Handler.GetAsync(SettingsTestData.Manager, result.Id!.Value))!;
        Assert.Equal([PortalRoles.Mediator, PortalRoles.LaOfficer], row.Roles);
        Assert.Equal("Essex", row.LocalAuthorityName);
        Assert.Equal($"roles: mediator,la-officer; local-authority: {essex}", Assert.Single(await AuditAsync()).Detail);
    }

    [Fact]
    public async Task Add_SomeoneWithoutTheLaOfficerRole_HasNoLocalAuthority()
    {
        var form = Form("adviser-2", PortalRoles.Adviser);
        form.LocalAuthorityId = await _host.LocalAuthorityIdAsync("essex");

        var result = await Handler.AddAsync(SettingsTestData.Manager, form);

        Assert.Null((await Handler.GetAsync(SettingsTestData.Manager, result.Id!.Value))!.LocalAuthorityId);
    }

    [Theory]
    [InlineData("name", "Enter their name")]
    [InlineData("name-long", "The name must be 200 characters or fewer")]
    [InlineData("email", "Enter their email address")]
    [InlineData("email-format", "Enter an email address in the correct format, like name@example.com")]
    [InlineData("subject", "Enter the ID the sign-in service gives them")]
    [InlineData("subject-spaces", "The sign-in ID cannot contain spaces")]
    [InlineData("subject-taken", "Someone on the staff list already has this sign-in ID")]
    [InlineData("subject-long", "The sign-in ID must be 255 characters or fewer")]
    [InlineData("roles", "Select at least one role")]
    [InlineData("roles-unknown", "Select roles from the list")]
    [InlineData("local-authority", "Select the local authority this officer works for")]
    [InlineData("local-authority-unknown", "Select a local authority from the list")]
    [InlineData("local-authority-inactive", "Select a local authority from the list")]
    public async Task Add_WithABadAnswer_SaysWhatIsWrong_AndAddsNobody(string problem, string message)
    {
        var form = Form("new-person", PortalRoles.Adviser);
        switch (problem)
        {
            case "name": form.DisplayName = " "; break;
            case "name-long": form.DisplayName = new string('a', 201); break;
            case "email": form.Email = ""; break;
            case "email-format": form.Email = "aisha.example.org"; break;
            case "subject": form.Subject = null; break;
            case "subject-spaces": form.Subject = "demo adviser"; break;
            case "subject-taken": form.Subject = "demo-adviser"; break;
            case "subject-long": form.Subject = new string('s', 256); break;
            case "roles": form.Roles.Clear(); break;
            case "roles-unknown": form.Roles.Add("superuser"); break;
            case "local-authority": form.Roles.Add(PortalRoles.LaOfficer); break;
            case "local-authority-unknown": form.Roles.Add(PortalRoles.LaOfficer); form.LocalAuthorityId = 9999; break;
            default:
                var beds = await _host.LocalAuthorityIdAsync("beds");
                await _host.Handler<LocalAuthoritiesHandler>().SetActiveAsync(SettingsTestData.Manager, beds, false);
                form.Roles.Add(PortalRoles.LaOfficer);
                form.LocalAuthorityId = beds;
                break;
        }

        var before = await _host.SnapshotAsync();

        var result = await Handler.AddAsync(SettingsTestData.Manager, form);

        Assert.False(result.Succeeded);
        Assert.Equal(message, Assert.Single(result.Errors).Message);
        Assert.StartsWith(result.Errors[0].FieldKey, problem, StringComparison.Ordinal);
        Assert.Equal(before, await _host.SnapshotAsync());
    }

    [Fact]
    public async Task ChangeRoles_TakesEffectOnTheNextRequest_NotAfterTheCache_AndIsAuditedWithoutNames()
    {
        var adviser = await _host.StaffIdAsync("demo-adviser");
        Assert.Equal([PortalRoles.Adviser], await RolesOnNextRequestAsync("demo-adviser"));
        var form = await CurrentFormAsync(adviser);
        form.Roles.Add(PortalRoles.Mediator);

        var first = await Handler.UpdateAsync(SettingsTestData.Manager, adviser, form);
        form.Roles.Remove(PortalRoles.Adviser);
        var second = await Handler.UpdateAsync(SettingsTestData.Manager, adviser, form);

        Assert.True(first.Succeeded && second.Succeeded);
        Assert.Equal([PortalRoles.Mediator], await RolesOnNextRequestAsync("demo-adviser"));
        var audit = await AuditAsync();
        Assert.Equal(["roles: adviser → adviser,mediator", "roles: adviser,mediator → mediator"], audit.Select(a => a.Detail));
        Assert.All(audit, a => Assert.Equal(("staff-roles-changed", "staff", adviser.ToString(System.Globalization.CultureInfo.InvariantCulture)), (a.Action, a.TargetType, a.TargetId)));
        Assert.All(audit, a => Assert.DoesNotContain("Priya", a.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutForgetting_TheCachedRolesWouldLinger_WhichIsWhyHandlersForgetThem()
    {
        Assert.Equal([PortalRoles.Adviser], await RolesOnNextRequestAsync("demo-adviser"));
        await using (var db = await _host.DbAsync())
        {
            var member = await db.StaffMembers.Include(s => s.Roles).SingleAsync(s => s.Subject == "demo-adviser");
            member.Roles.Clear();
            await db.SaveChangesAsync();
        }

        Assert.Equal([PortalRoles.Adviser], await RolesOnNextRequestAsync("demo-adviser"));
    }

    [Fact]
    public async Task ChangeRoles_DroppingLaOfficer_ClearsTheirAuthority()
    {
        var officer = await _host.StaffIdAsync("demo-la-officer");
        var herts = await _host.LocalAuthorityIdAsync("herts");
        var form = await CurrentFormAsync(officer);
        form.Roles.Clear();
        form.Roles.Add(PortalRoles.Mediator);

        var result = await Handler.UpdateAsync(SettingsTestData.Manager, officer, form);

        Assert.True(result.Succeeded);
        Assert.Null((await Handler.GetAsync(SettingsTestData.Manager, officer))!.LocalAuthorityId);
        Assert.Equal($"roles: la-officer → mediator; local-authority: {herts} → none", Assert.Single(await AuditAsync()).Detail);
    }

    [Fact]
    public async Task AnOfficer_OfADeactivatedAuthority_CanKeepIt()
    {
        var officer = await _host.StaffIdAsync("demo-la-officer");
        await _host.Handler<LocalAuthoritiesHandler>().SetActiveAsync(SettingsTestData.Manager, await _host.LocalAuthorityIdAsync("herts"), false);
        var form = await CurrentFormAsync(officer);
        form.Email = "gwen.ellis@herts.example.gov.uk";

        var result = await Handler.UpdateAsync(SettingsTestData.Manager, officer, form);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    [Fact]
    public async Task ChangeDetails_IsAuditedAsDetails_WithoutTheNewValues()
    {
        var mediator = await _host.StaffIdAsync("demo-mediator");
        var form = await CurrentFormAsync(mediator);
        form.DisplayName = "Tom Okafor-Banks";
        form.Email = "tom.ob@example.org";

        var result = await Handler.UpdateAsync(SettingsTestData.Manager, mediator, form);

        Assert.True(result.Succeeded);
        var audit = Assert.Single(await AuditAsync());
        Assert.Equal(("staff-details-changed", "changed: name,email"), (audit.Action, audit.Detail));
        Assert.Equal([PortalRoles.Mediator], await RolesOnNextRequestAsync("demo-mediator"));
    }

    [Fact]
    public async Task AManager_CannotRemoveTheirOwnManagerRole()
    {
        var me = await _host.StaffIdAsync("demo-manager");
        var form = await CurrentFormAsync(me);
        form.Roles.Remove(PortalRoles.Manager);
        form.Roles.Add(PortalRoles.Adviser);
        var before = await _host.SnapshotAsync();

        var result = await Handler.UpdateAsync(SettingsTestData.Manager, me, form);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("roles", "You cannot remove your own manager role. Ask another manager to do it."), (error.FieldKey, error.Message));
        Assert.Equal(before, await _host.SnapshotAsync());
        Assert.Equal([PortalRoles.Manager], await RolesOnNextRequestAsync("demo-manager"));
    }

    [Fact]
    public async Task AManager_UntickingEveryRoleOfTheirOwn_IsToldOnlyThatTheyCannotRemoveManager()
    {
        var me = await _host.StaffIdAsync("demo-manager");
        var form = await CurrentFormAsync(me);
        form.Roles.Clear();

        var result = await Handler.UpdateAsync(SettingsTestData.Manager, me, form);

        Assert.Equal("You cannot remove your own manager role. Ask another manager to do it.", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public async Task AManager_CanAddRolesToThemselves_KeepingManager()
    {
        var me = await _host.StaffIdAsync("demo-manager");
        var form = await CurrentFormAsync(me);
        form.Roles.Add(PortalRoles.Adviser);

        var result = await Handler.UpdateAsync(SettingsTestData.Manager, me, form);

        Assert.True(result.Succeeded);
        Assert.Equal([PortalRoles.Adviser, PortalRoles.Manager], await RolesOnNextRequestAsync("demo-manager"));
    }

    [Fact]
    public async Task AManager_CannotDeactivateThemselves()
    {
        var me = await _host.StaffIdAsync("demo-manager");
        var before = await _host.SnapshotAsync();

        var result = await Handler.SetActiveAsync(SettingsTestData.Manager, me, false);

        Assert.Equal("You cannot deactivate yourself. Ask another manager to do it.", Assert.Single(result.Errors).Message);
        Assert.Equal(before, await _host.SnapshotAsync());
    }

    [Fact]
    public async Task AManagerWhoseRoleHasGoneSince_CannotDemoteOrDeactivateTheLastManager()
    {
        // Claims can be up to 30 seconds old, and an open tab keeps its sign-in: someone who was a manager a moment ago.
        var formerManager = TestUsers.Make("former-manager", "Former Manager", PortalRoles.Manager);
        var last = await _host.StaffIdAsync("demo-manager");
        var form = await CurrentFormAsync(last);
        form.Roles.Clear();
        form.Roles.Add(PortalRoles.Adviser);
        var before = await _host.SnapshotAsync();

        var demotedByFormer = await Handler.UpdateAsync(formerManager, last, form);
        var deactivatedByFormer = await Handler.SetActiveAsync(formerManager, last, false);

        Assert.Equal(SettingsResult.NotAManager, Assert.Single(demotedByFormer.Errors).Message);
        Assert.Equal(SettingsResult.NotAManager, Assert.Single(deactivatedByFormer.Errors).Message);
        Assert.Equal(before, await _host.SnapshotAsync());
    }

    /// <summary>Failed before handlers checked the staff list: the deactivated manager's open tab reactivated them.</summary>
    [Fact]
    public async Task ADeactivatedManager_CannotReactivateThemselves_FromATabStillOpen()
    {
        var priyaId = await _host.StaffIdAsync("demo-adviser");
        var promote = await CurrentFormAsync(priyaId);
        promote.Roles.Add(PortalRoles.Manager);
        Assert.True((await Handler.UpdateAsync(SettingsTestData.Manager, priyaId, promote)).Succeeded);
        var priyasOpenTab = TestUsers.Make("demo-adviser", "Priya Shah", PortalRoles.Adviser, PortalRoles.Manager);
        Assert.True((await Handler.SetActiveAsync(SettingsTestData.Manager, priyaId, false)).Succeeded);

        var result = await Handler.SetActiveAsync(priyasOpenTab, priyaId, true);

        Assert.Equal(SettingsResult.NotAManager, Assert.Single(result.Errors).Message);
        Assert.Empty(await RolesOnNextRequestAsync("demo-adviser"));
    }

    [Fact]
    public async Task WithAnotherActiveManager_AManagerCanBeDemoted()
    {
        var adviser = await _host.StaffIdAsync("demo-adviser");
        var promote = await CurrentFormAsync(adviser);
        promote.Roles.Add(PortalRoles.Manager);
        Assert.True((await Handler.UpdateAsync(SettingsTestData.Manager, adviser, promote)).Succeeded);
        var priya = TestUsers.Make("demo-adviser", "Priya Shah", PortalRoles.Adviser, PortalRoles.Manager);
        var martin = await _host.StaffIdAsync("demo-manager");
        var demote = await CurrentFormAsync(martin);
        demote.Roles.Clear();
        demote.Roles.Add(PortalRoles.Mediator);

        var result = await Handler.UpdateAsync(priya, martin, demote);

        Assert.True(result.Succeeded);
        Assert.Equal([PortalRoles.Mediator], await RolesOnNextRequestAsync("demo-manager"));
        Assert.Equal("roles: manager → mediator", (await AuditAsync())[^1].Detail);
    }

    [Fact]
    public async Task Deactivate_TakesTheirRolesAwayAtOnce_AndReactivateGivesThemBack()
    {
        var mediator = await _host.StaffIdAsync("demo-mediator");
        Assert.Equal([PortalRoles.Mediator], await RolesOnNextRequestAsync("demo-mediator"));

        var off = await Handler.SetActiveAsync(SettingsTestData.Manager, mediator, false);

        Assert.True(off.Succeeded);
        Assert.Empty(await RolesOnNextRequestAsync("demo-mediator"));
        Assert.True((await Handler.SetActiveAsync(SettingsTestData.Manager, mediator, true)).Succeeded);
        Assert.Equal([PortalRoles.Mediator], await RolesOnNextRequestAsync("demo-mediator"));
        Assert.Equal([("staff-deactivated", "roles: mediator"), ("staff-reactivated", "roles: mediator")], (await AuditAsync()).Select(a => (a.Action, a.Detail)));
    }

    [Fact]
    public async Task AuditEntries_CannotBeChangedOrDeletedByTheApp()
    {
        var mediator = await _host.StaffIdAsync("demo-mediator");
        await Handler.SetActiveAsync(SettingsTestData.Manager, mediator, false);

        await using var db = await _host.DbAsync();
        var entry = await db.AuditEntries.SingleAsync();
        entry.Detail = "roles: none";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.AuditEntries.Remove(await db.AuditEntries.SingleAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        await using var check = await _host.DbAsync();
        Assert.Equal("roles: mediator", (await check.AuditEntries.SingleAsync()).Detail);
    }

    [Fact]
    public async Task UnknownStaffId_IsRefused()
    {
        var result = await Handler.UpdateAsync(SettingsTestData.Manager, 9999, Form(null, PortalRoles.Adviser));

        Assert.Equal("We could not find that member of staff.", Assert.Single(result.Errors).Message);
    }
}

public sealed class SqliteStaffTests() : StaffTests(DatabaseProvider.Sqlite);

public sealed class PostgresStaffTests() : StaffTests(DatabaseProvider.Postgres);
