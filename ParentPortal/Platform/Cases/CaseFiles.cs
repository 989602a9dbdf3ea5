using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Platform.Cases;

public sealed record CaseChangeResult(bool Succeeded, IReadOnlyList<FieldError> Errors, string? Message = null)
{
    public const string NotFound = "We could not find that case.";

    public const string Conflict = "Someone else changed this case at the same moment. Reload the page and try again.";

    public static CaseChangeResult Ok(string message) => new(true, [], message);

    public static CaseChangeResult Refused(string message, string field = "") => new(false, [new FieldError(field, message)]);
}

/// <summary>Opens cases for a change: found, checked against who is asking, and tracked in the caller's DbContext.</summary>
public sealed class CaseFiles(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock, Hosting.PublicAddress? links = null, Microsoft.Extensions.Localization.IStringLocalizer<Localisation.FamilyText>? text = null)
{
    /// <summary>A submitted case this member of staff may see, for one change; null for anyone who may not see it (or when there is none).</summary>
    public async Task<CaseFile?> OpenForStaffAsync(PortalDbContext db, ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        if (staff is null)
        {
            return null;
        }

        var row = await db.Applications.VisibleTo(staff).Include(a => a.LocalAuthority)
            .FirstOrDefaultAsync(a => a.Id == caseId && a.Status == ApplicationStatus.Submitted, cancellationToken);
        return row is null ? null : new CaseFile(db, row, CaseActor.Of(staff), clock.GetUtcNow()) { Links = links, Text = text };
    }

    /// <summary>
    /// The signed-in family's own sent application, opened as a case for them (tracked, to change); null for anyone else
    /// (another family, staff, a draft). The history names them as their account does.
    /// </summary>
    public async Task<CaseFile?> OpenForFamilyAsync(PortalDbContext db, ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await ApplicationAccess.OwnedAsync(db, user, caseId, cancellationToken) is not { Status: ApplicationStatus.Submitted } row)
        {
            return null;
        }

        var name = await db.Users.AsNoTracking().Where(u => u.Id == row.OwnerId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        return new CaseFile(db, row, CaseActor.Family(user.Subject()!, name), clock.GetUtcNow()) { Links = links, Text = text };
    }

    /// <summary>A case already read (tracked) in <paramref name="db"/> by a handler that checked who is asking, opened for <paramref name="actor"/>.</summary>
    public CaseFile Open(PortalDbContext db, Application row, CaseActor actor)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(actor);
        if (row.Status != ApplicationStatus.Submitted)
        {
            throw new InvalidOperationException("Only a sent application is a case.");
        }

        return new CaseFile(db, row, actor, clock.GetUtcNow()) { Links = links, Text = text };
    }

    /// <summary>
    /// One change by a member of staff, in its own DbContext: the case must be one they can see, the change one their role
    /// permits here (<paramref name="allowed"/>); the change (given the same DbContext for anything else it reads) records itself, and is saved with the concurrency check.
    /// </summary>
    public async Task<CaseChangeResult> ChangeAsync(
        ClaimsPrincipal user,
        Guid caseId,
        Func<CaseCapabilities, bool> allowed,
        Func<CaseFile, PortalDbContext, Task<CaseChangeResult>> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(allowed);
        ArgumentNullException.ThrowIfNull(change);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var file = await OpenForStaffAsync(db, user, caseId, cancellationToken);
        if (file is null)
        {
            return CaseChangeResult.Refused(CaseChangeResult.NotFound);
        }

        if (!allowed(file.Can))
        {
            return CaseChangeResult.Refused("Your role does not allow this on this case.");
        }

        var result = await change(file, db);
        if (!result.Succeeded)
        {
            return result;
        }

        return await file.SaveAsync(cancellationToken) ? result : CaseChangeResult.Refused(CaseChangeResult.Conflict);
    }
}
