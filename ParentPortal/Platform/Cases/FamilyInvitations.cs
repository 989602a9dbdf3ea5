using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Messaging;

namespace ParentPortal.Platform.Cases;

/// <summary>
/// The one-time code a family takes over an application with, when someone else filled it in: an adviser on the phone
/// (Advisers), or a professional's referral (Apply). One code works at a time; it goes by e-mail to the family's own
/// address (never the referrer's), in the same transaction as the change that made it.
/// </summary>
public static class FamilyInvitations
{
    /// <summary>The e-mail's first paragraph: who filled the application in (a referral names only the referrer's job and organisation).</summary>
    public static string Why(CaseProfile profile, string serviceName, string? reference)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var quote = reference is null ? "" : $" Its reference is {reference}.";
        return profile.IsReferral
            ? $"Someone who works with your family{(string.IsNullOrWhiteSpace(profile.ReferrerRole) ? "" : $" ({profile.ReferrerRole})")} has asked {serviceName} to help you, with your agreement, and has sent us an application for you.{quote} We will contact you, not them, about it."
            : $"An adviser at {serviceName} has filled in an application with you over the phone.{quote}";
    }

    /// <param name="why">The first paragraph of the e-mail: who filled the application in.</param>
    /// <returns>The code (to read to the family), and whether it was e-mailed to them.</returns>
    public static async Task<(string Code, bool Emailed)> IssueAsync(PortalDbContext db, Application application, FamilyContact family, string why, string createdBySubject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(family);
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
            CreatedBySubject = createdBySubject,
        });
        if (family.Email is null)
        {
            return (code, false);
        }

        await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
        {
            Kind = InvitationCodes.MessageKind,
            ToAddress = family.Email,
            ToName = family.Name,
            Subject = "Your application: take it over in the portal",
            Body = $"""
                {why}

                To see it, and to follow it from now on, sign in to the portal, choose "Your applications" and then "I have a code", and enter:

                {code}

                The code works once and until {UkDates.LongDate(UkDates.DateIn(now + InvitationCodes.Lifetime))}.
                """,
            About = MessageAbout.Application(application, invitationId: invitationId),
            // The code takes over the family's case: once it is on its way, our copy keeps only that it was sent.
            SecretInBody = code,
        }, now, cancellationToken);
        return (code, true);
    }
}
