using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Booking;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Platform.Calendar;
using ParentPortal.Tests.Domain;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.Features.Booking;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Cases;

/// <summary>
/// Issue 12 item 19: the family's decision after the information session is one decision, recorded once (by the family or the
/// adviser), shown the same on every page, changed only by the adviser (a family's change of mind is a request), and never
/// leaves two contradictory clocks running.
/// </summary>
public sealed class FamilyDecisionTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ApplicationsHost.StartAsync();
        await AddOtherStaffAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private DateOnly Today => UkDates.DateIn(_host.Clock.GetUtcNow());

    /// <summary>
    /// The review's walk-through. Failed before: the parent's sessions page still asked what they wanted (and then said "You
    /// told us: you want to try mediation" while the case stayed at "Certificate issued" with no history), the session page's
    /// "Chose" stayed empty, and the parent's next step asked them to tell the adviser what they already had.
    /// </summary>
    [Fact]
    public async Task AnAdvisersDecision_IsTheFamilysToo_AndAChangeOfMindAfterTheCertificate_IsARequestTheAdviserActsOn()
    {
        var (caseId, bookingId, sessionId) = await AttendedSessionAsync();
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, caseId, SessionChoice.CertificateOnly));

        var beforeIssue = await FamilyCardAsync(caseId);
        var certificateDue = TestCalendars.Calculator.CertificateDueBy(Today, ParentPortal.Domain.Deadlines.CertificateTrigger.NotPursuingMediation).Date;
        Assert.Contains(KeyDatesOf(beforeIssue), d => d.Key == "certificate" && d.Deadline.Date == certificateDue);
        Assert.Equal($"You told us you only need the mediation certificate. We will send it by {UkDates.LongDate(certificateDue)}.", NextStep(beforeIssue));

        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, caseId));
        Assert.True((await _host.Get<IssueCertificateHandler>().HandleAsync(Adviser, caseId)).Succeeded);

        var place = Assert.Single((await _host.Get<SessionQueries>().ForParentAsync(Sam, caseId))!.Bookings);
        Assert.Equal((SessionChoice?)SessionChoice.CertificateOnly, place.Choice);
        Assert.True(place.CanAskToChange);
        var attendee = Assert.Single((await _host.Get<SessionQueries>().DetailsAsync(Adviser, sessionId))!.Attendees);
        Assert.Equal((SessionChoice?)SessionChoice.CertificateOnly, attendee.Choice);
        Assert.Equal((SessionChoice?)SessionChoice.CertificateOnly, Assert.Single((await CaseAsync(caseId)).Bookings).Choice);
        Assert.DoesNotContain("Tell your adviser", NextStep(await FamilyCardAsync(caseId)), StringComparison.Ordinal);

        var mediationChosen = await _host.Get<RecordChoiceHandler>().HandleAsync(Sam, bookingId, SessionChoice.TryMediation);
        Assert.False(mediationChosen.Succeeded);
        Assert.StartsWith("You have already told us on ", mediationChosen.Message, StringComparison.Ordinal);
        Assert.False((await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, caseId, SessionChoice.TryMediation)).Succeeded);
        Assert.Equal(CaseStage.CertificateIssued, (await CaseAsync(caseId)).Stage);

        var asked = await _host.Get<RequestChoiceChangeHandler>().HandleAsync(Sam, bookingId, SessionChoice.TryMediation);
        Assert.Equal(RequestChoiceChangeHandler.SentMessage, asked.Message);
        var requested = await CaseAsync(caseId);
        Assert.Equal((SessionChoice.CertificateOnly, (SessionChoice?)SessionChoice.TryMediation), (requested.Decision.Choice!.Value, requested.Decision.Requested));
        Assert.Equal(CaseStage.CertificateIssued, requested.Stage);
        Assert.Contains(requested.History, e => e.Kind == "decision-change-requested" && e.ActorName == "Sam Taylor");
        Assert.StartsWith("You have asked to change your decision", NextStep(await FamilyCardAsync(caseId)), StringComparison.Ordinal);

        var noReason = await _host.Get<ChangeDecisionHandler>().HandleAsync(Adviser, caseId, SessionChoice.TryMediation, "  ");
        Assert.Equal(["decision-reason"], noReason.Errors.Select(e => e.FieldKey));
        Succeeded(await _host.Get<ChangeDecisionHandler>().HandleAsync(Adviser, caseId, SessionChoice.TryMediation, "Talked it through: they want to try after all"));

        var changed = await CaseAsync(caseId);
        Assert.Equal((CaseStage.MediationBeingArranged, (SessionChoice?)SessionChoice.TryMediation, (SessionChoice?)null), (changed.Stage, changed.Decision.Choice, changed.Decision.Requested));
        Assert.Equal(["tell-la"], changed.Clocks.Where(c => c.Key != "appeal").Select(c => c.Key));
        Assert.Contains(changed.History, e => e.Kind == "decision-changed" && e.Note!.Contains("Talked it through", StringComparison.Ordinal));
        Assert.Equal((SessionChoice?)SessionChoice.TryMediation, Assert.Single((await _host.Get<SessionQueries>().ForParentAsync(Sam, caseId))!.Bookings).Choice);
    }

    /// <summary>
    /// Failed before: after "only the certificate" the decision buttons stayed, and pressing "mediation" left "Certificate due"
    /// and "Mediation to be arranged by" running side by side. Now the first decision holds; a change, with why, stops the old
    /// decision's clock; and a change back starts the certificate's again.
    /// </summary>
    [Fact]
    public async Task ChangingTheDecision_StopsTheOldClock_AndNeverLeavesTwoRunning()
    {
        var caseId = await SenCaseAsync(_host);
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, caseId, SessionChoice.CertificateOnly));
        Assert.Equal(["certificate"], await StaffClockKeysAsync(caseId));
        Assert.False((await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, caseId, SessionChoice.TryMediation)).Succeeded);

        Succeeded(await _host.Get<ChangeDecisionHandler>().HandleAsync(Adviser, caseId, SessionChoice.TryMediation, "Changed their mind on the phone"));
        Assert.Equal(["tell-la"], await StaffClockKeysAsync(caseId));
        Succeeded(await _host.Get<RecordLaToldHandler>().HandleAsync(Adviser, caseId, Today, NoticeMethod.Email));
        Assert.Equal(["mediation"], await StaffClockKeysAsync(caseId));

        Succeeded(await _host.Get<ChangeDecisionHandler>().HandleAsync(Adviser, caseId, SessionChoice.CertificateOnly, "Decided against mediation after all"));
        Assert.Equal(["certificate"], await StaffClockKeysAsync(caseId));
        Assert.Equal("The family's decision is already to take only the certificate",
            Assert.Single((await _host.Get<ChangeDecisionHandler>().HandleAsync(Adviser, caseId, SessionChoice.CertificateOnly, "again")).Errors).Message);
        Assert.False((await _host.Get<ChangeDecisionHandler>().HandleAsync(Mediator, caseId, SessionChoice.TryMediation, "not theirs to change")).Succeeded);
        Assert.False((await _host.Get<KeepDecisionHandler>().HandleAsync(Adviser, caseId, "nothing was asked")).Succeeded);
    }

    [Fact]
    public async Task AFamilysRequest_CanBeAnsweredByKeepingTheDecision_WithWhy()
    {
        var (caseId, bookingId, _) = await AttendedSessionAsync();
        Assert.True((await _host.Get<RecordChoiceHandler>().HandleAsync(Sam, bookingId, SessionChoice.TryMediation)).Succeeded);
        Assert.Equal(["tell-la"], await StaffClockKeysAsync(caseId));
        Assert.True((await _host.Get<RequestChoiceChangeHandler>().HandleAsync(Sam, bookingId, SessionChoice.CertificateOnly)).Succeeded);
        Assert.False((await _host.Get<RequestChoiceChangeHandler>().HandleAsync(Lukasz, bookingId, SessionChoice.CertificateOnly)).Succeeded);

        Succeeded(await _host.Get<KeepDecisionHandler>().HandleAsync(Adviser, caseId, "Called back: they want to go ahead with mediation"));

        var kept = await CaseAsync(caseId);
        Assert.Equal(((SessionChoice?)SessionChoice.TryMediation, (SessionChoice?)null), (kept.Decision.Choice, kept.Decision.Requested));
        Assert.Equal(["tell-la"], await StaffClockKeysAsync(caseId));
        Assert.Contains(kept.History, e => e.Kind == "decision-kept");
    }

    /// <summary>Failed before: a decision made at a session before the application was sent started no clock once it was sent.</summary>
    [Fact]
    public async Task ADecisionMadeBeforeSending_StartsTheCaseFromThatDecision()
    {
        var draftId = (await _host.Get<StartApplicationHandler>().HandleAsync(Sam, new ApplicationPrefill("sen", "herts", null)))!.Value;
        var sessionId = await SessionTestData.CreateSessionAsync(_host, 5, TimeSpan.FromDays(2));
        var bookingId = (await _host.Get<BookSessionHandler>().HandleAsync(Sam, sessionId, draftId, false)).BookingId!.Value;
        _host.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(2));
        Assert.True((await _host.Get<ManageSessionsHandler>().RecordAttendanceAsync(SessionTestData.Adviser, sessionId, new Dictionary<Guid, bool> { [bookingId] = true })).Succeeded);
        Assert.True((await _host.Get<RecordChoiceHandler>().HandleAsync(Sam, bookingId, SessionChoice.CertificateOnly)).Succeeded);
        var choseOn = Today;

        foreach (var (page, values) in TriageFixtures.SenPages())
        {
            await _host.Get<SaveStepHandler>().HandleAsync(Sam, draftId, page, values);
        }

        Assert.Equal(SubmitOutcome.Submitted, (await _host.Get<SubmitApplicationHandler>().HandleAsync(Sam, draftId)).Outcome);
        var sent = await CaseAsync(draftId);
        Assert.Equal(CaseStage.InformationGiven, sent.Stage);
        var certificate = Assert.Single(sent.Clocks, c => c.Key == "certificate");
        Assert.Equal(TestCalendars.Calculator.CertificateDueBy(choseOn, ParentPortal.Domain.Deadlines.CertificateTrigger.NotPursuingMediation).Date, certificate.Deadline.Date);
        Assert.Contains(sent.History, e => e.Kind == "decision-recorded");
    }

    private async Task<(Guid CaseId, Guid BookingId, int SessionId)> AttendedSessionAsync()
    {
        var caseId = await SenCaseAsync(_host);
        var sessionId = await SessionTestData.CreateSessionAsync(_host, 5, TimeSpan.FromDays(2));
        var bookingId = (await _host.Get<BookSessionHandler>().HandleAsync(Sam, sessionId, caseId, false)).BookingId!.Value;
        _host.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(2));
        Assert.True((await _host.Get<ManageSessionsHandler>().RecordAttendanceAsync(SessionTestData.Adviser, sessionId, new Dictionary<Guid, bool> { [bookingId] = true })).Succeeded);
        return (caseId, bookingId, sessionId);
    }

    private async Task<CaseView> CaseAsync(Guid id) => (await _host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!;

    private async Task<IReadOnlyList<string>> StaffClockKeysAsync(Guid id) => [.. (await CaseAsync(id)).Clocks.Select(c => c.Key).Where(k => k != "appeal")];

    private async Task<ApplicationSummary> FamilyCardAsync(Guid id) => (await _host.Get<ListApplicationsHandler>().HandleAsync(Sam)).Single(a => a.Id == id);

    private IReadOnlyList<KeyDate> KeyDatesOf(ApplicationSummary card) => ApplicationNextSteps.KeyDatesFor(card.Answers, card.Facts, TestCalendars.Calculator, Today);

    private static string NextStep(ApplicationSummary card)
    {
        var due = card.Facts is { } facts ? CaseClocks.Running(facts, TestCalendars.Calculator).FirstOrDefault(c => c.Key == "certificate")?.Deadline.Date : null;
        return ApplicationNextSteps.ForCase(card.Answers, card.Stage, card.Decision, card.RequestedDecision, due);
    }
}
