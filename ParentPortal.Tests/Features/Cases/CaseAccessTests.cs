using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Features.Advisers;
using ParentPortal.Features.Booking;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Cases;

/// <summary>
/// Every case route, checked in its handler: an LA officer of another local authority, a mediator not on the
/// case, an adviser other than the one who took it, another parent and someone signed out all get "not found",
/// and nothing changes.
/// </summary>
public sealed class CaseAccessTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApplicationsHost.StartAsync();
        await AddOtherStaffAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string> Outsiders => ["beds-officer", "other-mediator", "other-adviser", "other-parent", "signed-out"];

    private static ClaimsPrincipal Outsider(string who) => who switch
    {
        "beds-officer" => BedsOfficer,
        "other-mediator" => OtherMediator,
        "other-adviser" => OtherAdviser,
        "other-parent" => Lukasz,
        _ => TestUsers.Anonymous(),
    };

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task EveryCaseRoute_ForSomeoneOutsideTheCase_IsNotFound_AndChangesNothing(string who)
    {
        var user = Outsider(who);
        var id = await HeldMediationAsync(_host);
        var meetingId = await MainMeetingIdAsync(_host, id);
        var before = await SnapshotAsync(id);

        Assert.Null(await _host.Get<CaseDetailsQuery>().HandleAsync(user, id));
        Assert.DoesNotContain((await _host.Get<CaseQueueQuery>().HandleAsync(user, new CaseQueueFilter()))?.Rows ?? [], r => r.Id == id);
        Assert.DoesNotContain((await _host.Get<FamilySearchQuery>().HandleAsync(user, "Sam Taylor")).Rows, r => r.Id == id);
        foreach (var result in new[]
        {
            await _host.Get<ChangeStageHandler>().HandleAsync(user, id, CaseStage.Closed, "closing"),
            await _host.Get<ScheduleMeetingHandler>().HandleAsync(user, id, new MeetingForm()),
            await _host.Get<AssignMediatorHandler>().HandleAsync(user, id, null),
            await _host.Get<TakeCaseHandler>().HandleAsync(user, id),
            await _host.Get<AddNoteHandler>().HandleAsync(user, id, "a note"),
            await _host.Get<RecordDecisionHandler>().HandleAsync(user, id, SessionChoice.CertificateOnly),
            await _host.Get<RecordLaCannotArrangeHandler>().HandleAsync(user, id),
            await _host.Get<ReferToAdvocacyHandler>().HandleAsync(user, id),
            await _host.Get<RecordAdvocacyReferralHandler>().HandleAsync(user, id, null, null),
            await _host.Get<AssignIpsHandler>().HandleAsync(user, id, 1),
            await _host.Get<ScheduleMeetingHandler>().HandleAsync(user, id, new MeetingForm { MeetingId = meetingId }),
            await _host.Get<MarkMeetingHeldHandler>().HandleAsync(user, id, meetingId),
            await _host.Get<CancelMeetingHandler>().HandleAsync(user, id, meetingId),
            await _host.Get<SkipIndividualMeetingHandler>().HandleAsync(user, id, ParentPortal.Domain.Meetings.MeetingParty.Family, "not needed"),
            await _host.Get<RecordMeetingNoticeHandler>().HandleAsync(user, id, meetingId, null, null),
        })
        {
            Assert.False(result.Succeeded);
            Assert.Equal("We could not find that case.", Assert.Single(result.Errors).Message);
        }

        Assert.False((await _host.Get<IssueCertificateHandler>().HandleAsync(user, id)).Succeeded);
        Assert.Empty(await _host.Get<CaseDocumentsQuery>().HandleAsync(user, id));
        Assert.Null(await _host.Get<AgreementsHandler>().GetAsync(user, id));
        Assert.False((await _host.Get<AgreementsHandler>().SaveAsync(user, id, new AgreementForm { Issues = ["x"] })).Succeeded);
        Assert.False((await _host.Get<AgreementsHandler>().SignAsync(user, id, "0")).Succeeded);
        Assert.Null(await _host.Get<MeetingRecordsHandler>().GetAsync(user, id));
        Assert.False((await _host.Get<MeetingRecordsHandler>().IssueAsync(user, id)).Succeeded);
        Assert.Null(await _host.Get<SessionQueries>().ForFamilyAsync(user, id));
        Assert.Equal(BookOutcome.NotFound, (await _host.Get<BookSessionHandler>().ForFamilyAsync(user, 1, id, false)).Outcome);
        Assert.False((await _host.Get<InviteFamilyHandler>().HandleAsync(user, id)).Succeeded);
        Assert.Equal(before, await SnapshotAsync(id));
    }

    [Fact]
    public async Task EveryAdviser_SeesTheQueuesUntakenCases_OnlyItsAdviserOnceTaken_AndAManagerAlways()
    {
        var id = await SenCaseAsync(_host);
        var queue = _host.Get<CaseQueueQuery>();
        var details = _host.Get<CaseDetailsQuery>();

        foreach (var adviser in new[] { Adviser, OtherAdviser, Manager })
        {
            Assert.NotNull(await details.HandleAsync(adviser, id));
            Assert.Contains((await queue.HandleAsync(adviser, new CaseQueueFilter()))!.Rows, r => r.Id == id);
        }

        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));

        Assert.NotNull(await details.HandleAsync(Adviser, id));
        Assert.NotNull(await details.HandleAsync(Manager, id));
        Assert.Null(await details.HandleAsync(OtherAdviser, id));
        Assert.DoesNotContain((await queue.HandleAsync(OtherAdviser, new CaseQueueFilter()))!.Rows, r => r.Id == id);
        Assert.Equal("We could not find that case.", Assert.Single((await _host.Get<TakeCaseHandler>().HandleAsync(OtherAdviser, id)).Errors).Message);
    }

    [Fact]
    public async Task ItsAdviserOrAManager_HandsACaseToAnotherAdviser_OrBackToTheQueue_AndNobodyElseCan()
    {
        var id = await SenCaseAsync(_host);
        var details = _host.Get<CaseDetailsQuery>();
        var noor = await StaffIdAsync(_host, "other-adviser");
        var tom = await StaffIdAsync(_host, "demo-mediator");
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));

        Assert.Equal("We could not find that case.", Assert.Single((await _host.Get<HandOverCaseHandler>().HandleAsync(OtherAdviser, id, noor)).Errors).Message);
        Assert.Equal("Select an adviser from the list", Assert.Single((await _host.Get<HandOverCaseHandler>().HandleAsync(Adviser, id, tom)).Errors).Message);
        Assert.True((await details.HandleAsync(Adviser, id))!.Can.HandOver);

        // Priya hands it to Noor: Noor opens it, Priya no longer can, and the history says who did what.
        Succeeded(await _host.Get<HandOverCaseHandler>().HandleAsync(Adviser, id, noor));
        Assert.Null(await details.HandleAsync(Adviser, id));
        var forNoor = (await details.HandleAsync(OtherAdviser, id))!;
        Assert.Equal("Noor Adeyemi", forNoor.Parties.Adviser?.Name);
        Assert.Contains(forNoor.History, e => e.Note == "Handed to Noor Adeyemi by Priya Shah");

        // A manager returns it to the shared queue: every adviser sees it again, and may take it.
        Succeeded(await _host.Get<HandOverCaseHandler>().HandleAsync(Manager, id, null));
        Assert.NotNull(await details.HandleAsync(Adviser, id));
        Assert.Null((await details.HandleAsync(Adviser, id))!.Parties.Adviser);
        Assert.False((await details.HandleAsync(Adviser, id))!.Can.HandOver);
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
    }

    [Fact]
    public async Task AnLaOfficer_SeesTheirOwnLocalAuthoritysCases_AndCannotRunThem()
    {
        var id = await SenCaseAsync(_host);

        var view = await _host.Get<CaseDetailsQuery>().HandleAsync(HertsOfficer, id);

        Assert.NotNull(view);
        Assert.False(view.Can.ChangeStage || view.Can.Assign || view.Can.ScheduleMeeting || view.Can.IssueDocuments);
        Assert.Contains((await _host.Get<CaseQueueQuery>().HandleAsync(HertsOfficer, new CaseQueueFilter()))!.Rows, r => r.Id == id);
        Assert.DoesNotContain((await _host.Get<CaseQueueQuery>().HandleAsync(BedsOfficer, new CaseQueueFilter()))!.Rows, r => r.Id == id);
        Assert.Equal("Your role does not allow this on this case.", Assert.Single((await _host.Get<ChangeStageHandler>().HandleAsync(HertsOfficer, id, CaseStage.Closed, "x")).Errors).Message);
    }

    [Fact]
    public async Task AMediator_SeesOnlyCasesAssignedToThem()
    {
        var assigned = await HeldMediationAsync(_host);
        var other = await SenCaseAsync(_host, Lukasz);

        var rows = (await _host.Get<CaseQueueQuery>().HandleAsync(Mediator, new CaseQueueFilter(IncludeClosed: true)))!.Rows;

        Assert.Equal([assigned], rows.Select(r => r.Id));
        Assert.Null(await _host.Get<CaseDetailsQuery>().HandleAsync(Mediator, other));
    }

    [Fact]
    public async Task EveryViewOfAFamilysRecord_IsAudited_WithWhoWhatAndWhen()
    {
        var id = await SenCaseAsync(_host);

        await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id);
        await _host.Get<FamilySearchQuery>().HandleAsync(Adviser, "Siân");

        await using var db = await _host.DbAsync();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.ActorSubject == "demo-adviser").ToListAsync();
        Assert.Contains(entries, e => e.Action == "case-viewed" && e.TargetId == id.ToString() && e.At == _host.Clock.GetUtcNow());
        Assert.Contains(entries, e => e.Action == "family-search");
    }

    private async Task<string> SnapshotAsync(Guid id)
    {
        await using var db = await _host.DbAsync();
        var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id);
        return string.Join('|', application.Stage, application.Version, application.AssignedStaffId, application.AdviserId,
            await db.CaseEvents.CountAsync(e => e.ApplicationId == id), await db.CaseDocuments.CountAsync(), await db.AgreementDrafts.CountAsync(),
            await db.SessionBookings.CountAsync(), await db.ApplicationInvitations.CountAsync(),
            string.Join(',', await db.CaseMeetings.Where(m => m.ApplicationId == id).OrderBy(m => m.Id).Select(m => $"{m.Id}:{m.Sequence}:{m.CancelledAt}:{m.HeldOn}:{m.SkippedReason}").ToListAsync()),
            await db.OutboxMessages.CountAsync());
    }
}
