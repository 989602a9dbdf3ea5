using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Features.Apply;

/// <param name="ConfirmSharing">A professional's referral: the family is asked next to confirm who we may contact and what we may share (issue 13 item 3).</param>
public sealed record ClaimResult(bool Succeeded, string Message, Guid? ApplicationId = null, bool ConfirmSharing = false);

/// <summary>
/// The family, signed in, takes over an application an adviser filled in with them on the phone, with the one-time code the
/// adviser gave them; from then on it is theirs, with everything entered for them and the bookings made for it.
/// </summary>
public sealed class ClaimApplicationHandler(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    /// <summary>The same answer for a wrong, expired or retired code, and for an application someone already has.</summary>
    private const string CodeNotWorked = "That code has not worked. Check it, or call the helpline for a new one.";

    /// <summary>The family, signed in, takes the application over with the code.</summary>
    public async Task<ClaimResult> HandleAsync(ClaimsPrincipal user, string? code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var normalised = InvitationCodes.Normalise(code);
        if (normalised is null)
        {
            return new(false, "Enter the code exactly as we gave it to you: 10 letters and numbers");
        }

        var subject = user.Subject();
        if (subject is null || subject.StartsWith(PhoneApplicationOwner.Prefix, StringComparison.Ordinal))
        {
            return new(false, "Sign in first.");
        }

        var now = clock.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await StaffAccess.ForAsync(db, user, cancellationToken) is not null)
        {
            return new(false, "Staff cannot take over a family's application. Sign in with the family's own account.");
        }

        var hash = InvitationCodes.Hash(normalised);
        var invitation = await db.ApplicationInvitations.FirstOrDefaultAsync(i => i.CodeHash == hash, cancellationToken);
        if (invitation is null || invitation.ClaimedAt is not null || invitation.ExpiresAt <= now)
        {
            return new(false, CodeNotWorked);
        }

        // One claim per code, even when two people try it at once: the conditional update decides, in one transaction with the move.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.ApplicationInvitations.Where(i => i.Id == invitation.Id && i.ClaimedAt == null).ExecuteUpdateAsync(i => i.SetProperty(x => x.ClaimedAt, now), cancellationToken) != 1)
        {
            return new(false, "That code has already been used. If it was not you, call the helpline.");
        }

        var application = await db.Applications.Include(a => a.Owner).FirstAsync(a => a.Id == invitation.ApplicationId, cancellationToken);
        if (application.Owner is not { } placeholder || !placeholder.Subject.StartsWith(PhoneApplicationOwner.Prefix, StringComparison.Ordinal))
        {
            // Someone has already taken the application over: a spare code never takes it from them.
            return new(false, CodeNotWorked);
        }

        var me = await db.Users.FirstOrDefaultAsync(u => u.Subject == subject, cancellationToken);
        if (me is null)
        {
            me = new PortalUser { Id = Guid.NewGuid(), Subject = subject, DisplayName = user.FindFirst("name")?.Value, FirstSignedInAt = now, LastSignedInAt = now };
            db.Users.Add(me);
            await db.SaveChangesAsync(cancellationToken);
        }

        // The owner changes only while it is still the phone placeholder, decided by the database, not by what was read above.
        var placeholderId = placeholder.Id;
        if (await db.Applications.Where(a => a.Id == application.Id && a.OwnerId == placeholderId)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.OwnerId, me.Id).SetProperty(x => x.Version, x => x.Version + 1), cancellationToken) != 1)
        {
            return new(false, CodeNotWorked);
        }

        invitation.ClaimedAt = now;
        invitation.ClaimedByUserId = me.Id;
        // The family has the application: any other code given for it stops working.
        await db.ApplicationInvitations.RetireUsableAsync(application.Id, now, cancellationToken, except: invitation.Id);
        // Bookings made for the family by an adviser move with the application.
        await db.SessionBookings.Where(b => b.ApplicationId == application.Id && b.UserId == placeholderId)
            .ExecuteUpdateAsync(b => b.SetProperty(x => x.UserId, me.Id), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await ForgetPlaceholderAsync(placeholderId, cancellationToken);
        return new(true, "The application is now in your account.", application.Id,
            application.Status == ApplicationStatus.Submitted && ParentPortal.Domain.Triage.TriageAnswers.FromJson(application.AnswersJson).IsProfessional);
    }

    /// <summary>
    /// The sign-in record the adviser made on the phone holds the caller's name and e-mail: once the family has
    /// taken over everything it owned, it goes. Anything still linked to it keeps it (the retention job removes it later).
    /// </summary>
    private async Task ForgetPlaceholderAsync(Guid placeholderId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Applications.AnyAsync(a => a.OwnerId == placeholderId, cancellationToken) || await db.SessionBookings.AnyAsync(b => b.UserId == placeholderId, cancellationToken))
        {
            return;
        }

        try
        {
            await db.Users.Where(u => u.Id == placeholderId && u.Subject.StartsWith(PhoneApplicationOwner.Prefix)).ExecuteDeleteAsync(cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            // Still referenced somewhere: left for the retention job.
        }
    }

}
