using ParentPortal.Domain.Text;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Deadlines;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Features.Booking;

public sealed record ChoiceResult(bool Succeeded, Wording Message, Deadline? Clock = null);

/// <summary>
/// After the information session the parent says, in their own time, whether they want to try mediation
/// or only need the certificate. The first asks the service to tell the local authority (whose 30 days to arrange
/// mediation start when it is told); the second starts the 3 working days to issue the certificate. Either can be changed later by an adviser.
/// </summary>
public sealed class RecordChoiceHandler(IDbContextFactory<PortalDbContext> contextFactory, CaseFiles cases, LocalAuthorityNotices notices, WorkingDayCalendarSource calendars, TimeProvider clock)
{
    public async Task<ChoiceResult> HandleAsync(ClaimsPrincipal user, Guid bookingId, SessionChoice choice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Enum.IsDefined(choice))
        {
            return new(false, "Select what you would like to do next");
        }

        var now = clock.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var userId = await ApplicationAccess.UserIdAsync(db, user, cancellationToken);
        var booking = userId is null ? null : await db.SessionBookings.Include(b => b.Session).Include(b => b.Application)
            .FirstOrDefaultAsync(b => b.Id == bookingId && b.UserId == userId, cancellationToken);
        if (booking?.Session is null)
        {
            return new(false, "We could not find that booking.");
        }

        if (booking.Status != BookingStatus.Booked || booking.Session.StartsAt > now)
        {
            return new(false, "You can tell us what you want to do once you have been to the session.");
        }

        // Only someone who came to the session decides after it: a no-show books another (the law's information
        // session is the step before the certificate), and nobody starts a clock before the host has recorded who came.
        if (booking.Attended == false)
        {
            return new(false, NoShowMessage);
        }

        if (booking.Attended is null)
        {
            return new(false, AttendanceNotYetRecordedMessage);
        }

        // One decision, recorded once: a place made for an application keeps it on the application (the case), where the
        // adviser records it too; a place made before applying keeps it on the booking until the family applies.
        LocalAuthorityNotice? laNotice = null;
        var family = CaseActor.Family(user.Subject()!, await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken));
        switch (booking.Application)
        {
            case { MediationChoice: { } recorded } decided:
                return new(false, AlreadyToldMessage(recorded, decided.MediationChoiceAt));
            case { Status: ApplicationStatus.Submitted } application:
                var file = cases.Open(db, application, family);
                file.RecordChoice(choice);
                file.Record("decision-recorded", choice == SessionChoice.TryMediation ? "Wants to try mediation (after the information session)" : "Only needs the certificate (after the information session)");
                laNotice = choice == SessionChoice.TryMediation ? await notices.MediationChosenAsync(file, cancellationToken) : null;
                if (!await file.SaveAsync(cancellationToken))
                {
                    return new(false, "Something changed on your case at the same moment. Please try again.");
                }

                break;
            case { } draft:
                CaseFile.RecordChoiceOnDraft(draft, choice, now);
                await db.SaveChangesAsync(cancellationToken);
                break;
            default:
                if (booking.Choice is { } told)
                {
                    return new(false, AlreadyToldMessage(told, booking.ChoiceMadeAt));
                }

                booking.Choice = choice;
                booking.ChoiceMadeAt = now;
                await db.SaveChangesAsync(cancellationToken);
                break;
        }

        if (laNotice is not null)
        {
            return new(true, Wording.Format("Thank you. We have told the local authority that you want to try mediation. It has until {0} to arrange it.", WordingPart.LongDate(laNotice.MediationBy.Date)), laNotice.MediationBy);
        }

        var calculator = await calendars.CalculatorAsync(cancellationToken);
        var day = UkDates.DateIn(now);
        var started = choice == SessionChoice.TryMediation
            ? calculator.TellLocalAuthorityBy(day)
            : calculator.CertificateDueBy(day, CertificateTrigger.NotPursuingMediation);
        return new(true, choice == SessionChoice.TryMediation
            ? "Thank you. We will tell the local authority that you want to try mediation. It then has 30 days to arrange it."
            : "Thank you. The mediation adviser will send your certificate.", started);
    }

    public static Wording AlreadyToldMessage(SessionChoice recorded, DateTimeOffset? at)
    {
        const string after = " If you have changed your mind, ask to change it: your adviser will talk it through with you before anything changes.";
        var mediation = recorded == SessionChoice.TryMediation;
        return at is { } when
            ? Wording.Format((mediation ? "You have already told us on {0} that you want to try mediation." : "You have already told us on {0} that you only need the certificate.") + after,
                WordingPart.LongDate(UkDates.DateIn(when)))
            : (mediation ? "You have already told us that you want to try mediation." : "You have already told us that you only need the certificate.") + after;
    }

    public const string NoShowMessage = "Our records show you could not come to this session. To decide about mediation you need to have been to one: book a place at another session below.";

    public const string AttendanceNotYetRecordedMessage = "Once the session's host has recorded that you came, you can tell us here what you would like to do. If you came and this has not changed in a couple of working days, call the helpline.";

    /// <summary>The clock a recorded choice started, for advisers' views.</summary>
    public static Deadline? ClockFor(DeadlineCalculator calculator, SessionChoice? choice, DateTimeOffset? madeAt)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        if (choice is null || madeAt is null)
        {
            return null;
        }

        var day = UkDates.DateIn(madeAt.Value);
        return choice == SessionChoice.TryMediation
            ? calculator.TellLocalAuthorityBy(day)
            : calculator.CertificateDueBy(day, CertificateTrigger.NotPursuingMediation);
    }
}
