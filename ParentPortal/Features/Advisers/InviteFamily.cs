using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Identity;
using ParentPortal.Platform.Messaging;
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
        // One code works at a time: a new one retires any the family was given before.
        await db.ApplicationInvitations.RetireUsableAsync(application.Id, now, cancellationToken);
        var code = InvitationCodes.New();
        var invitationId = Guid.NewGuid();
        db.ApplicationInvitations.Add(new ApplicationInvitation
        {
            Id = invitationId,
            ApplicationId = application.Id,
            CodeHash = InvitationCodes.Hash(code),
            CreatedAt = now,
            ExpiresAt = now + InvitationCodes.Lifetime,
            CreatedBySubject = staff.Subject,
        });
        var address = FamilyContact.Of(CaseProfile.From(TriageAnswers.FromJson(application.AnswersJson)), application.Owner.DisplayName, application.Owner.Email).Email;
        if (address is not null)
        {
            var profile = await services.GetAsync(cancellationToken);
            await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
            {
                Kind = InvitationCodes.MessageKind,
                ToAddress = address,
                ToName = application.Owner.DisplayName,
                Subject = "Your application: take it over in the portal",
                Body = $"""
                    An adviser at {profile.Name} has filled in an application with you over the phone.

                    To see it, and to follow it from now on, sign in to the portal, choose "Your applications" and then "I have a code", and enter:

                    {code}

                    The code works once and until {UkDates.LongDate(UkDates.DateIn(now + InvitationCodes.Lifetime))}.
                    """,
                About = MessageAbout.Application(application, invitationId: invitationId),
                // The code takes over the family's case: once it is on its way, our copy keeps only that it was sent.
                SecretInBody = code,
            }, now, cancellationToken);
        }

        AuditLog.Write(db, staff, "invitation-created", "application", application.Id.ToString(), now);
        await db.SaveChangesAsync(cancellationToken);
        return new(true, address is null
            ? "Read this code to the family. They sign in, choose \"I have a code\" and enter it."
            : "We have e-mailed the code to the family. You can also read it to them.", code);
    }
}
