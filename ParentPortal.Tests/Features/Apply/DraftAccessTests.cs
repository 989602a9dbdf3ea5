using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Advisers;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Booking;
using ParentPortal.Features.Cases;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Apply;

/// <summary>
/// A parent's unsent draft is the family's: no member of staff opens, changes, sends, finds or books for it unless the
/// family has shared it with them (see <c>ShareDraftTests</c>) or an adviser started it on the phone. Every refusal is
/// "not found", exactly as for a draft that does not exist.
/// </summary>
public sealed class DraftAccessTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApplicationsHost.StartAsync();
        await AddOtherStaffAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>Failed before drafts were the family's: any adviser or manager opened, changed and found Sam's draft.</summary>
    [Fact]
    public async Task AParentsUnsharedDraft_IsNotFound_ForEveryMemberOfStaff_InEveryHandler()
    {
        var id = await SamsDraftAsync();
        var invented = Guid.NewGuid();

        foreach (var staff in new[] { Adviser, OtherAdviser, Manager, Mediator, HertsOfficer })
        {
            Assert.Null(await _host.Get<GetApplicationHandler>().HandleAsync(staff, id));
            Assert.Equal(SaveStepOutcome.NotFound, (await _host.Get<SaveStepHandler>().HandleAsync(staff, id, "child-name", ChildName("Changed"))).Outcome);
            Assert.Equal(SubmitOutcome.NotFound, (await _host.Get<SubmitApplicationHandler>().HandleAsync(staff, id)).Outcome);
            var search = await _host.Get<FamilySearchQuery>().HandleAsync(staff, "Siân");
            Assert.DoesNotContain(search.Rows, r => r.Id == id);
            Assert.Null(await _host.Get<SessionQueries>().ForFamilyAsync(staff, id));

            // The same answers as for an application that does not exist: nothing hints that the draft is there.
            Assert.Equal(
                (await _host.Get<InviteFamilyHandler>().HandleAsync(staff, invented)).Message,
                (await _host.Get<InviteFamilyHandler>().HandleAsync(staff, id)).Message);
            Assert.Equal(
                (await _host.Get<BookSessionHandler>().ForFamilyAsync(staff, 1, invented, false)).Message,
                (await _host.Get<BookSessionHandler>().ForFamilyAsync(staff, 1, id, false)).Message);
        }

        await using var db = await _host.DbAsync();
        var draft = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id);
        Assert.Equal(ApplicationStatus.Draft, draft.Status);
        Assert.Equal("Siân", ParentPortal.Domain.Triage.TriageAnswers.FromJson(draft.AnswersJson)["child-first-name"]);
        Assert.False(await db.AuditEntries.AnyAsync(e => e.TargetId == id.ToString() && e.Action == "application-viewed"));
        Assert.NotNull(await _host.Get<GetApplicationHandler>().HandleAsync(Sam, id));
    }

    /// <summary>Once sent, the application is a case: today's rules (the shared queue's advisers and managers see it).</summary>
    [Fact]
    public async Task OnceSent_TheApplicationIsACase_ForTheQueuesAdvisersAndManagers()
    {
        var id = await SenCaseAsync(_host);

        foreach (var staff in new[] { Adviser, OtherAdviser, Manager })
        {
            Assert.NotNull(await _host.Get<GetApplicationHandler>().HandleAsync(staff, id));
            Assert.NotNull(await _host.Get<CaseDetailsQuery>().HandleAsync(staff, id));
            Assert.Contains((await _host.Get<FamilySearchQuery>().HandleAsync(staff, "Siân")).Rows, r => r.Id == id);
        }
    }

    /// <summary>A draft an adviser started on the phone stays open to them (and managers), before and after the family takes it over.</summary>
    [Fact]
    public async Task ADraftAnAdviserStarted_StaysOpenToThem_EvenAfterTheFamilyTakesItOver()
    {
        var started = await _host.Get<StartPhoneApplicationHandler>().HandleAsync(Adviser, new PhoneCallDetails { CallerName = "Łukasz Dvořák", ConsentToAct = true });
        var id = started.ApplicationId!.Value;
        Assert.Equal(SaveStepOutcome.Saved, (await _host.Get<SaveStepHandler>().HandleAsync(Adviser, id, "route", new Dictionary<string, string?> { ["route"] = "sen" })).Outcome);
        Assert.NotNull(await _host.Get<GetApplicationHandler>().HandleAsync(Manager, id));

        var code = (await _host.Get<InviteFamilyHandler>().HandleAsync(Adviser, id)).Code;
        Assert.True((await _host.Get<ClaimApplicationHandler>().HandleAsync(Lukasz, code)).Succeeded);

        Assert.NotNull(await _host.Get<GetApplicationHandler>().HandleAsync(Adviser, id));
        Assert.Equal(SaveStepOutcome.Saved, (await _host.Get<SaveStepHandler>().HandleAsync(Adviser, id, "route", new Dictionary<string, string?> { ["route"] = "sen" })).Outcome);
        // Another adviser never had it: the adviser who took the call looks after it.
        Assert.Null(await _host.Get<GetApplicationHandler>().HandleAsync(OtherAdviser, id));
    }

    private async Task<Guid> SamsDraftAsync()
    {
        var id = (await _host.Get<StartApplicationHandler>().HandleAsync(Sam, new ApplicationPrefill("sen", "herts", null)))!.Value;
        Assert.Equal(SaveStepOutcome.Saved, (await _host.Get<SaveStepHandler>().HandleAsync(Sam, id, "child-name", ChildName("Siân"))).Outcome);
        return id;
    }

    private static Dictionary<string, string?> ChildName(string first) => new() { ["child-first-name"] = first, ["child-last-name"] = "Taylor" };
}
