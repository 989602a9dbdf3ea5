using Microsoft.EntityFrameworkCore;
using ParentPortal.Features.Admin.Settings;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Admin.Settings;

/// <summary>The pool of Independent Parental Supporters a manager keeps (issue 13 item 8).</summary>
public sealed class SupportersTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private SupportersHandler Supporters => _host.Handler<SupportersHandler>();

    [Fact]
    public async Task AManager_AddsChangesAndDeactivatesASupporter_EachAudited()
    {
        var added = await Supporters.SaveAsync(SettingsTestData.Manager, null, new() { Name = " Amara Okoye ", Email = "amara@ips.example.org", Phone = "07700 900 111", Notes = "Speaks Yoruba; Croydon and Sutton" });
        Assert.True(added.Succeeded);
        Assert.True((await Supporters.SaveAsync(SettingsTestData.Manager, added.Id, new() { Name = "Amara Okoye", Email = "amara@ips.example.org", Phone = null, Notes = "Speaks Yoruba" })).Succeeded);
        Assert.Equal("Nothing had changed.", (await Supporters.SaveAsync(SettingsTestData.Manager, added.Id, new() { Name = "Amara Okoye", Email = "amara@ips.example.org", Notes = "Speaks Yoruba" })).Message);
        Assert.True((await Supporters.SetActiveAsync(SettingsTestData.Manager, added.Id!.Value, false)).Succeeded);

        var row = Assert.Single((await Supporters.ListAsync(SettingsTestData.Manager))!, r => r.Id == added.Id);
        Assert.Equal(("Amara Okoye", null, "Speaks Yoruba", false, 0), (row.Name, row.Phone, row.Notes, row.IsActive, row.Families));
        await using var db = await _host.DbAsync();
        Assert.Equal(["supporter-added", "supporter-changed", "supporter-deactivated"], await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Theory]
    [InlineData("", "a@ips.example.org", "", "name", "Enter the supporter's name")]
    [InlineData("Amara Okoye", "", "", "email", "Enter the supporter's email address: introductions and meeting invitations go there")]
    [InlineData("Amara Okoye", "amara", "", "email", "Enter an email address in the correct format, like name@example.com")]
    [InlineData("Amara Okoye", "BRONWEN@ips.example.org", "", "email", "A supporter with this email address is already in the pool")]
    [InlineData("Amara Okoye", "a@ips.example.org", "12", "phone", "Enter the supporter's phone number in the correct format, like 0300 123 4567 or +44 300 123 4567")]
    public async Task ABadAnswer_SaysWhatIsWrong_AndChangesNothing(string name, string email, string phone, string field, string message)
    {
        Assert.True((await Supporters.SaveAsync(SettingsTestData.Manager, null, new() { Name = "Bronwen Price", Email = "bronwen@ips.example.org" })).Succeeded);
        var before = await _host.SnapshotAsync();

        var result = await Supporters.SaveAsync(SettingsTestData.Manager, null, new() { Name = name, Email = email, Phone = phone });

        var error = Assert.Single(result.Errors);
        Assert.Equal((field, message), (error.FieldKey, error.Message));
        Assert.Equal(before, await _host.SnapshotAsync());
    }
}
