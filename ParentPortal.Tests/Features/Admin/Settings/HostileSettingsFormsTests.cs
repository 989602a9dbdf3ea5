using CsCheck;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Text;
using ParentPortal.Features.Admin.Settings;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Admin.Settings.SettingsTestData;

namespace ParentPortal.Tests.Features.Admin.Settings;

/// <summary>
/// Part of the fault suite: the service manager's settings forms with generated hostile values in every field,
/// through the real handlers. No handler throws; a refusal changes nothing; every saved text is trimmed, well formed
/// and within its limit (it is shown on every page, printed on documents and sent in e-mails).
/// </summary>
public sealed class HostileSettingsFormsTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>A good value most of the time (so that saves succeed and what they store is checked), a hostile one otherwise.</summary>
    private static Gen<string?> Field(params string[] good) =>
        Gen.Frequency((3, Gen.OneOf(good).Select(g => (string?)g)), (2, Gen.OneOf(good).SelectMany(HostileValues.Around).Select(v => (string?)v)), (2, HostileValues.OptionalText));

    [Fact]
    public async Task ServiceDetails_AreSavedOnlyWellFormed()
    {
        var handler = _host.Handler<ServiceDetailsHandler>();
        var saved = 0;
        await Gen.Select(Field("Family Mediation Service"), Field("0300 123 4567"), Field("Monday to Friday, 9am to 5pm"), Field("help@example.org"))
            .SampleAsync(async (name, phone, hours, email) =>
            {
                var before = await _host.SnapshotAsync();
                var result = await handler.SaveAsync(Manager, new ServiceDetailsForm { Name = name, HelplinePhone = phone, HelplineHours = hours, ContactEmail = email });
                if (await CheckedAsync(result, before))
                {
                    saved++;
                    await using var db = await _host.DbAsync();
                    var service = await db.Organisations.AsNoTracking().SingleAsync();
                    Good(service.Name, 200);
                    Good(service.HelplinePhone, 40);
                    Good(service.HelplineHours, 200);
                    Good(service.ContactEmail, 320);
                }
            }, iter: 150, threads: 1, print: t => $"{HostileValues.Show(t.Item1)} / {HostileValues.Show(t.Item2)} / {HostileValues.Show(t.Item3)} / {HostileValues.Show(t.Item4)}");

        Assert.True(saved >= 5, $"only {saved} of 150 saved");
    }

    [Fact]
    public async Task LocalAuthoritiesAndAreas_AreSavedOnlyWellFormed()
    {
        var authorities = _host.Handler<LocalAuthoritiesHandler>();
        var areas = _host.Handler<AreasHandler>();
        var herts = await _host.LocalAuthorityIdAsync("herts");
        var saved = 0;
        var n = 0;
        await Gen.Select(Field("luton", "thurrock"), Field("Luton Borough Council", "Thurrock Council"), Field("North", "South West"), Field("01234 567890", ""))
            .SampleAsync(async (code, name, area, phone) =>
            {
                n++;
                var before = await _host.SnapshotAsync();
                var result = await authorities.SaveAsync(Manager, null, new LocalAuthorityForm { Code = code + n, Name = name + " " + n });
                if (await CheckedAsync(result, before))
                {
                    saved++;
                    await using var db = await _host.DbAsync();
                    var authority = await db.LocalAuthorities.AsNoTracking().SingleAsync(l => l.Id == result.Id);
                    Good(authority.Code, 40);
                    Good(authority.Name, 200);
                }

                before = await _host.SnapshotAsync();
                result = await areas.SaveAsync(Manager, herts, null, new AreaForm { Name = area + " " + n, HelplinePhone = phone });
                if (await CheckedAsync(result, before))
                {
                    saved++;
                    await using var db = await _host.DbAsync();
                    var stored = await db.Areas.AsNoTracking().SingleAsync(a => a.Id == result.Id);
                    Good(stored.Name, 100);
                    if (stored.HelplinePhone is not null)
                    {
                        Good(stored.HelplinePhone, 40);
                    }
                }
            }, iter: 150, threads: 1, print: t => $"{HostileValues.Show(t.Item1)} / {HostileValues.Show(t.Item2)} / {HostileValues.Show(t.Item3)} / {HostileValues.Show(t.Item4)}");

        Assert.True(saved >= 10, $"only {saved} of 300 saved");
    }

    [Fact]
    public async Task VenuesAndSessionTypes_AreSavedOnlyWellFormed()
    {
        var venues = _host.Handler<VenuesHandler>();
        var templates = _host.Handler<SessionTemplatesHandler>();
        var saved = 0;
        var n = 0;
        await Gen.Select(
                Gen.Select(Field("Hatfield Library"), Field("Queensway, Hatfield\nAL10 0LT"), Field("Step-free entrance.\nHearing loop.")),
                Gen.Select(Field("Mediation Information and Awareness Session"), Field("What mediation is.\nBring questions."), Field("60", "90"), Field("12", "20")))
            .SampleAsync(async (venue, template) =>
            {
                n++;
                var before = await _host.SnapshotAsync();
                var result = await venues.SaveAsync(Manager, null, new VenueForm { Name = venue.Item1 + " " + n, Address = venue.Item2, AccessInformation = venue.Item3 });
                if (await CheckedAsync(result, before))
                {
                    saved++;
                    await using var db = await _host.DbAsync();
                    var stored = await db.Venues.AsNoTracking().SingleAsync(v => v.Id == result.Id);
                    Good(stored.Name, 200);
                    Good(stored.Address, 500);
                    Good(stored.AccessInformation, 1000);
                }

                before = await _host.SnapshotAsync();
                result = await templates.SaveAsync(Manager, null, new SessionTemplateForm
                {
                    Kind = SessionType.InformationSession, DefaultTitle = template.Item1 + " " + n, DefaultDescription = template.Item2, DefaultDurationMinutes = template.Item3, DefaultCapacity = template.Item4,
                });
                if (await CheckedAsync(result, before))
                {
                    saved++;
                    await using var db = await _host.DbAsync();
                    var stored = await db.SessionTemplates.AsNoTracking().SingleAsync(t => t.Id == result.Id);
                    Good(stored.DefaultTitle, 200);
                    Good(stored.DefaultDescription, 2000);
                }
            }, iter: 100, threads: 1, print: t => $"{HostileValues.Show(t.Item1.Item1)} / {HostileValues.Show(t.Item1.Item2)} / {HostileValues.Show(t.Item2.Item1)} / {HostileValues.Show(t.Item2.Item3)}");

        Assert.True(saved >= 10, $"only {saved} of 200 saved");
    }

    [Fact]
    public async Task Staff_AreAddedOnlyWellFormed()
    {
        var staff = _host.Handler<StaffHandler>();
        var saved = 0;
        var n = 0;
        await Gen.Select(Field("Noor Adeyemi", "Siân O'Brien-Núñez"), Field("noor@example.org"), Field("idp|noor", "00u1abcd"))
            .SampleAsync(async (name, email, subject) =>
            {
                n++;
                var before = await _host.SnapshotAsync();
                var form = new StaffForm { DisplayName = name, Email = email, Subject = subject + n };
                form.Roles.Add(PortalRoles.Adviser);
                var result = await staff.AddAsync(Manager, form);
                if (await CheckedAsync(result, before))
                {
                    saved++;
                    await using var db = await _host.DbAsync();
                    var member = await db.StaffMembers.AsNoTracking().SingleAsync(s => s.Id == result.Id);
                    Good(member.DisplayName, 200);
                    Good(member.Subject, 255);
                    if (member.Email is not null)
                    {
                        Good(member.Email, 320);
                    }
                }
            }, iter: 150, threads: 1, print: t => $"{HostileValues.Show(t.Item1)} / {HostileValues.Show(t.Item2)} / {HostileValues.Show(t.Item3)}");

        Assert.True(saved >= 5, $"only {saved} of 150 saved");
    }

    /// <summary>True when saved; when refused, checks there is a message and that nothing changed.</summary>
    private async Task<bool> CheckedAsync(SettingsResult result, string before)
    {
        if (result.Succeeded)
        {
            Assert.NotNull(result.Id);
            return true;
        }

        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        Assert.NotEmpty(result.Errors);
        Assert.Equal(before, await _host.SnapshotAsync());
        return false;
    }

    private static void Good(string? value, int max)
    {
        Assert.NotNull(value);
        Assert.True(value.Length > 0 && value.Length <= max, $"{value.Length} characters saved, at most {max}");
        Assert.True(value == value.Trim(), $"saved untrimmed '{HostileValues.Show(value)}'");
        Assert.True(TypedText.IsWellFormed(value, allowsLines: true), $"saved '{HostileValues.Show(value)}'");
    }
}
