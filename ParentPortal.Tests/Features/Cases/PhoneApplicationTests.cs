using Microsoft.EntityFrameworkCore;
using ParentPortal.Features.Cases;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Cases;

/// <summary>An application started on the phone, and the family taking it over with their code.</summary>
public sealed class PhoneApplicationTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheFamily_ClaimsTheApplicationOnce_AndTheCallersPlaceholderRecordGoes()
    {
        var phone = _host.Get<PhoneApplications>();
        Assert.False((await phone.StartAsync(Mediator, new PhoneCallDetails { CallerName = "Łukasz Dvořák", ConsentToAct = true })).Succeeded);
        Assert.Contains((await phone.StartAsync(Adviser, new PhoneCallDetails { CallerName = "Łukasz Dvořák" })).Errors, e => e.FieldKey == "consent");
        var started = await phone.StartAsync(Adviser, new PhoneCallDetails { CallerName = "Łukasz Dvořák", CallerEmail = "lukasz@example.com", ConsentToAct = true, InterpreterLanguage = "Polish" });
        Assert.True(started.Succeeded);
        var id = started.ApplicationId!.Value;
        var invitation = await phone.InviteAsync(Adviser, id);
        Assert.True(invitation.Succeeded, invitation.Message);

        Assert.False((await phone.ClaimAsync(Adviser, invitation.Code)).Succeeded);
        Assert.False((await phone.ClaimAsync(Lukasz, "AAAAA-BBBBB")).Succeeded);
        var claimed = await phone.ClaimAsync(Lukasz, invitation.Code!.ToLowerInvariant());
        Assert.True(claimed.Succeeded, claimed.Message);
        Assert.False((await phone.ClaimAsync(Sam, invitation.Code)).Succeeded);

        await using var db = await _host.DbAsync();
        var application = await db.Applications.Include(a => a.Owner).SingleAsync(a => a.Id == id);
        Assert.Equal("demo-parent-2", application.Owner!.Subject);
        Assert.False(await db.Users.AnyAsync(u => u.Subject.StartsWith(PhoneApplications.PlaceholderPrefix)));
        Assert.Contains(await db.AuditEntries.Where(a => a.Action == "phone-application-started").ToListAsync(), a => a.TargetId == id.ToString());
    }
}
