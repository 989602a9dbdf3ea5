using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Privacy;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Settings;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Features.Cases;

public sealed record CaseEventView(DateTimeOffset At, string ActorName, string Kind, string? FromStage, string? ToStage, string? Note);

/// <summary>A person to choose from a list (a mediator, an adviser, an area).</summary>
public sealed record Choice(int Id, string Name);

/// <param name="MeetingNoticeBy">The day everyone must be told of the main meeting by (the notice rule), when it has one.</param>
/// <param name="AwaitingFamilyClaim">Filled in by phone or referred by a professional, and the family has not taken it over in their own account yet.</param>
public sealed record CaseView(
    Guid Id,
    string Reference,
    string Route,
    CaseStage Stage,
    string? LocalAuthority,
    DateTimeOffset SubmittedAt,
    CaseProfile Profile,
    CaseParties Parties,
    int? AreaId,
    IReadOnlyList<Choice> Areas,
    bool AwaitingFamilyClaim,
    CaseMeeting? Meeting,
    IReadOnlyList<CaseMeeting> Meetings,
    DateOnly? MeetingNoticeBy,
    IReadOnlyList<CaseClock> Clocks,
    IReadOnlyList<CaseStage> NextStages,
    IReadOnlyList<CaseEventView> History,
    IReadOnlyList<Choice> Mediators,
    IReadOnlyList<Choice> Advisers,
    CaseCapabilities Can,
    DateOnly Today,
    int ViewerStaffId,
    DateOnly? MediationChosenOn,
    DateOnly? LaToldOfMediationOn,
    IReadOnlyList<CaseBookingView> Bookings,
    CaseDecisionView Decision,
    CaseSharingView Sharing,
    CaseSupportView? Support,
    IReadOnlyList<Choice> DecisionMakers,
    IReadOnlyList<CaseCorrectionView>? Corrections = null,
    TriageAnswers? Answers = null,
    IReadOnlyList<DateOnly>? UnavailableDates = null);

/// <summary>
/// The family's supporters, for the service's own staff (another party never sees them): the advocacy referral they asked
/// for and their Independent Parental Supporter, with the rest of the pool to assign one from.
/// </summary>
public sealed record CaseSupportView(
    bool WantsAdvocacy,
    bool AdvocacyReferralDue,
    DateOnly? AdvocacyReferredOn,
    NoticeMethod? AdvocacyReferredHow,
    string? AdvocacyService,
    bool AdvocacyCanBeEmailed,
    bool WantsIps,
    string? Ips,
    string? IpsContact,
    DateOnly? IpsAssignedOn,
    IReadOnlyList<Choice> Supporters);

/// <summary>The family's consent to contact and share, and how much of the case the person looking may see.</summary>
/// <param name="ViewerSees">Everything for the service's own staff; for a local authority officer, what the consent lets them see.</param>
public sealed record CaseSharingView(SharingConsent Consent, DateOnly? AnsweredOn, NoticeMethod? AnsweredHow, DateTimeOffset? ChangedAt, PartyView ViewerSees);

/// <summary>The family's one decision about mediation, a change they asked for, and whether a change can be recorded now.</summary>
/// <param name="CannotChange">Why the decision cannot change now; null when it can (or when there is none yet).</param>
public sealed record CaseDecisionView(SessionChoice? Choice, DateTimeOffset? At, SessionChoice? Requested, DateTimeOffset? RequestedAt, string? CannotChange)
{
    public SessionChoice? Other => Choice switch
    {
        SessionChoice.TryMediation => SessionChoice.CertificateOnly,
        SessionChoice.CertificateOnly => SessionChoice.TryMediation,
        _ => null,
    };

    public static CaseDecisionView Of(Application row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var other = row.MediationChoice == SessionChoice.TryMediation ? SessionChoice.CertificateOnly : SessionChoice.TryMediation;
        return new(row.MediationChoice, row.MediationChoiceAt, row.RequestedChoice, row.RequestedChoiceAt,
            row.MediationChoice is null ? null : CaseFile.WhyTheChoiceCannotChange(row, other));
    }
}

/// <summary>A place the family has (or had) on an information session, for the case page.</summary>
/// <param name="AttendanceDue">The session has started and nobody has recorded whether the family came.</param>
public sealed record CaseBookingView(int SessionId, string Title, DateTimeOffset StartsAt, BookingStatus Status, bool? Attended, SessionChoice? Choice, bool AttendanceDue);

/// <summary>One case, for staff who may see it; every view is written to the audit log.</summary>
public sealed class CaseDetailsQuery(IDbContextFactory<PortalDbContext> contextFactory, WorkingDayCalendarSource calendars, ServiceDirectory services, TimeProvider clock)
{
    public async Task<CaseView?> HandleAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        if (staff is null)
        {
            return null;
        }

        var application = await db.Applications.AsNoTracking().VisibleTo(staff).Include(a => a.LocalAuthority).Include(a => a.Owner)
            .FirstOrDefaultAsync(a => a.Id == caseId && a.Status == ApplicationStatus.Submitted, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        AuditLog.Write(db, staff, "case-viewed", "application", application.Id.ToString(), now);
        await db.SaveChangesAsync(cancellationToken);

        var profile = CaseProfile.From(TriageAnswers.FromJson(application.AnswersJson));
        var meetings = await db.CaseMeetings.AsNoTracking().Include(m => m.People).Where(m => m.ApplicationId == caseId).ToListAsync(cancellationToken);
        meetings = [.. meetings.OrderBy(m => m.StartsAt)];
        var meeting = CaseFile.MainMeeting(meetings, application.Route);
        var history = await db.CaseEvents.AsNoTracking().Where(e => e.ApplicationId == caseId).OrderByDescending(e => e.At)
            .Select(e => new CaseEventView(e.At, e.ActorName, e.Kind, e.FromStage, e.ToStage, e.Note)).ToListAsync(cancellationToken);
        var parties = await CaseParties.OfAsync(db, application, cancellationToken);
        var view = CaseAccess.ViewFor(staff, application);
        // Another party (the local authority) never sees the service's own notes, and with "summary" only who asked and what
        // kind: not how to reach the family, nor what they or the history wrote.
        if (!(staff.IsAdviserOrManager || staff.IsMediator))
        {
            history = [.. history.Where(e => e.Kind != "note")];
        }

        if (view == PartyView.Summary)
        {
            history = [.. history.Select(e => e with { Note = null })];
            profile = profile.SummaryOnly();
            parties = parties with { Family = new FamilyContact(parties.Family.Name, null, null) };
        }
        var mediators = await StaffWithRoleAsync(db, [PortalRoles.Mediator], cancellationToken);
        var advisers = await StaffWithRoleAsync(db, [PortalRoles.Adviser, PortalRoles.Manager], cancellationToken);
        var areas = await db.Areas.AsNoTracking().Where(a => a.LocalAuthorityId == application.LocalAuthorityId && (a.IsActive || a.Id == application.AreaId))
            .OrderBy(a => a.Name).Select(a => new Choice(a.Id, a.Name)).ToListAsync(cancellationToken);
        var calculator = await calendars.CalculatorAsync(cancellationToken);
        // The family's places: those made for this application, and those its owner made before applying.
        var bookings = await db.SessionBookings.AsNoTracking()
            .Where(b => b.ApplicationId == caseId || (b.ApplicationId == null && b.UserId == application.OwnerId))
            .Where(b => b.Status != BookingStatus.Moved)
            .OrderBy(b => b.Session!.StartsAt)
            .Select(b => new CaseBookingView(b.SessionId, b.Session!.Title, b.Session.StartsAt, b.Status, b.Attended,
                b.ApplicationId == null ? b.Choice : b.Application!.MediationChoice,
                b.Status == BookingStatus.Booked && b.Attended == null && b.Session.StartsAt <= now))
            .ToListAsync(cancellationToken);
        CaseSupportView? support = null;
        if (staff.IsAdviserOrManager || staff.IsMediator)
        {
            var ips = application.IndependentSupporterId is { } ipsId ? await db.IndependentSupporters.AsNoTracking().FirstOrDefaultAsync(s => s.Id == ipsId, cancellationToken) : null;
            var pool = await db.IndependentSupporters.AsNoTracking().Where(s => s.IsActive && s.Id != application.IndependentSupporterId).OrderBy(s => s.Name).Select(s => new Choice(s.Id, s.Name)).ToListAsync(cancellationToken);
            var advocacy = (await services.GetAsync(cancellationToken)).Advocacy;
            support = new CaseSupportView(
                profile.WantsAdvocacy, CaseFile.AdvocacyDue(application, profile), application.AdvocacyReferredOn, application.AdvocacyReferredHow, advocacy?.Name, advocacy?.Email is not null,
                profile.WantsIps, ips?.Name, ips is null ? null : string.Join(", ", new[] { ips.Email, ips.Phone }.Where(x => x is not null)), application.IpsAssignedOn, pool);
        }

        var capabilities = CaseAccess.Capabilities(staff, application);
        // The corrections the family asked for, with the answers to correct, for those who may correct them.
        var corrections = capabilities.CorrectDetails
            ? await db.CorrectionRequests.AsNoTracking().Where(c => c.ApplicationId == caseId && c.Status == CorrectionStatus.Asked)
                .Select(c => new CaseCorrectionView(c.Id, c.StepKey, c.Question, c.Wanted, c.AskedAt)).ToListAsync(cancellationToken)
            : [];
        return new CaseView(
            application.Id, application.Reference ?? "", application.Route ?? "", application.Stage, application.LocalAuthority?.Name,
            application.SubmittedAt ?? application.CreatedAt, profile, parties,
            application.AreaId, areas, PhoneApplicationOwner.Is(application.Owner?.Subject),
            meeting,
            meetings,
            meeting is null ? null : CaseClocks.NoticeBy(application.Route ?? "", profile.IsAnnualReview, UkDates.DateIn(meeting.StartsAt), calculator)?.Date,
            CaseClocks.Running(CaseFactsBuilder.For(application, profile, meeting), calculator),
            CaseAccess.MovesFor(staff, application), history, mediators, advisers, capabilities, UkDates.DateIn(now), staff.StaffId,
            CaseFile.MediationChosen(application), application.LaToldOfMediationOn, bookings, CaseDecisionView.Of(application),
            new CaseSharingView(CaseFile.SharingOf(application), application.AskFirstAnsweredOn, application.AskFirstAnsweredHow, application.ConsentChangedAt, view),
            support,
            application.Route == AnswerKeys.Sen && (staff.IsAdviserOrManager || staff.IsMediator) ? [.. parties.LaOfficers.Select(o => new Choice(o.Id, o.Name))] : [],
            [.. corrections.OrderBy(c => c.AskedAt)],
            capabilities.CorrectDetails ? TriageAnswers.FromJson(application.AnswersJson) : null,
            capabilities.ScheduleMeeting ? Unavailability.Read(application.UnavailableDates, UkDates.DateIn(now)) : []);
    }

    private static async Task<List<Choice>> StaffWithRoleAsync(PortalDbContext db, string[] roles, CancellationToken cancellationToken) =>
        await db.StaffMembers.AsNoTracking().Where(s => s.IsActive && s.Roles.Any(r => roles.Contains(r.Role)))
            .OrderBy(s => s.DisplayName).Select(s => new Choice(s.Id, s.DisplayName)).ToListAsync(cancellationToken);
}
