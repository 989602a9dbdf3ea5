using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Admin.Settings;
using ParentPortal.Features.Booking.Staff;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Admin.Settings;

public sealed class VenuesAndSessionTypesTests : IAsyncLifetime
{
    private static readonly System.Security.Claims.ClaimsPrincipal Adviser = TestUsers.Make("demo-adviser", "Priya Shah", PortalRoles.Adviser);
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private VenuesHandler Venues => _host.Handler<VenuesHandler>();

    private SessionTemplatesHandler Templates => _host.Handler<SessionTemplatesHandler>();

    private SessionPresetsQuery Presets => _host.Handler<SessionPresetsQuery>();

    [Fact]
    public async Task Venue_Added_IsOfferedOnTheSessionForm_UntilDeactivated()
    {
        var herts = await _host.LocalAuthorityIdAsync("herts");

        var added = await Venues.SaveAsync(SettingsTestData.Manager, null, new() { Name = "Stevenage Library", Address = "Southgate, Stevenage SG1 1HD", AccessInformation = "Lift to all floors.", LocalAuthorityId = herts });

        Assert.True(added.Succeeded, string.Join("; ", added.Errors.Select(e => e.Message)));
        var offered = (await Presets.HandleAsync(Adviser)).Venues.Single(v => v.Id == added.Id);
        Assert.Equal(("Southgate, Stevenage SG1 1HD", "Lift to all floors.", "Hertfordshire"), (offered.Address, offered.AccessInformation, offered.LocalAuthorityName));

        Assert.True((await Venues.SetActiveAsync(SettingsTestData.Manager, added.Id!.Value, false)).Succeeded);
        Assert.DoesNotContain((await Presets.HandleAsync(Adviser)).Venues, v => v.Id == added.Id);
        Assert.Contains((await Venues.ListAsync(SettingsTestData.Manager))!, v => v.Id == added.Id && !v.IsActive);
        await using var db = await _host.DbAsync();
        Assert.Equal(["venue-added", "venue-deactivated"], await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task Venue_Changed_KeepsItsIdAndSaysSessionsKeepTheirDetails()
    {
        var venue = (await Venues.ListAsync(SettingsTestData.Manager))![0];

        var result = await Venues.SaveAsync(SettingsTestData.Manager, venue.Id, new() { Name = venue.Name, Address = venue.Address, AccessInformation = "Now with a hearing loop." });

        Assert.True(result.Succeeded);
        Assert.Contains("keep the details they had", result.Message, StringComparison.Ordinal);
        Assert.Equal("Now with a hearing loop.", (await Venues.GetAsync(SettingsTestData.Manager, venue.Id))!.AccessInformation);
    }

    [Theory]
    [InlineData("", "12 High St", "Step-free", "name", "Enter the name of the venue")]
    [InlineData("hatfield community centre", "12 High St", "Step-free", "name", "A venue with this name already exists")]
    [InlineData("Town Hall", " ", "Step-free", "address", "Enter the venue's address")]
    [InlineData("Town Hall", "12 High St", "", "access", "Enter the access information, like step-free entrance, accessible toilet, hearing loop and parking")]
    public async Task Venue_WithABadAnswer_IsRefusedWithAMessage(string name, string address, string access, string field, string message)
    {
        var before = await _host.SnapshotAsync();

        var result = await Venues.SaveAsync(SettingsTestData.Manager, null, new() { Name = name, Address = address, AccessInformation = access });

        var error = Assert.Single(result.Errors);
        Assert.Equal((field, message), (error.FieldKey, error.Message));
        Assert.Equal(before, await _host.SnapshotAsync());
    }

    [Fact]
    public async Task Venue_WithAnAuthorityThatIsNotOffered_IsRefused()
    {
        var beds = await _host.LocalAuthorityIdAsync("beds");
        await _host.Handler<LocalAuthoritiesHandler>().SetActiveAsync(SettingsTestData.Manager, beds, false);

        var inactive = await Venues.SaveAsync(SettingsTestData.Manager, null, new() { Name = "Town Hall", Address = "1 Square", AccessInformation = "Step-free", LocalAuthorityId = beds });
        var unknown = await Venues.SaveAsync(SettingsTestData.Manager, null, new() { Name = "Town Hall", Address = "1 Square", AccessInformation = "Step-free", LocalAuthorityId = 9999 });

        Assert.Equal(("local-authority", "Select a local authority from the list"), (Assert.Single(inactive.Errors).FieldKey, inactive.Errors[0].Message));
        Assert.Equal("local-authority", Assert.Single(unknown.Errors).FieldKey);
    }

    [Fact]
    public async Task SessionType_Added_IsOfferedOnTheSessionForm_UntilDeactivated()
    {
        var added = await Templates.SaveAsync(SettingsTestData.Manager, null, new()
        {
            Kind = SessionType.Workshop,
            DefaultTitle = "Preparing for a tribunal",
            DefaultDescription = "What happens at a SEND tribunal hearing.",
            DefaultDurationMinutes = " 90 ",
            DefaultCapacity = "20",
        });

        Assert.True(added.Succeeded, string.Join("; ", added.Errors.Select(e => e.Message)));
        var offered = (await Presets.HandleAsync(Adviser)).Templates.Single(t => t.Id == added.Id);
        Assert.Equal((SessionType.Workshop, 90, 20), (offered.Kind, offered.DefaultDurationMinutes, offered.DefaultCapacity));

        Assert.True((await Templates.SetActiveAsync(SettingsTestData.Manager, added.Id!.Value, false)).Succeeded);
        Assert.DoesNotContain((await Presets.HandleAsync(Adviser)).Templates, t => t.Id == added.Id);
    }

    [Fact]
    public async Task SessionTypes_Seeded_AreTheThreeTheServiceRuns()
    {
        var templates = (await Templates.ListAsync(SettingsTestData.Manager))!;

        Assert.Equal(
            [("Mediation Information and Awareness Session", SessionType.InformationSession, 60, 12), ("Parent Partnership information day", SessionType.Event, 300, 200), ("Understanding EHC plans workshop", SessionType.Workshop, 120, 30)],
            templates.Select(t => (t.DefaultTitle, t.Kind, t.DefaultDurationMinutes, t.DefaultCapacity)));
    }

    [Theory]
    [InlineData("title", "", "Enter a title")]
    [InlineData("title", "understanding ehc plans workshop", "A session type with this title already exists")]
    [InlineData("description", "", "Enter a description for parents")]
    [InlineData("duration", "", "Enter how long the session lasts, in minutes")]
    [InlineData("duration", "an hour", "Enter the length as a number of minutes, like 90")]
    [InlineData("duration", "-30", "Enter the length as a number of minutes, like 90")]
    [InlineData("duration", "1.5", "Enter the length as a number of minutes, like 90")]
    [InlineData("duration", "99999999999", "Enter the length as a number of minutes, like 90")]
    [InlineData("duration", "14", "The length must be between 15 and 720 minutes (12 hours)")]
    [InlineData("duration", "721", "The length must be between 15 and 720 minutes (12 hours)")]
    [InlineData("capacity", "", "Enter the number of places")]
    [InlineData("capacity", "twelve", "Enter the number of places as a number, like 12")]
    [InlineData("capacity", "0", "The number of places must be between 1 and 500")]
    [InlineData("capacity", "501", "The number of places must be between 1 and 500")]
    [InlineData("kind", "", "Select the kind of session")]
    public async Task SessionType_WithABadAnswer_IsRefusedWithAMessage(string field, string value, string message)
    {
        var form = new SessionTemplateForm { Kind = SessionType.Event, DefaultTitle = "Open day", DefaultDescription = "Come and meet us.", DefaultDurationMinutes = "60", DefaultCapacity = "40" };
        switch (field)
        {
            case "title": form.DefaultTitle = value; break;
            case "description": form.DefaultDescription = value; break;
            case "duration": form.DefaultDurationMinutes = value; break;
            case "capacity": form.DefaultCapacity = value; break;
            default: form.Kind = (SessionType)42; break;
        }

        var before = await _host.SnapshotAsync();

        var result = await Templates.SaveAsync(SettingsTestData.Manager, null, form);

        var error = Assert.Single(result.Errors);
        Assert.Equal((field, message), (error.FieldKey, error.Message));
        Assert.Equal(before, await _host.SnapshotAsync());
    }

    [Theory]
    [InlineData(45, "45 minutes")]
    [InlineData(60, "1 hour")]
    [InlineData(90, "1 hour 30 minutes")]
    [InlineData(300, "5 hours")]
    [InlineData(121, "2 hours 1 minute")]
    public void LengthText_ReadsNaturally(int minutes, string expected) => Assert.Equal(expected, SessionTemplatesHandler.LengthText(minutes));

    [Fact]
    public async Task UnknownIds_AreRefused_WithoutChangingAnything()
    {
        var before = await _host.SnapshotAsync();

        var venue = await Venues.SaveAsync(SettingsTestData.Manager, 9999, new() { Name = "X", Address = "Y", AccessInformation = "Z" });
        var template = await Templates.SetActiveAsync(SettingsTestData.Manager, 9999, false);
        var la = await _host.Handler<LocalAuthoritiesHandler>().SaveAsync(SettingsTestData.Manager, 9999, new() { Name = "X" });
        var area = await _host.Handler<AreasHandler>().SaveAsync(SettingsTestData.Manager, 9999, null, new() { Name = "X" });

        Assert.Equal("We could not find that venue.", Assert.Single(venue.Errors).Message);
        Assert.Equal("We could not find that session type.", Assert.Single(template.Errors).Message);
        Assert.Equal("We could not find that local authority.", Assert.Single(la.Errors).Message);
        Assert.Equal("We could not find that local authority.", Assert.Single(area.Errors).Message);
        Assert.Equal(before, await _host.SnapshotAsync());
    }
}
