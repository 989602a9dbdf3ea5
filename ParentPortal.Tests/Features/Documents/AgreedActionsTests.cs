using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Platform.Calendar;
using ParentPortal.Tests.Features.Admin.Settings;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Documents;

/// <summary>
/// Issue 14 item 5 (SEND Regulations 2014 reg 42): once everyone has signed, each agreed action is followed to done. The
/// family and the case's staff see each action with its date; one not done by its date is late on the family's page and in
/// the queue (a closed case stays there while it is); the family can say one has not happened; the case's staff mark done.
/// </summary>
public sealed class AgreedActionsTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private DateOnly Today => UkDates.DateIn(_host.Clock.GetUtcNow());

    [Fact]
    public async Task EachAgreedAction_IsFollowed_LateOnTheFamilysPageAndInTheQueue_AndTheFamilyCanSayItHasNotHappened()
    {
        await using (var db = await _host.DbAsync())
        {
            var herts = await db.LocalAuthorities.SingleAsync(l => l.Code == "herts");
            (herts.SenTeamName, herts.SenTeamEmail) = ("Hertfordshire SEN team", "sen.team@herts.example.gov.uk");
            await db.SaveChangesAsync();
        }

        var id = await HeldMediationAsync(_host);
        var agreements = _host.Get<AgreementsHandler>();
        // The refusal to assess is appealable: the rules engine's default is the 2 weeks a tribunal order would give (reg 44(2)(b)).
        var view = (await agreements.GetAsync(Mediator, id))!;
        await using (var db = await _host.DbAsync())
        {
            Assert.Equal((await db.Applications.SingleAsync(a => a.Id == id)).MeetingHeldOn!.Value.AddDays(14), view.DefaultActionDate);
        }

        var saved = await agreements.SaveAsync(Mediator, id, new AgreementForm
        {
            Issues = ["Whether Siân needs an EHC needs assessment"],
            Actions =
            [
                new AgreementActionForm { What = "Tell the family the assessment will be made", Who = "Hertfordshire SEN team", By = Today.AddDays(14) },
                new AgreementActionForm { What = "Send the school's reading assessment", Who = "Sam Taylor", By = Today.AddDays(28) },
            ],
        });
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
        foreach (var signer in new[] { Mediator, Sam, HertsOfficer })
        {
            Assert.True((await agreements.SignAsync(signer, id, (await agreements.GetAsync(signer, id))!.ContentHash)).Succeeded);
        }

        // Each owner is reminded 3 days before, at 9am: the LA's SEN team for its action, the family for theirs.
        await using (var db = await _host.DbAsync())
        {
            var reminders = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "agreed-action-reminder").OrderBy(m => m.NotBefore).ToListAsync();
            Assert.Equal(["sen.team@herts.example.gov.uk", "parent@example.com"], reminders.Select(m => m.ToAddress));
            Assert.Equal(UkDates.FromLocal(Today.AddDays(11), new TimeOnly(9, 0)), reminders[0].NotBefore);
            Assert.All(reminders, m => Assert.Equal(id, m.ApplicationId));
            Assert.Contains("Tell the family the assessment will be made", reminders[0].Body, StringComparison.Ordinal);
        }

        var actions = _host.Get<ActionPointsHandler>();
        var family = await actions.FamilyAsync(Sam, id);
        Assert.Equal(["Tell the family the assessment will be made", "Send the school's reading assessment"], family.Select(a => a.What));
        Assert.All(family, a => Assert.Equal(ActionStatus.Due, a.Status));
        Assert.Equal([false, true], family.Select(a => a.FamilyOwns));
        Assert.Empty(await actions.FamilyAsync(Lukasz, id));
        Assert.Equal(2, (await actions.ForCaseAsync(Adviser, id))!.Count);
        Assert.Equal(2, (await actions.ForCaseAsync(HertsOfficer, id))!.Count);
        Assert.Null(await actions.ForCaseAsync(BedsOfficer, id));
        Succeeded(await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, CaseStage.Closed, "Agreement signed"));
        Assert.DoesNotContain(id, (await QueueAsync()).Select(r => r.Id));

        // The first action's date passes: late for the family and in the queue, where the closed case comes back.
        _host.Clock.Advance(TimeSpan.FromDays(15));
        family = await actions.FamilyAsync(Sam, id);
        Assert.Equal([ActionStatus.Late, ActionStatus.Due], family.Select(a => a.Status));
        var row = Assert.Single(await QueueAsync(), r => r.Id == id);
        Assert.Equal((1, false), (row.LateActions, row.FamilySaysNotDone));

        // The family say it has not happened: the adviser sees it, on the case and in the queue. Nobody else may say so.
        Assert.False(await actions.FamilySaysNotDoneAsync(Lukasz, id, family[0].Id));
        Assert.False(await actions.FamilySaysNotDoneAsync(Adviser, id, family[0].Id));
        Assert.True(await actions.FamilySaysNotDoneAsync(Sam, id, family[0].Id));
        Assert.True(await actions.FamilySaysNotDoneAsync(Sam, id, family[0].Id)); // pressed twice: recorded once
        Assert.Equal(Today, (await actions.ForCaseAsync(Adviser, id))![0].FamilySaysNotDoneOn);
        Assert.True(Assert.Single(await QueueAsync(), r => r.Id == id).FamilySaysNotDone);
        await using (var db = await _host.DbAsync())
        {
            Assert.Single(await db.CaseEvents.Where(e => e.ApplicationId == id).Select(e => e.Kind).ToListAsync(), k => k == "action-not-done");
        }

        // Done, as the adviser hears from the local authority: no longer late, and the closed case leaves the queue again.
        Assert.False(await actions.MarkDoneAsync(OtherAdviser, family[0].Id));
        Assert.False(await actions.MarkDoneAsync(BedsOfficer, family[0].Id));
        Assert.True(await actions.MarkDoneAsync(Adviser, family[0].Id));
        await using (var db = await _host.DbAsync())
        {
            Assert.NotNull((await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == "agreed-action-reminder" && m.ToAddress == "sen.team@herts.example.gov.uk")).CancelledAt);
        }

        Assert.Equal(ActionStatus.Done, (await actions.FamilyAsync(Sam, id)).Single(a => a.Id == family[0].Id).Status);
        Assert.False(await actions.FamilySaysNotDoneAsync(Sam, id, family[0].Id));
        Assert.DoesNotContain(id, (await QueueAsync()).Select(r => r.Id));

        // The reports: of the two actions due in the period, none done by its date, one late, one the family reported.
        var report = (await _host.Handler<ParentPortal.Features.Reports.ReportsQuery>().HandleAsync(Manager, ParentPortal.Features.Reports.ReportPeriod.Create(Today.AddDays(-60), Today.AddDays(60))))!;
        Assert.Equal((0, 2, 1, 1), (report.AgreedActions.DoneOnTime.Count, report.AgreedActions.DoneOnTime.OutOf, report.AgreedActions.Late, report.AgreedActions.FamilySaidNotDone));
        Assert.Equal((1, 0), (report.AgreedActions.AgreementsSigned, report.AgreedActions.AgreementsDeclined));

        // Marked done by mistake and reopened: the owner's reminder comes back while its day is ahead; one whose day has
        // passed stays withdrawn rather than going out late.
        Assert.True(await actions.MarkDoneAsync(Adviser, family[1].Id));
        Assert.True(await actions.MarkDoneAsync(Adviser, family[1].Id, done: false));
        Assert.True(await actions.MarkDoneAsync(Adviser, family[0].Id, done: false));
        await using (var db = await _host.DbAsync())
        {
            var reminders = await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "agreed-action-reminder").ToListAsync();
            Assert.Null(reminders.Single(m => m.ToAddress == "parent@example.com").CancelledAt);
            Assert.NotNull(reminders.Single(m => m.ToAddress == "sen.team@herts.example.gov.uk").CancelledAt);
        }
    }

    private async Task<IReadOnlyList<CaseQueueRow>> QueueAsync() =>
        (await _host.Get<CaseQueueQuery>().HandleAsync(Adviser, new CaseQueueFilter()))!.Rows;
}
