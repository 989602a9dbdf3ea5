using Microsoft.EntityFrameworkCore;
using ParentPortal.Features.Admin.Settings;
using ParentPortal.Features.Apply;
using ParentPortal.Platform.Settings;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Admin.Settings;

public sealed class LocalAuthoritiesTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private LocalAuthoritiesHandler Handler => _host.Handler<LocalAuthoritiesHandler>();

    private AreasHandler Areas => _host.Handler<AreasHandler>();

    [Fact]
    public async Task List_ShowsEachAuthorityWithItsAreas()
    {
        var list = (await Handler.ListAsync(SettingsTestData.Manager))!;

        Assert.Equal(["Bedford Borough", "Essex", "Hertfordshire"], list.Select(l => l.Name));
        Assert.Equal(["East", "North", "South", "West"], list.Single(l => l.Code == "herts").Areas.Select(a => a.Name));
        Assert.Equal("01632 960 101", list.Single(l => l.Code == "herts").Areas.Single(a => a.Name == "North").HelplinePhone);
    }

    [Fact]
    public async Task Add_ByAManager_IsOfferedToParentsStraightAway_AndAudited()
    {
        await _host.Get<ServiceDirectory>().GetAsync();

        var result = await Handler.SaveAsync(SettingsTestData.Manager, null, new() { Code = "west-herts-2", Name = " West Hertfordshire " });

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        var options = (await _host.Get<TriageContextSource>().GetAsync()).LocalAuthorities;
        Assert.Contains(options, o => o.Value == "west-herts-2" && o.Label == "West Hertfordshire");
        await using var db = await _host.DbAsync();
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal(("local-authority-added", "local-authority", result.Id.ToString(), "code: west-herts-2"), (audit.Action, audit.TargetType, audit.TargetId, audit.Detail));
    }

    [Theory]
    [InlineData("", "Enter a short code for the local authority, like herts")]
    [InlineData("Kent", "The code must use only lowercase letters, numbers and dashes, and start and end with a letter or number, like west-herts")]
    [InlineData("west herts", "The code must use only lowercase letters, numbers and dashes, and start and end with a letter or number, like west-herts")]
    [InlineData("-kent", "The code must use only lowercase letters, numbers and dashes, and start and end with a letter or number, like west-herts")]
    [InlineData("kent-", "The code must use only lowercase letters, numbers and dashes, and start and end with a letter or number, like west-herts")]
    [InlineData("kent_1", "The code must use only lowercase letters, numbers and dashes, and start and end with a letter or number, like west-herts")]
    [InlineData("kenté", "The code must use only lowercase letters, numbers and dashes, and start and end with a letter or number, like west-herts")]
    [InlineData("herts", "A local authority with this code already exists")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "The code must be 40 characters or fewer")]
    public async Task Add_WithABadCode_IsRefusedWithAMessage(string code, string message)
    {
        var before = await _host.SnapshotAsync();

        var result = await Handler.SaveAsync(SettingsTestData.Manager, null, new() { Code = code, Name = "Kent" });

        var error = Assert.Single(result.Errors);
        Assert.Equal(("code", message), (error.FieldKey, error.Message));
        Assert.Equal(before, await _host.SnapshotAsync());
    }

    [Theory]
    [InlineData("", "Enter the name of the local authority")]
    [InlineData("essex", "A local authority with this name already exists")]
    public async Task Add_WithABadName_IsRefusedWithAMessage(string name, string message)
    {
        var result = await Handler.SaveAsync(SettingsTestData.Manager, null, new() { Code = "kent", Name = name });

        var error = Assert.Single(result.Errors);
        Assert.Equal(("name", message), (error.FieldKey, error.Message));
    }

    [Fact]
    public async Task Rename_ChangesTheName_ButNeverTheCode()
    {
        var id = await _host.LocalAuthorityIdAsync("beds");

        var result = await Handler.SaveAsync(SettingsTestData.Manager, id, new() { Code = "changed", Name = "Bedford" });

        Assert.True(result.Succeeded);
        var la = (await Handler.GetAsync(SettingsTestData.Manager, id))!;
        Assert.Equal(("beds", "Bedford"), (la.Code, la.Name));
        Assert.Contains((await _host.Get<ServiceDirectory>().GetAsync()).LocalAuthorities, l => l.Code == "beds" && l.Name == "Bedford");
    }

    [Fact]
    public async Task Contacts_AreSavedAndAudited_AndEachIsOptional()
    {
        var id = await _host.LocalAuthorityIdAsync("herts");

        var saved = await Handler.SaveAsync(SettingsTestData.Manager, id, new()
        {
            Name = "Hertfordshire", SenTeamName = " SEN Statutory Assessment Team ", SenTeamEmail = "sen.team@herts.example.org",
            SenTeamPhone = "01632 960 500", HealthContactEmail = "dco@icb.example.org",
        });

        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
        Assert.Equal(
            new LocalAuthorityContacts("SEN Statutory Assessment Team", "sen.team@herts.example.org", "01632 960 500", null, "dco@icb.example.org"),
            (await Handler.GetAsync(SettingsTestData.Manager, id))!.Contacts);
        await using (var db = await _host.DbAsync())
        {
            Assert.Equal(["local-authority-contacts-changed"], await db.AuditEntries.Select(a => a.Action).ToListAsync());
        }

        var again = await Handler.SaveAsync(SettingsTestData.Manager, id, new()
        {
            Name = "Hertfordshire", SenTeamName = "SEN Statutory Assessment Team", SenTeamEmail = "sen.team@herts.example.org",
            SenTeamPhone = "01632 960 500", HealthContactEmail = "dco@icb.example.org",
        });
        Assert.Equal("Nothing had changed.", again.Message);
    }

    [Theory]
    [InlineData("not-an-address", null, null, "sen-team-email", "Enter an email address in the correct format, like name@example.com")]
    [InlineData(null, "call us", null, "sen-team-phone", "Enter the SEN team's phone number in the correct format, like 0300 123 4567 or +44 300 123 4567")]
    [InlineData(null, null, "dco@", "health-contact-email", "Enter an email address in the correct format, like name@example.com")]
    public async Task Contacts_ThatAreNotAnAddressOrANumber_AreRefused_AndNothingChanges(string? email, string? phone, string? health, string field, string message)
    {
        var id = await _host.LocalAuthorityIdAsync("herts");
        var before = await _host.SnapshotAsync();

        var result = await Handler.SaveAsync(SettingsTestData.Manager, id, new() { Name = "Hertfordshire", SenTeamEmail = email, SenTeamPhone = phone, HealthContactEmail = health });

        Assert.Equal((field, message), (Assert.Single(result.Errors).FieldKey, result.Errors[0].Message));
        Assert.Equal(before, await _host.SnapshotAsync());
    }

    [Fact]
    public async Task Deactivate_RemovesItFromWhatParentsChoose_ButExistingApplicationsKeepIt_AndReactivateBringsItBack()
    {
        var beds = await _host.LocalAuthorityIdAsync("beds");
        var parent = TestUsers.Parent();
        var before = await _host.Get<StartApplicationHandler>().HandleAsync(parent, new ApplicationPrefill("sen", "beds", null));

        var result = await Handler.SetActiveAsync(SettingsTestData.Manager, beds, false);

        Assert.True(result.Succeeded);
        Assert.DoesNotContain((await _host.Get<TriageContextSource>().GetAsync()).LocalAuthorities, o => o.Value == "beds");
        Assert.DoesNotContain((await _host.Get<ServiceDirectory>().GetAsync()).LocalAuthorities, l => l.Code == "beds");
        var after = await _host.Get<StartApplicationHandler>().HandleAsync(parent, new ApplicationPrefill("sen", "beds", null));
        await using (var db = await _host.DbAsync())
        {
            Assert.Equal(beds, (await db.Applications.SingleAsync(a => a.Id == before)).LocalAuthorityId);
            Assert.Null((await db.Applications.SingleAsync(a => a.Id == after)).LocalAuthorityId);
            Assert.Equal("local-authority-deactivated", (await db.AuditEntries.SingleAsync()).Action);
        }

        Assert.True((await Handler.SetActiveAsync(SettingsTestData.Manager, beds, true)).Succeeded);
        Assert.Contains((await _host.Get<TriageContextSource>().GetAsync()).LocalAuthorities, o => o.Value == "beds");
    }

    [Fact]
    public async Task Area_AddAndChange_WithAnOptionalHelpline()
    {
        var beds = await _host.LocalAuthorityIdAsync("beds");

        var added = await Areas.SaveAsync(SettingsTestData.Manager, beds, null, new() { Name = " Kempston ", HelplinePhone = " " });
        var changed = await Areas.SaveAsync(SettingsTestData.Manager, beds, added.Id, new() { Name = "Kempston and Rural", HelplinePhone = "01632 960 301" });

        Assert.True(added.Succeeded && changed.Succeeded);
        var area = (await Areas.GetAsync(SettingsTestData.Manager, beds, added.Id!.Value))!;
        Assert.Equal(("Kempston and Rural", "01632 960 301", true), (area.Name, area.HelplinePhone, area.IsActive));
        await using var db = await _host.DbAsync();
        Assert.Equal(["area-added", "area-changed"], await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Theory]
    [InlineData("", null, "name", "Enter the name of the area, like North")]
    [InlineData("north", null, "name", "This local authority already has an area with this name")]
    [InlineData("Central", "not a number", "phone", "Enter the area's helpline number in the correct format, like 0300 123 4567 or +44 300 123 4567")]
    public async Task Area_WithABadAnswer_IsRefusedWithAMessage(string name, string? phone, string field, string message)
    {
        var herts = await _host.LocalAuthorityIdAsync("herts");
        var before = await _host.SnapshotAsync();

        var result = await Areas.SaveAsync(SettingsTestData.Manager, herts, null, new() { Name = name, HelplinePhone = phone });

        var error = Assert.Single(result.Errors);
        Assert.Equal((field, message), (error.FieldKey, error.Message));
        Assert.Equal(before, await _host.SnapshotAsync());
    }

    [Fact]
    public async Task Area_TheSameNameInAnotherAuthority_IsAllowed()
    {
        var beds = await _host.LocalAuthorityIdAsync("beds");

        var result = await Areas.SaveAsync(SettingsTestData.Manager, beds, null, new() { Name = "North" });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Area_OfAnotherAuthority_CannotBeChangedThroughThisOne()
    {
        var herts = await _host.LocalAuthorityIdAsync("herts");
        var beds = await _host.LocalAuthorityIdAsync("beds");
        var hertsArea = (await Handler.GetAsync(SettingsTestData.Manager, herts))!.Areas[0];
        var before = await _host.SnapshotAsync();

        var changed = await Areas.SaveAsync(SettingsTestData.Manager, beds, hertsArea.Id, new() { Name = "Moved" });
        var deactivated = await Areas.SetActiveAsync(SettingsTestData.Manager, beds, hertsArea.Id, false);

        Assert.Equal("We could not find that area.", Assert.Single(changed.Errors).Message);
        Assert.False(deactivated.Succeeded);
        Assert.Equal(before, await _host.SnapshotAsync());
    }

    [Fact]
    public async Task Area_Deactivate_KeepsItListedAsDeactivated()
    {
        var herts = await _host.LocalAuthorityIdAsync("herts");
        var north = (await Handler.GetAsync(SettingsTestData.Manager, herts))!.Areas.Single(a => a.Name == "North");

        var result = await Areas.SetActiveAsync(SettingsTestData.Manager, herts, north.Id, false);

        Assert.True(result.Succeeded);
        Assert.False((await Areas.GetAsync(SettingsTestData.Manager, herts, north.Id))!.IsActive);
    }
}
