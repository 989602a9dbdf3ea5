using ParentPortal.Data;
using ParentPortal.Data.Entities;

namespace ParentPortal.Platform.Cases;

/// <summary>Reading the actions people took on (<see cref="CaseActionPoint"/>) the one way the queue, the reports and the family's pages agree on.</summary>
public static class CaseActionQueries
{
    /// <summary>Actions of documents still standing: a withdrawn record's or agreement's actions are no longer followed.</summary>
    public static IQueryable<CaseActionPoint> Live(this IQueryable<CaseActionPoint> points, PortalDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return points.Where(a => db.CaseDocuments.Any(d => d.Id == a.DocumentId && d.RevokedAt == null));
    }
}
