using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Privacy;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Platform.Cases;

/// <summary>A member of staff on a case, as the staff list has them now.</summary>
public sealed record CaseStaff(int Id, string Name, string? Email);

/// <summary>
/// Who is on a case: the family, its adviser, its mediator or facilitator, and (for SEN and facilitation cases the local
/// authority may see, never a bullying complaint) the officers of its local authority. Read in one place, so every message and every list of parties agrees.
/// </summary>
public sealed record CaseParties(FamilyContact Family, CaseStaff? Adviser, CaseStaff? Mediator, IReadOnlyList<CaseStaff> LaOfficers)
{
    public static async Task<CaseParties> OfAsync(PortalDbContext db, Application application, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(application);
        var family = await FamilyOfAsync(db, application, CaseProfile.From(TriageAnswers.FromJson(application.AnswersJson)), cancellationToken);
        var ids = new[] { application.AdviserId, application.AssignedStaffId }.Where(id => id is not null).Select(id => id!.Value).ToList();
        // The local authority's officers are parties only where the family's consent (or the law) lets the LA see the case.
        var laId = application.Route == AnswerKeys.Bullying || application.LocalAuthorityView == PartyView.Nothing ? null : application.LocalAuthorityId;
        var staff = await db.StaffMembers.AsNoTracking()
            .Where(s => ids.Contains(s.Id) || (laId != null && s.IsActive && s.LocalAuthorityId == laId && s.Roles.Any(r => r.Role == PortalRoles.LaOfficer)))
            .Select(s => new { s.Id, s.DisplayName, s.Email, s.IsActive, s.LocalAuthorityId, IsOfficer = s.Roles.Any(r => r.Role == PortalRoles.LaOfficer) })
            .ToListAsync(cancellationToken);
        CaseStaff? Person(int? id) => staff.FirstOrDefault(s => s.Id == id) is { } s ? new CaseStaff(s.Id, s.DisplayName, s.IsActive ? s.Email : null) : null;
        return new CaseParties(
            family,
            Person(application.AdviserId),
            Person(application.AssignedStaffId),
            [.. staff.Where(s => laId != null && s.IsActive && s.IsOfficer && s.LocalAuthorityId == laId).OrderBy(s => s.DisplayName).Select(s => new CaseStaff(s.Id, s.DisplayName, s.Email))]);
    }

    /// <summary>The family's contact (see <see cref="FamilyContact"/>), with the owner's name and e-mail read from their sign-in record.</summary>
    public static async Task<FamilyContact> FamilyOfAsync(PortalDbContext db, Application application, CaseProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(application);
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == application.OwnerId).Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync(cancellationToken);
        return FamilyContact.Of(profile, owner?.DisplayName, owner?.Email);
    }
}
