using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Advisers;
using ParentPortal.Features.Apply;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Advisers;

/// <summary>An application started on the phone, and the family taking it over with their code.</summary>
public sealed class PhoneApplicationTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheFamily_ClaimsTheApplicationOnce_AndTheCallersPlaceholderRecordGoes()
    {
        Assert.False((await _host.Get<StartPhoneApplicationHandler>().HandleAsync(Mediator, new PhoneCallDetails { CallerName = "Łukasz Dvořák", ConsentToAct = true })).Succeeded);
        Assert.Contains((await _host.Get<StartPhoneApplicationHandler>().HandleAsync(Adviser, new PhoneCallDetails { CallerName = "Łukasz Dvořák" })).Errors, e => e.FieldKey == "consent");
        var started = await _host.Get<StartPhoneApplicationHandler>().HandleAsync(Adviser, new PhoneCallDetails { CallerName = "Łukasz Dvořák", CallerEmail = "lukasz@example.com", ConsentToAct = true, InterpreterLanguage = "Polish" });
        Assert.True(started.Succeeded);
        var id = started.ApplicationId!.Value;
        var invitation = await _host.Get<InviteFamilyHandler>().HandleAsync(Adviser, id);
        Assert.True(invitation.Succeeded, invitation.Message);

        Assert.False((await _host.Get<ClaimApplicationHandler>().HandleAsync(Adviser, invitation.Code)).Succeeded);
        Assert.False((await _host.Get<ClaimApplicationHandler>().HandleAsync(Lukasz, "AAAAA-BBBBB")).Succeeded);
        var claimed = await _host.Get<ClaimApplicationHandler>().HandleAsync(Lukasz, invitation.Code!.ToLowerInvariant());
        Assert.True(claimed.Succeeded, claimed.Message);
        Assert.False((await _host.Get<ClaimApplicationHandler>().HandleAsync(Sam, invitation.Code)).Succeeded);

        await using var db = await _host.DbAsync();
        var application = await db.Applications.Include(a => a.Owner).SingleAsync(a => a.Id == id);
        Assert.Equal("demo-parent-2", application.Owner!.Subject);
        Assert.False(await db.Users.AnyAsync(u => u.Subject.StartsWith(PhoneApplicationOwner.Prefix)));
        Assert.Contains(await db.AuditEntries.Where(a => a.Action == "phone-application-started").ToListAsync(), a => a.TargetId == id.ToString());
    }

    /// <summary>
    /// The two-code attack: a caller given code A, after the parent has claimed with code B, must not take the
    /// application, its documents and the parent's bookings. Failed before a new code retired the earlier ones and a
    /// claim checked the owner was still the phone placeholder.
    /// </summary>
    [Fact]
    public async Task ASpareCode_NeverTakesTheApplicationFromTheFamilyWhoClaimedIt()
    {
        var started = await _host.Get<StartPhoneApplicationHandler>().HandleAsync(Adviser, new PhoneCallDetails { CallerName = "Łukasz Dvořák", ConsentToAct = true });
        var id = started.ApplicationId!.Value;
        var codeA = (await _host.Get<InviteFamilyHandler>().HandleAsync(Adviser, id)).Code!;
        var codeB = (await _host.Get<InviteFamilyHandler>().HandleAsync(Adviser, id)).Code!;

        var refused = await _host.Get<ClaimApplicationHandler>().HandleAsync(Sam, codeA);
        Assert.False(refused.Succeeded);
        Assert.Contains("not worked", refused.Message);
        Assert.True((await _host.Get<ClaimApplicationHandler>().HandleAsync(Lukasz, codeB)).Succeeded);
        Assert.False((await _host.Get<ClaimApplicationHandler>().HandleAsync(Sam, codeA)).Succeeded);

        // Even a code that was still valid (issued in a race with the claim) cannot move the application on.
        var raced = InvitationCodes.New();
        await using (var db = await _host.DbAsync())
        {
            var now = _host.Clock.GetUtcNow();
            db.ApplicationInvitations.Add(new ApplicationInvitation { Id = Guid.NewGuid(), ApplicationId = id, CodeHash = InvitationCodes.Hash(raced), CreatedAt = now, ExpiresAt = now + InvitationCodes.Lifetime, CreatedBySubject = "demo-adviser" });
            await db.SaveChangesAsync();
        }

        Assert.False((await _host.Get<ClaimApplicationHandler>().HandleAsync(Sam, raced)).Succeeded);
        await using var check = await _host.DbAsync();
        var application = await check.Applications.Include(a => a.Owner).SingleAsync(a => a.Id == id);
        Assert.Equal("demo-parent-2", application.Owner!.Subject);
        Assert.False(await check.ApplicationInvitations.AnyAsync(i => i.ApplicationId == id && i.ClaimedAt == null && i.ExpiresAt > _host.Clock.GetUtcNow() && i.CodeHash != InvitationCodes.Hash(raced)));
    }

    /// <summary>Issue 17: the adviser taking the call sets the family's language from "Which language should we use?".</summary>
    [Fact]
    public async Task ThePhoneApplicationsLanguage_IsSetFromTheLanguageQuestion_WhenThePortalWritesIt()
    {
        var started = await _host.Get<StartPhoneApplicationHandler>().HandleAsync(Adviser, new PhoneCallDetails { CallerName = "Rhian Evans", ConsentToAct = true });
        var id = started.ApplicationId!.Value;
        Assert.Equal("en-GB", await LanguageAsync(id));

        foreach (var (answer, language) in new[] { ("welsh", "cy"), ("other", "cy"), ("urdu", "ur"), ("english", "en-GB") })
        {
            var values = new Dictionary<string, string?> { ["language"] = answer };
            if (answer == "other")
            {
                // Another language (an interpreter is arranged) keeps the language the portal writes in.
                values["language-other"] = "Polish";
                values["interpreter"] = "yes";
            }

            var saved = await _host.Get<SaveStepHandler>().HandleAsync(Adviser, id, "language", values);
            Assert.Equal(SaveStepOutcome.Saved, saved.Outcome);
            Assert.Equal(language, await LanguageAsync(id));
        }
    }

    private async Task<string> LanguageAsync(Guid id)
    {
        await using var db = await _host.DbAsync();
        return await db.Applications.Where(a => a.Id == id).Select(a => a.Language).SingleAsync();
    }
}
