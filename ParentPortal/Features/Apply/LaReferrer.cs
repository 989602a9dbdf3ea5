using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;

namespace ParentPortal.Features.Apply;

/// <summary>
/// A local authority officer referring a family, or asking for a facilitator for a meeting they organise, from their own
/// staff account (issue 13 item 3). They answer the same questions as a school's SENCo, as someone who works with the family
/// at the local authority; the application is the family's, who take it over with a code, and the officer then sees only its
/// status (and, as an LA officer, what the family agreed to share).
/// </summary>
public static class LaReferrer
{
    public const string Step = "applicant";

    /// <summary>The signed-in person as an active LA officer, read from the staff list; null for anyone else.</summary>
    public static async Task<StaffContext?> OfficerAsync(PortalDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await StaffAccess.ForAsync(db, user, cancellationToken) is { IsLaOfficer: true, IsAdviserOrManager: false, IsMediator: false } officer ? officer : null;

    /// <summary>The officer's draft starts with who they are and where they work (shown on the pages, saved only when they continue).</summary>
    public static async Task<TriageAnswers> PrefillAsync(PortalDbContext db, TriageAnswers answers, StaffContext officer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(officer);
        var values = new Dictionary<string, string>(answers.Values, StringComparer.Ordinal)
        {
            [AnswerKeys.Applicant] = "professional",
            [AnswerKeys.ReferrerName] = officer.Name,
            [AnswerKeys.ProfessionalType] = "local-authority",
        };
        if (officer.LocalAuthorityId is { } laId && !values.ContainsKey(AnswerKeys.LocalAuthority)
            && await db.LocalAuthorities.AsNoTracking().Where(l => l.Id == laId && l.IsActive).Select(l => l.Code).FirstOrDefaultAsync(cancellationToken) is { } code)
        {
            values[AnswerKeys.LocalAuthority] = code;
        }

        return TriageAnswers.From(values, answers.CompletedSteps);
    }

    /// <summary>An officer's account applies only as the local authority's professional: a parent applies from their own account.</summary>
    public static FieldError? Refusal(IReadOnlyDictionary<string, string?> values, StaffContext? officer)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (officer is null)
        {
            return null;
        }

        if (values.GetValueOrDefault(AnswerKeys.Applicant) != "professional")
        {
            return new FieldError(AnswerKeys.Applicant, "You are signed in with a local authority account, so choose \"I work with the family\". A parent, carer or young person applies from their own account");
        }

        return values.GetValueOrDefault(AnswerKeys.ProfessionalType) == "local-authority"
            ? null
            : new FieldError(AnswerKeys.ProfessionalType, "You are signed in with a local authority account, so choose \"The local authority\"");
    }
}
