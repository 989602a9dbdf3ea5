using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Calendar;

namespace ParentPortal.Features.Documents;

/// <summary>An action point as its owner sees it: what, by when, from which case's record, and whether it is done.</summary>
public sealed record OwnActionPoint(Guid Id, string Reference, string What, DateOnly Due, DateOnly? DoneOn);

/// <summary>
/// Each owner's own action points from issued meeting records (seed 004, issue 13 item 6). The record names the owner as one
/// of the attendees; when it is issued each point is kept as a row linked to the owner's staff account (the attendee's linked
/// account, or the one active staff account with the attendee's e-mail address) or to the family. Staff see theirs on "Your
/// action points" and say when each is done; the family see theirs under their application. Points from a withdrawn record
/// are not shown.
/// </summary>
public sealed class ActionPointsHandler(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    /// <summary>
    /// Makes the rows for a record being issued. <paramref name="familyName"/> is the family's name as the case has it;
    /// <paramref name="mayTell"/> says whether the family's consent lets us tell an attendee about the case (as it decides
    /// who is e-mailed the record), so a point is linked to a staff account only when its owner may be told.
    /// </summary>
    public static async Task AddForRecordAsync(PortalDbContext db, Guid caseId, Guid documentId, IReadOnlyList<MeetingActionForm> points, CaseMeeting? meeting, string? familyName, Func<MeetingAttendee, bool> mayTell, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(mayTell);
        var people = meeting?.People ?? [];
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            var owner = MeetingRecordsHandler.OwnerName(point.Owner);
            var attendee = people.FirstOrDefault(p => MeetingRecordsHandler.OwnerName(p.Name) == owner);
            db.CaseActionPoints.Add(new CaseActionPoint
            {
                Id = Guid.NewGuid(),
                ApplicationId = caseId,
                DocumentId = documentId,
                Number = i + 1,
                What = point.Action,
                Owner = point.Owner,
                OwnerStaffId = attendee is null || !mayTell(attendee) ? null : attendee.StaffId ?? await StaffByEmailAsync(db, attendee.Email, cancellationToken),
                OwnerIsFamily = attendee is null && familyName is not null && MeetingRecordsHandler.OwnerName(familyName) == owner,
                Due = point.Due!.Value,
            });
        }
    }

    /// <summary>The signed-in member of staff's open action points, soonest first (done ones from the last 30 days after them).</summary>
    public async Task<IReadOnlyList<OwnActionPoint>> MineAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await StaffAccess.ForAsync(db, user, cancellationToken) is not { } staff)
        {
            return [];
        }

        var since = UkDates.DateIn(clock.GetUtcNow()).AddDays(-30);
        return await ListAsync(db, db.CaseActionPoints.Where(a => a.OwnerStaffId == staff.StaffId && (a.DoneOn == null || a.DoneOn >= since)), cancellationToken);
    }

    /// <summary>The family's own action points on one of their cases; empty for anyone else.</summary>
    public async Task<IReadOnlyList<OwnActionPoint>> FamilyAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await ApplicationAccess.UserIdAsync(db, user, cancellationToken) is not { } userId)
        {
            return [];
        }

        return await ListAsync(db, db.CaseActionPoints.Where(a => a.ApplicationId == caseId && a.OwnerIsFamily
            && db.Applications.Any(x => x.Id == caseId && x.OwnerId == userId && x.Status == ApplicationStatus.Submitted)), cancellationToken);
    }

    /// <summary>The owner says the action is done (or, <paramref name="done"/> false, that it is not after all). Only its owner may.</summary>
    public async Task<bool> MarkDoneAsync(ClaimsPrincipal user, Guid actionPointId, bool done = true, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await StaffAccess.ForAsync(db, user, cancellationToken) is not { } staff)
        {
            return false;
        }

        var point = await Live(db, db.CaseActionPoints).FirstOrDefaultAsync(a => a.Id == actionPointId && a.OwnerStaffId == staff.StaffId, cancellationToken);
        if (point is null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        point.DoneOn = done ? UkDates.DateIn(now) : null;
        point.DoneBy = done ? staff.Name : null;
        AuditLog.Write(db, staff, done ? "action-point-done" : "action-point-reopened", "action-point", point.Id.ToString(), now);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static IQueryable<CaseActionPoint> Live(PortalDbContext db, IQueryable<CaseActionPoint> points) =>
        points.Where(a => db.CaseDocuments.Any(d => d.Id == a.DocumentId && d.RevokedAt == null));

    private static async Task<IReadOnlyList<OwnActionPoint>> ListAsync(PortalDbContext db, IQueryable<CaseActionPoint> points, CancellationToken cancellationToken)
    {
        var rows = await Live(db, points).AsNoTracking()
            .Select(a => new { a.Id, Reference = db.Applications.Where(x => x.Id == a.ApplicationId).Select(x => x.Reference).FirstOrDefault(), a.What, a.Due, a.DoneOn, a.Number })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.DoneOn is not null).ThenBy(r => r.Due).ThenBy(r => r.Reference, StringComparer.Ordinal).ThenBy(r => r.Number)
            .Select(r => new OwnActionPoint(r.Id, r.Reference ?? "", r.What, r.Due, r.DoneOn))];
    }

    private static async Task<int?> StaffByEmailAsync(PortalDbContext db, string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        // Addresses are kept as typed: compared ignoring case, in memory (a staff list is short). Linked only when one account has it.
        var staff = await db.StaffMembers.AsNoTracking().Where(s => s.IsActive && s.Email != null).Select(s => new { s.Id, s.Email }).ToListAsync(cancellationToken);
        var ids = staff.Where(s => string.Equals(s.Email!.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase)).Select(s => s.Id).Take(2).ToList();
        return ids.Count == 1 ? ids[0] : null;
    }
}
