using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Cases;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Apply;

/// <summary>Issue 14 item 2: the family withdraws an application they sent, or deletes a draft; nobody else can.</summary>
public sealed class WithdrawAndDeleteTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Withdrawing_ClosesTheCaseWithTheReason_CancelsMeetingsToCome_TellsTheStaff_AndOnlyTheFamilyMay()
    {
        var id = await SenCaseAsync(_host);
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.TryMediation));
        Succeeded(await _host.Get<AssignMediatorHandler>().HandleAsync(Adviser, id, await StaffIdAsync(_host, "demo-mediator")));
        Succeeded(await _host.Get<ScheduleMeetingHandler>().HandleAsync(Mediator, id, MeetingInDays(_host, 14, await DecisionMakerAsync(_host, id))));

        var withdraw = _host.Get<WithdrawApplicationHandler>();
        Assert.Null(await withdraw.GetAsync(Lukasz, id));
        Assert.Null(await withdraw.HandleAsync(Lukasz, id, null));
        Assert.Null(await withdraw.HandleAsync(Adviser, id, null));
        var tooLong = await withdraw.HandleAsync(Sam, id, new string('x', WithdrawApplicationHandler.ReasonLength + 1));
        Assert.Equal("Your reason must be 1000 characters or fewer", tooLong!.Error?.English);

        var done = await withdraw.HandleAsync(Sam, id, "  We sorted it out with the school  ");
        Assert.True(done!.Succeeded, done.Error?.English);

        await using var db = await _host.DbAsync();
        var row = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id);
        Assert.Equal((CaseStage.Closed, "Withdrawn by the family: We sorted it out with the school"), (row.Stage, row.ClosingNote));
        Assert.NotNull((await db.CaseMeetings.AsNoTracking().SingleAsync(m => m.ApplicationId == id)).CancelledAt);
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.ApplicationId == id && m.Kind == "meeting-cancelled"));
        var toStaff = await db.OutboxMessages.AsNoTracking().Where(m => m.ApplicationId == id && m.Kind == "case-withdrawn").ToListAsync();
        Assert.Equal(2, toStaff.Count);
        Assert.All(toStaff, m => Assert.False(m.ToFamily));
        Assert.All(toStaff, m => Assert.Contains("Their reason: We sorted it out with the school", m.Body, StringComparison.Ordinal));
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.ApplicationId == id && m.Kind == "application-withdrawn" && m.ToFamily));
        Assert.Contains(await db.CaseEvents.Where(e => e.ApplicationId == id).Select(e => e.Kind).ToListAsync(), k => k == "withdrawn");

        // Closed: nothing more to withdraw, and the family can start again.
        Assert.True((await withdraw.GetAsync(Sam, id))!.AlreadyClosed);
        Assert.False((await withdraw.HandleAsync(Sam, id, null))!.Succeeded);
        Assert.NotNull(await _host.Get<StartApplicationHandler>().HandleAsync(Sam, new ApplicationPrefill("sen", "herts", null)));
    }

    [Fact]
    public async Task ADraft_IsDeletedByItsOwnerOnly_AndASentApplicationCannotBe()
    {
        var draft = (await _host.Get<StartApplicationHandler>().HandleAsync(Sam, new ApplicationPrefill("sen", null, null)))!.Value;
        var delete = _host.Get<DeleteDraftHandler>();
        Assert.Null(await delete.FindAsync(Lukasz, draft));
        Assert.False(await delete.HandleAsync(Lukasz, draft));
        Assert.False(await delete.HandleAsync(Adviser, draft));
        Assert.NotNull(await delete.FindAsync(Sam, draft));
        Assert.True(await delete.HandleAsync(Sam, draft));
        Assert.False(await delete.HandleAsync(Sam, draft));

        var sent = await SubmitAsync(_host, Sam, TriageFixtures.SenPages());
        Assert.Null(await delete.FindAsync(Sam, sent));
        Assert.False(await delete.HandleAsync(Sam, sent));
        await using var db = await _host.DbAsync();
        Assert.False(await db.Applications.AnyAsync(a => a.Id == draft));
        Assert.True(await db.Applications.AnyAsync(a => a.Id == sent));
    }
}
