using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Features.Booking;

/// <summary>
/// The family changed their mind about mediation after telling us: the decision does not change by itself (a certificate may
/// already be issued, the local authority told), so it becomes a request their adviser sees on the case and acts on.
/// </summary>
public sealed class RequestChoiceChangeHandler(IDbContextFactory<PortalDbContext> contextFactory, CaseFiles cases)
{
    public const string SentMessage = "Thank you. We have asked your adviser to change your decision. They will contact you to talk it through, and nothing changes until they have.";

    public async Task<ChoiceResult> HandleAsync(ClaimsPrincipal user, Guid bookingId, SessionChoice to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!Enum.IsDefined(to))
        {
            return new(false, "Select what you would now like to do");
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var userId = await ApplicationAccess.UserIdAsync(db, user, cancellationToken);
        var application = userId is null ? null : await db.SessionBookings
            .Where(b => b.Id == bookingId && b.UserId == userId && b.Application!.OwnerId == userId && b.Application.Status == ApplicationStatus.Submitted)
            .Select(b => b.Application!)
            .FirstOrDefaultAsync(cancellationToken);
        if (application?.MediationChoice is not { } current)
        {
            return new(false, "We could not find a decision to change. If you need to, call the helpline.");
        }

        if (current == to)
        {
            return new(false, "That is already your decision: there is nothing to change.");
        }

        if (application.RequestedChoice == to)
        {
            return new(true, "You have already asked. Your adviser will contact you to talk it through.");
        }

        var file = cases.Open(db, application, CaseActor.Family(user.Subject()!, await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken)));
        file.RequestChoiceChange(to);
        file.Record("decision-change-requested", to == SessionChoice.TryMediation ? "The family asked to try mediation after all" : "The family asked for only the certificate instead of mediation");
        return await file.SaveAsync(cancellationToken)
            ? new(true, SentMessage)
            : new(false, "Something changed on your case at the same moment. Please try again.");
    }
}
