using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Features.Apply;

/// <summary>A referral as the professional who made it sees it: its reference, what kind of help, when, and where it stands. Nothing the family wrote.</summary>
public sealed record ReferralStatus(string Reference, string Route, DateTimeOffset SentAt, string Status);

/// <summary>
/// "Your referrals" (issue 13 item 3): a school's or a local authority's professional who referred a family from their own
/// account sees only each referral's status. The application itself is the family's, in their account once they take it
/// over; the referrer never sees its answers, its documents or its case.
/// </summary>
public sealed class ListReferralsHandler(IDbContextFactory<PortalDbContext> contextFactory)
{
    public async Task<IReadOnlyList<ReferralStatus>> HandleAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Subject() is not { } subject)
        {
            return [];
        }

        // The referrer is the account that filled the application in (as GetApplicationHandler.ReferralAsync finds it) and
        // answered "I work with the family"; an adviser's phone applications are not referrals.
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Applications.AsNoTracking()
            .Where(a => a.CreatedBySubject == subject && a.Status == ApplicationStatus.Submitted)
            .Select(a => new { a.Reference, a.Route, a.SubmittedAt, a.Stage, a.AnswersJson, OwnerSubject = a.Owner!.Subject })
            .ToListAsync(cancellationToken);
        return [.. rows.Where(r => TriageAnswers.FromJson(r.AnswersJson).IsProfessional).OrderByDescending(r => r.SubmittedAt).Select(r => new ReferralStatus(
            r.Reference ?? "", r.Route ?? "", r.SubmittedAt ?? DateTimeOffset.MinValue,
            r.Stage == CaseStage.Closed ? "Closed"
            : PhoneApplicationOwner.Is(r.OwnerSubject) ? "Sent to the family: waiting for them to take it over"
            : "The family has taken it over: we are working with them"))];
    }
}
