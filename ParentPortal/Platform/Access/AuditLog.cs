using System.Security.Claims;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Platform.Access;

/// <summary>Writes who looked at or changed what, in the caller's transaction. Ids only: never names or answers.</summary>
public static class AuditLog
{
    public static void Write(PortalDbContext db, StaffContext staff, string action, string targetType, string? targetId, DateTimeOffset now, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(staff);
        Write(db, staff.Subject, staff.RolesText, action, targetType, targetId, now, detail);
    }

    /// <param name="actorRoles">The staff roles, or "family" or "system" when a family or the portal itself acts.</param>
    public static void Write(PortalDbContext db, string actorSubject, string actorRoles, string action, string targetType, string? targetId, DateTimeOffset now, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.AuditEntries.Add(Entry(actorSubject, actorRoles, action, targetType, targetId, now, detail));
    }

    /// <summary>An audit row for someone acting with the roles of their sign-in (service settings, reports), each role named.</summary>
    public static AuditEntry Entry(ClaimsPrincipal actor, string action, string targetType, string? targetId, DateTimeOffset now, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Entry(actor.Subject() ?? "", string.Join(',', PortalRoles.All.Where(actor.IsInRole)), action, targetType, targetId, now, detail);
    }

    public static AuditEntry Entry(string actorSubject, string actorRoles, string action, string targetType, string? targetId, DateTimeOffset now, string? detail = null) =>
        new()
        {
            At = now,
            ActorSubject = actorSubject,
            ActorRoles = actorRoles,
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Detail = detail is { Length: > 500 } ? detail[..500] : detail,
        };
}
