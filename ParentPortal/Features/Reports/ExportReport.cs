using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Platform.Access;

namespace ParentPortal.Features.Reports;

public sealed record ReportExport(byte[] Content, string FileName);

/// <summary>The report as a CSV file for a manager; every export is written to the audit log (the period only).</summary>
public sealed class ExportReportHandler(ReportsQuery reports, IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    public const string AuditAction = "report-exported";
    public const string AuditTarget = "report";

    public async Task<ReportExport?> HandleAsync(ClaimsPrincipal user, ReportPeriod period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(period);
        if (await reports.HandleAsync(user, period, cancellationToken) is not { } report)
        {
            return null;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(AuditLog.Entry(user, AuditAction, AuditTarget, null, clock.GetUtcNow(), $"from {period.FromText} to {period.ToText}"));
        await db.SaveChangesAsync(cancellationToken);
        return new ReportExport(ReportCsv.ToBytes(report), ReportCsv.FileName(report));
    }
}
