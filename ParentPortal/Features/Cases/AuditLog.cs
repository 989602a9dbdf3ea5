using ParentPortal.Data;
using ParentPortal.Data.Entities;

namespace ParentPortal.Features.Cases;

/// <summary>Writes who looked at or changed what, in the caller's transaction. Ids only: never names or answers.</summary>
public static class AuditLog
{
    public static void Write(PortalDbContext db, StaffContext staff, string action, string targetType, string? targetId, DateTimeOffset now, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(staff);
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            ActorSubject = staff.Subject,
            ActorRoles = staff.RolesText,
            Action = action,
            TargetType = targetType,
            TargetId = targetId,
            Detail = detail is { Length: > 500 } ? detail[..500] : detail,
        });
    }
}
