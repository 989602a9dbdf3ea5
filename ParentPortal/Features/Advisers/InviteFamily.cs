using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Identity;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Advisers;

public sealed record InvitationResult(bool Succeeded, string Message, string? Code = null);

/// <summary>A one-time code for the family to take over an application an adviser filled in with them on the phone.</summary>
public sealed class InviteFamilyHandler(IDbContextFactory<PortalDbContext> contextFactory, ServiceDirectory services, TimeProvider clock)
{
    /// <summary>A one-time code for the family to take the application over; sent by e-mail when there is an address.</summary>
    public async Task<InvitationResult> HandleAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        var application = staff is { IsAdviserOrManager: true } ? await db.Applications.VisibleTo(staff).Include(a => a.Owner).FirstOrDefaultAsync(a => a.Id == applicationId, cancellationToken) : null;
        if (staff is null || application?.Owner is null)
        {
            return new(false, "We could not find that application.");
        }

        if (!application.Owner.Subject.StartsWith(PhoneApplicationOwner.Prefix, StringComparison.Ordinal))
        {
            return new(false, "The family already has this application in their own account.");
        }

        var now = clock.GetUtcNow();
        var profile = await services.GetAsync(cancellationToken);
        var answers = CaseProfile.From(TriageAnswers.FromJson(application.AnswersJson));
        var family = FamilyContact.Of(answers, application.Owner.DisplayName, application.Owner.Email);
        var (code, emailed) = await FamilyInvitations.IssueAsync(db, application, family, FamilyInvitations.Why(answers, profile.Name, application.Reference), staff.Subject, now, cancellationToken);
        AuditLog.Write(db, staff, "invitation-created", "application", application.Id.ToString(), now);
        await db.SaveChangesAsync(cancellationToken);
        return new(true, !emailed
            ? "Read this code to the family. They sign in, choose \"I have a code\" and enter it."
            : "We have e-mailed the code to the family. You can also read it to them.", code);
    }
}
