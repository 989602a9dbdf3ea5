using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Features.Documents.Models;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Identity;
using ParentPortal.Platform.Messaging;

namespace ParentPortal.Features.Documents;

/// <summary>Where an action stands: done, not done yet, or not done by its date.</summary>
public enum ActionStatus
{
    Due,
    Late,
    Done,
}

/// <summary>An action as someone on the case sees it: what, who, by when, from which case's document, and where it stands.</summary>
/// <param name="FamilySaysNotDoneOn">The day the family told us it has not happened, while it is not done.</param>
public sealed record CaseAction(Guid Id, Guid CaseId, string Reference, ActionSource Source, string What, string Who, DateOnly Due, DateOnly? DoneOn, ActionStatus Status, DateOnly? FamilySaysNotDoneOn, bool FamilyOwns);

/// <summary>
/// The actions people took on, followed to done: each owner's action points from issued meeting records (seed 004, issue 13
/// item 6), and every action agreed in mediation (SEND Regulations 2014 reg 42, issue 14 item 5). When a record is issued
/// or everyone has signed an agreement, each action is kept as a row; a meeting record's is linked to its owner's staff
/// account (the attendee's linked account, or the one active staff account with the attendee's e-mail address) or to the
/// family. Staff see theirs on "Your action points"; the case's staff see all of a case's; the family see their own action
/// points and every agreed action under their application, and can tell us one has not happened. An action not done by its
/// date is late, on the family's page and in the queue. A withdrawn document's actions are not shown.
/// </summary>
public sealed class ActionPointsHandler(IDbContextFactory<PortalDbContext> contextFactory, CaseFiles cases, TimeProvider clock)
{
    /// <summary>
    /// Makes the rows for a record being issued. <paramref name="familyName"/> is the family's name as the case has it;
    /// <paramref name="mayTell"/> says whether the family's consent lets us tell an attendee about the case (as it decides
    /// who is e-mailed the record), so a point is linked to a staff account only when its owner may be told.
    /// </summary>
    public static async Task<IReadOnlyList<CaseActionPoint>> AddForRecordAsync(PortalDbContext db, Guid caseId, Guid documentId, IReadOnlyList<MeetingActionForm> points, CaseMeeting? meeting, string? familyName, Func<MeetingAttendee, bool> mayTell, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(mayTell);
        var people = meeting?.People ?? [];
        // Addresses are kept as typed: compared ignoring case, in memory (a staff list is short), read once for the record.
        var staffEmails = people.Any(p => p.StaffId is null && p.Email is not null)
            ? await db.StaffMembers.AsNoTracking().Where(s => s.IsActive && s.Email != null).Select(s => new { s.Id, s.Email }).ToListAsync(cancellationToken)
            : [];
        int? StaffWith(string? email)
        {
            var ids = email is null ? [] : staffEmails.Where(s => string.Equals(s.Email!.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase)).Select(s => s.Id).Take(2).ToList();
            return ids.Count == 1 ? ids[0] : null; // linked only when exactly one account has it
        }

        var added = new List<CaseActionPoint>();
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            var owner = MeetingRecordsHandler.OwnerName(point.Owner);
            var attendee = people.FirstOrDefault(p => MeetingRecordsHandler.OwnerName(p.Name) == owner);
            added.Add(new CaseActionPoint
            {
                Id = Guid.NewGuid(),
                ApplicationId = caseId,
                DocumentId = documentId,
                Source = ActionSource.MeetingRecord,
                Number = i + 1,
                What = point.Action,
                Owner = point.Owner,
                OwnerStaffId = attendee is null || !mayTell(attendee) ? null : attendee.StaffId ?? StaffWith(attendee.Email),
                OwnerIsFamily = attendee is null && familyName is not null && MeetingRecordsHandler.OwnerName(familyName) == owner,
                Due = point.Due!.Value,
            });
        }

        db.CaseActionPoints.AddRange(added);
        return added;
    }

    /// <summary>How long before an agreed action is due its owner is reminded, at 9am.</summary>
    public static readonly TimeSpan ReminderLead = TimeSpan.FromDays(3);

    public static string ReminderKey(Guid actionPointId) => $"agreed-action-reminder:{actionPointId:N}";

    /// <summary>Makes the rows for an agreement everyone has signed: each agreed action, due by the date the agreement gives it.</summary>
    public static IReadOnlyList<CaseActionPoint> AddForAgreement(PortalDbContext db, Guid caseId, Guid documentId, IReadOnlyList<AgreedAction> actions, string? familyName)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actions);
        var added = new List<CaseActionPoint>();
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            added.Add(new CaseActionPoint
            {
                Id = Guid.NewGuid(),
                ApplicationId = caseId,
                DocumentId = documentId,
                Source = ActionSource.Agreement,
                Number = i + 1,
                What = action.What,
                Owner = action.Who,
                OwnerIsFamily = familyName is not null && MeetingRecordsHandler.OwnerName(familyName) == MeetingRecordsHandler.OwnerName(action.Who),
                Due = action.By,
            });
        }

        db.CaseActionPoints.AddRange(added);
        return added;
    }

    /// <summary>
    /// Issue 14 item 5: whoever must carry out an agreed action is reminded <see cref="ReminderLead"/> before it is due (at
    /// 9am), through the outbox with the case's id: the family for their own; an attendee of the mediation the action names,
    /// while the family's consent lets us write to them; otherwise, on an SEN case, the local authority's SEN team (the
    /// duty under reg 42 is the LA's). An action point in a facilitated meeting's record is reminded the same way to the
    /// family or the attendee who owns it (or their linked staff account), never to the SEN team: the record is not an
    /// agreement under reg 42. No reminder for an action due sooner; marking it done withdraws it, reopening it restores it.
    /// </summary>
    public static async Task RemindBeforeDueAsync(PortalDbContext db, CaseFile file, IReadOnlyList<CaseActionPoint> points, string organisation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(points);
        var family = (await file.PartiesAsync(cancellationToken)).Family;
        var meeting = await file.MeetingAsync(cancellationToken);
        var senTeam = file.Route == Domain.Triage.AnswerKeys.Sen && file.Row.LocalAuthorityView != Domain.Privacy.PartyView.Nothing
            ? await db.LocalAuthorities.AsNoTracking().Where(l => l.Id == file.Row.LocalAuthorityId && l.SenTeamEmail != null).Select(l => new { l.SenTeamName, l.SenTeamEmail }).FirstOrDefaultAsync(cancellationToken)
            : null;
        foreach (var point in points)
        {
            var remindAt = UkDates.FromLocal(point.Due.AddDays(-ReminderLead.Days), new TimeOnly(9, 0));
            if (remindAt <= file.Now)
            {
                continue;
            }

            var attendee = meeting?.People.FirstOrDefault(p => MeetingRecordsHandler.OwnerName(p.Name) == MeetingRecordsHandler.OwnerName(point.Owner) && file.MayWriteTo(p));
            var agreed = point.Source == ActionSource.Agreement;
            var staffOwner = point.OwnerStaffId is { } staffId
                ? await db.StaffMembers.AsNoTracking().Where(s => s.Id == staffId && s.IsActive).Select(s => new { s.DisplayName, s.Email }).FirstOrDefaultAsync(cancellationToken)
                : null;
            var (name, email, toFamily) = point.OwnerIsFamily ? (family.Name, family.Email ?? "", true)
                : attendee is { Email: not null } ? (attendee.Name, attendee.Email, false)
                : staffOwner is { Email: not null } ? (staffOwner.DisplayName, staffOwner.Email, false)
                : agreed && senTeam is not null ? (senTeam.SenTeamName ?? "SEN team", senTeam.SenTeamEmail, false)
                : (null, null, false);
            if (email is null)
            {
                continue;
            }

            await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
            {
                Kind = "agreed-action-reminder",
                // The family by the way they chose; a letter would come too late, so they get none by post.
                ToAddress = toFamily ? null : email,
                Family = toFamily ? family : null,
                ToName = name,
                Subject = $"Reminder: an action {(agreed ? "agreed in mediation" : "from your meeting")} is due on {UkDates.LongDate(point.Due)} ({file.Reference})",
                Body = $"""
                    Dear {name},

                    {(agreed ? "In the mediation agreement" : "In the record of the meeting")} for case {file.Reference}, it was agreed that {(toFamily ? "you would" : $"{point.Owner} would")}:

                    {point.What}

                    by {UkDates.LongDate(point.Due)}. If it is done, or cannot be done by then, please let us know.

                    {organisation}
                    """,
                NotBefore = remindAt,
                CorrelationKey = ReminderKey(point.Id),
                About = MessageAbout.Application(file.Row, point.DocumentId, toFamily: toFamily),
            }, file.Now, cancellationToken);
        }
    }

    /// <summary>The signed-in member of staff's own action points, open ones first (done ones from the last 30 days after them).</summary>
    public async Task<IReadOnlyList<CaseAction>> MineAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await StaffAccess.ForAsync(db, user, cancellationToken) is not { } staff)
        {
            return [];
        }

        var since = Today.AddDays(-30);
        return await ListAsync(db, db.CaseActionPoints.Where(a => a.OwnerStaffId == staff.StaffId && (a.DoneOn == null || a.DoneOn >= since)), cancellationToken);
    }

    /// <summary>
    /// What the family sees on one of their cases: their own action points, and every action agreed in mediation. Empty
    /// for anyone else.
    /// </summary>
    public async Task<IReadOnlyList<CaseAction>> FamilyAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await ApplicationAccess.UserIdAsync(db, user, cancellationToken) is not { } userId)
        {
            return [];
        }

        return await ListAsync(db, db.CaseActionPoints.Where(a => a.ApplicationId == caseId && (a.OwnerIsFamily || a.Source == ActionSource.Agreement)
            && db.Applications.Any(x => x.Id == caseId && x.OwnerId == userId && x.Status == ApplicationStatus.Submitted)), cancellationToken);
    }

    /// <summary>
    /// A case's actions for its staff: all of them for those who work the case; for a local authority officer who may see
    /// the case, the agreed actions only (they are a party to the agreement, not to the meeting's record). Null when the
    /// case is not theirs to see.
    /// </summary>
    public async Task<IReadOnlyList<CaseAction>?> ForCaseAsync(ClaimsPrincipal user, Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var file = await cases.OpenForStaffAsync(db, user, caseId, cancellationToken);
        if (file is null)
        {
            return null;
        }

        var all = file.Staff.IsAdviserOrManager || file.Staff.IsMediator;
        return await ListAsync(db, db.CaseActionPoints.Where(a => a.ApplicationId == caseId && (all || a.Source == ActionSource.Agreement)), cancellationToken);
    }

    /// <summary>
    /// The action is done (or, <paramref name="done"/> false, not after all): said by its owner (a staff account), or by the
    /// case's adviser, mediator or a manager, who hear it from the other parties.
    /// </summary>
    public async Task<bool> MarkDoneAsync(ClaimsPrincipal user, Guid actionPointId, bool done = true, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await StaffAccess.ForAsync(db, user, cancellationToken) is not { } staff)
        {
            return false;
        }

        var point = await db.CaseActionPoints.Live(db).FirstOrDefaultAsync(a => a.Id == actionPointId, cancellationToken);
        if (point is null)
        {
            return false;
        }

        if (point.OwnerStaffId != staff.StaffId)
        {
            var file = await cases.OpenForStaffAsync(db, user, point.ApplicationId, cancellationToken);
            if (file is null || !CaseAccess.MayIssueDocuments(staff, file.Row))
            {
                return false;
            }
        }

        var now = clock.GetUtcNow();
        point.DoneOn = done ? UkDates.DateIn(now) : null;
        point.DoneBy = done ? staff.Name : null;
        AuditLog.Write(db, staff, done ? "action-point-done" : "action-point-reopened", "action-point", point.Id.ToString(), now);
        if (done)
        {
            await OutboxWriter.CancelAsync(db, ReminderKey(point.Id), now, cancellationToken);
        }
        else
        {
            // Not done after all: the owner's reminder comes back, if its day is still ahead.
            await OutboxWriter.RestoreAsync(db, ReminderKey(point.Id), now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The family tell us an agreed action (or one of their meeting's) has not happened: recorded on the case's history, shown
    /// to the case's staff and in the queue. Returns false for anyone but the family, or an action already marked done.
    /// </summary>
    public async Task<bool> FamilySaysNotDoneAsync(ClaimsPrincipal user, Guid caseId, Guid actionPointId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var file = await cases.OpenForFamilyAsync(db, user, caseId, cancellationToken);
        if (file is null)
        {
            return false;
        }

        var point = await db.CaseActionPoints.Live(db).FirstOrDefaultAsync(a => a.Id == actionPointId && a.ApplicationId == caseId && (a.OwnerIsFamily || a.Source == ActionSource.Agreement), cancellationToken);
        if (point is null || point.DoneOn is not null)
        {
            return false;
        }

        if (point.FamilySaysNotDoneOn is not null)
        {
            return true; // already told (a second press of the button): recorded once
        }

        point.FamilySaysNotDoneOn = UkDates.DateIn(file.Now);
        file.Record("action-not-done", $"The family say this has not happened: {point.What} (due {UkDates.LongDate(point.Due)})");
        return await file.SaveAsync(cancellationToken);
    }

    private DateOnly Today => UkDates.DateIn(clock.GetUtcNow());

    private async Task<IReadOnlyList<CaseAction>> ListAsync(PortalDbContext db, IQueryable<CaseActionPoint> points, CancellationToken cancellationToken)
    {
        var rows = await points.Live(db).AsNoTracking()
            .Select(a => new { Point = a, Reference = db.Applications.Where(x => x.Id == a.ApplicationId).Select(x => x.Reference).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var today = Today;
        return [.. rows.OrderBy(r => r.Point.DoneOn is not null).ThenBy(r => r.Point.Due).ThenBy(r => r.Reference, StringComparer.Ordinal).ThenBy(r => r.Point.Source).ThenBy(r => r.Point.Number)
            .Select(r => new CaseAction(r.Point.Id, r.Point.ApplicationId, r.Reference ?? "", r.Point.Source, r.Point.What, r.Point.Owner, r.Point.Due, r.Point.DoneOn,
                StatusOf(r.Point.DoneOn, r.Point.Due, today), r.Point.DoneOn is null ? r.Point.FamilySaysNotDoneOn : null, r.Point.OwnerIsFamily))];
    }

    /// <summary>Done once someone says so; late from the day after its date; due until then.</summary>
    public static ActionStatus StatusOf(DateOnly? doneOn, DateOnly due, DateOnly today) =>
        doneOn is not null ? ActionStatus.Done : today > due ? ActionStatus.Late : ActionStatus.Due;
}
