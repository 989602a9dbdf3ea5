using Microsoft.EntityFrameworkCore;
using ParentPortal.Features.Admin.Settings;
using ParentPortal.Platform.Settings;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Admin.Settings;

public sealed class ServiceDetailsTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private ServiceDetailsHandler Handler => _host.Handler<ServiceDetailsHandler>();

    private static ServiceDetailsForm Valid() => new()
    {
        Name = "  Herts Mediation Partnership ",
        HelplinePhone = "+44 (0)1632 960 000",
        HelplineHours = "Monday to Thursday, 9am to 4pm",
        ContactEmail = "hello@herts-mediation.example.org",
    };

    [Fact]
    public async Task Get_ByAManager_ShowsTheCurrentDetails()
    {
        var form = await Handler.GetAsync(SettingsTestData.Manager);

        Assert.Equal("Test Mediation Service", form!.Name);
        Assert.Equal("0300 000 0000", form.HelplinePhone);
    }

    [Fact]
    public async Task Save_ByAManager_ChangesTheHeaderAndFooterAtOnce_AndIsAudited()
    {
        var directory = _host.Get<ServiceDirectory>();
        Assert.Equal("Test Mediation Service", (await directory.GetAsync()).Name);

        var result = await Handler.SaveAsync(SettingsTestData.Manager, Valid());

        Assert.True(result.Succeeded);
        var profile = await directory.GetAsync();
        Assert.Equal("Herts Mediation Partnership", profile.Name);
        Assert.Equal("+44 (0)1632 960 000", profile.HelplinePhone);
        Assert.Equal("+4401632960000", profile.HelplineDialable);
        Assert.Equal("Monday to Thursday, 9am to 4pm", profile.HelplineHours);
        Assert.Equal("hello@herts-mediation.example.org", profile.ContactEmail);
        await using var db = await _host.DbAsync();
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal(("service-details-changed", "organisation", "demo-manager", "manager"), (audit.Action, audit.TargetType, audit.ActorSubject, audit.ActorRoles));
        Assert.Equal("changed: name,helpline-phone,helpline-hours,contact-email", audit.Detail);
    }

    [Fact]
    public async Task Save_WithNothingChanged_WritesNoAuditEntry()
    {
        var current = await Handler.GetAsync(SettingsTestData.Manager);

        var result = await Handler.SaveAsync(SettingsTestData.Manager, current!);

        Assert.True(result.Succeeded);
        Assert.Equal("Nothing had changed.", result.Message);
        await using var db = await _host.DbAsync();
        Assert.Equal(0, await db.AuditEntries.CountAsync());
    }

    [Theory]
    [InlineData("name", "", "Enter the name of the service")]
    [InlineData("name", "   ", "Enter the name of the service")]
    [InlineData("name", "long:201", "The name must be 200 characters or fewer")]
    [InlineData("phone", "", "Enter the helpline phone number")]
    [InlineData("phone", "call us", "Enter the helpline phone number in the correct format, like 0300 123 4567 or +44 300 123 4567")]
    [InlineData("phone", "0300 123", "Enter the helpline phone number in the correct format, like 0300 123 4567 or +44 300 123 4567")]
    [InlineData("phone", "0300 123 4567 ext 2", "Enter the helpline phone number in the correct format, like 0300 123 4567 or +44 300 123 4567")]
    [InlineData("phone", "0300+1234567", "Enter the helpline phone number in the correct format, like 0300 123 4567 or +44 300 123 4567")]
    [InlineData("phone", "long:41", "The phone number must be 40 characters or fewer")]
    [InlineData("hours", "", "Enter when the helpline is open")]
    [InlineData("hours", "long:201", "The opening hours must be 200 characters or fewer")]
    [InlineData("email", "", "Enter the contact email address")]
    [InlineData("email", "help.example.org", "Enter an email address in the correct format, like name@example.com")]
    [InlineData("email", "help@example", "Enter an email address in the correct format, like name@example.com")]
    [InlineData("email", "help@@example.org", "Enter an email address in the correct format, like name@example.com")]
    [InlineData("email", "help me@example.org", "Enter an email address in the correct format, like name@example.com")]
    [InlineData("email", "Help <help@example.org>", "Enter an email address in the correct format, like name@example.com")]
    [InlineData("email", "long:321", "The email address must be 320 characters or fewer")]
    public async Task Save_WithABadAnswer_SaysWhatIsWrongNextToTheField_AndChangesNothing(string field, string value, string message)
    {
        var form = Valid();
        var text = value.StartsWith("long:", StringComparison.Ordinal) ? LongText(field, int.Parse(value[5..], System.Globalization.CultureInfo.InvariantCulture)) : value;
        switch (field)
        {
            case "name": form.Name = text; break;
            case "phone": form.HelplinePhone = text; break;
            case "hours": form.HelplineHours = text; break;
            default: form.ContactEmail = text; break;
        }

        var before = await _host.SnapshotAsync();

        var result = await Handler.SaveAsync(SettingsTestData.Manager, form);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal((field, message), (error.FieldKey, error.Message));
        Assert.Equal(before, await _host.SnapshotAsync());
        Assert.Equal("Test Mediation Service", (await _host.Get<ServiceDirectory>().GetAsync()).Name);
    }

    [Fact]
    public async Task TheAdvocacyService_IsOptional_SavedWithTheDetails_AndTheDirectoryShowsIt()
    {
        Assert.Null((await _host.Get<ServiceDirectory>().GetAsync()).Advocacy);
        var form = Valid();
        (form.AdvocacyName, form.AdvocacyEmail, form.AdvocacyPhone) = (" Croydon BME Forum ", "referrals@advocacy.example.org", "020 8684 3719");

        Assert.True((await Handler.SaveAsync(SettingsTestData.Manager, form)).Succeeded);

        Assert.Equal(new AdvocacyService("Croydon BME Forum", "referrals@advocacy.example.org", "020 8684 3719"), (await _host.Get<ServiceDirectory>().GetAsync()).Advocacy);
        await using var db = await _host.DbAsync();
        Assert.EndsWith(",advocacy-service", (await db.AuditEntries.SingleAsync()).Detail, StringComparison.Ordinal);

        (form.AdvocacyName, form.AdvocacyEmail, form.AdvocacyPhone) = ("", " ", null);
        Assert.True((await Handler.SaveAsync(SettingsTestData.Manager, form)).Succeeded);
        Assert.Null((await _host.Get<ServiceDirectory>().GetAsync()).Advocacy);
    }

    [Theory]
    [InlineData("", "referrals@advocacy.example.org", "", "advocacy-name", "Enter the advocacy service's name, or clear its email address and phone number")]
    [InlineData("Croydon BME Forum", "referrals", "", "advocacy-email", "Enter an email address in the correct format, like name@example.com")]
    [InlineData("Croydon BME Forum", "", "call us", "advocacy-phone", "Enter the advocacy service's phone number in the correct format, like 0300 123 4567 or +44 300 123 4567")]
    public async Task ABadAdvocacyAnswer_SaysWhatIsWrong_AndChangesNothing(string name, string email, string phone, string field, string message)
    {
        var form = Valid();
        (form.AdvocacyName, form.AdvocacyEmail, form.AdvocacyPhone) = (name, email, phone);
        var before = await _host.SnapshotAsync();

        var result = await Handler.SaveAsync(SettingsTestData.Manager, form);

        var error = Assert.Single(result.Errors);
        Assert.Equal((field, message), (error.FieldKey, error.Message));
        Assert.Equal(before, await _host.SnapshotAsync());
    }

    /// <summary>Text of exactly <paramref name="length"/> characters that is otherwise right for the field.</summary>
    private static string LongText(string field, int length) => field switch
    {
        "phone" => "0" + new string(' ', length - 11) + "3001234567",
        "email" => new string('a', length - "@example.org".Length) + "@example.org",
        _ => new string('a', length),
    };
}
