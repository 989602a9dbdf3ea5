using System.Text;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Hosting;
using ParentPortal.Platform.Identity;
using ParentPortal.Platform.Messaging;

namespace ParentPortal.Features.Cases;

/// <summary>
/// Issue 15 item 4, the daily digest: at 8am on each working day every active adviser, manager and mediator with an
/// e-mail address is sent what needs them, once (the outbox's correlation key is the person and the day), and only when
/// there is something: new applications waiting in the shared queue (advisers and managers), and on their own cases
/// (as adviser or mediator) the statutory clocks due in the next 2 working days or overdue, agreed actions that are late,
/// what families did since the last working day (decided, withdrew, asked for a correction, said an action has not
/// happened) and messages that could not be delivered. References, clock names and stage names only: no family's details;
/// each line links to the case, which opens after sign-in. Anyone can turn it off for themselves (<see cref="DigestChoiceHandler"/>).
/// </summary>
public sealed class StaffDigestJob(IDbContextFactory<PortalDbContext> contextFactory, WorkingDayCalendarSource calendars, PublicAddress address, TimeProvider clock)
{
    public static readonly TimeOnly SendAt = new(8, 0);

    /// <returns>How many digests were put in the outbox.</returns>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var today = UkDates.DateIn(now);
        var calendar = await calendars.GetAsync(cancellationToken);
        if (!calendar.IsWorkingDay(today) || now < UkDates.FromLocal(today, SendAt))
        {
            return 0;
        }

        var calculator = await calendars.CalculatorAsync(cancellationToken);
        var soon = calendar.AddWorkingDays(today, 2);
        var since = UkDates.FromLocal(calendar.SubtractWorkingDays(today, 1), SendAt);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var staff = await db.StaffMembers.AsNoTracking()
            .Where(s => s.IsActive && s.DailyDigest && s.Email != null && s.Roles.Any(r => r.Role == PortalRoles.Adviser || r.Role == PortalRoles.Manager || r.Role == PortalRoles.Mediator))
            .Select(s => new { s.Id, s.DisplayName, s.Email, Advises = s.Roles.Any(r => r.Role == PortalRoles.Adviser || r.Role == PortalRoles.Manager) })
            .ToListAsync(cancellationToken);
        var waiting = await db.Applications.AsNoTracking()
            .Where(a => a.Status == ApplicationStatus.Submitted && a.Stage != CaseStage.Closed && a.AdviserId == null)
            .Select(a => new { a.Id, a.Reference, a.SubmittedAt }).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var person in staff)
        {
            var cases = await db.Applications.AsNoTracking()
                .Where(a => a.Status == ApplicationStatus.Submitted && (a.AdviserId == person.Id || a.AssignedStaffId == person.Id))
                .Select(a => new
                {
                    Case = a,
                    Meeting = db.CaseMeetings.Where(CaseMeetingQueries.IsMain).Where(m => m.ApplicationId == a.Id).OrderByDescending(m => m.StartsAt).FirstOrDefault(),
                    Late = db.CaseActionPoints.Live(db).Count(p => p.ApplicationId == a.Id && p.DoneOn == null && p.Due < today),
                    Undelivered = db.OutboxMessages.Where(OutboxQueries.Undelivered).Count(m => m.ApplicationId == a.Id),
                    Events = db.CaseEvents.Where(e => e.ApplicationId == a.Id && e.At >= since && e.ActorSubject == a.Owner!.Subject).Select(e => e.Kind).ToList(),
                })
                .ToListAsync(cancellationToken);

            var lines = new List<string>();
            foreach (var c in cases.OrderBy(c => c.Case.Reference, StringComparer.Ordinal))
            {
                var link = address.For($"advisers/cases/{c.Case.Id}");
                if (c.Case.Stage != CaseStage.Closed)
                {
                    var profile = CaseProfile.From(TriageAnswers.FromJson(c.Case.AnswersJson));
                    foreach (var due in CaseClocks.Running(CaseFactsBuilder.For(c.Case, profile, c.Meeting), calculator).Where(k => k.StaffAction && k.Deadline.Date <= soon))
                    {
                        lines.Add($"{c.Case.Reference}: {due.Label}, {UkDates.LongDate(due.Deadline.Date)}{(due.IsOverdue(today) ? ", OVERDUE" : "")} ({CaseWorkflow.Describe(c.Case.Stage)}). {link}");
                    }
                }

                if (c.Late > 0)
                {
                    lines.Add($"{c.Case.Reference}: {(c.Late == 1 ? "1 agreed action is late" : $"{c.Late} agreed actions are late")}. {link}");
                }

                foreach (var what in c.Events.Where(StaffNotices.FamilyEvents.ContainsKey).Select(k => StaffNotices.FamilyEvents[k]).Distinct(StringComparer.Ordinal))
                {
                    lines.Add($"{c.Case.Reference}: {what}. {link}");
                }

                if (c.Undelivered > 0)
                {
                    lines.Add($"{c.Case.Reference}: {(c.Undelivered == 1 ? "a message could not be delivered" : $"{c.Undelivered} messages could not be delivered")}. {address.For("advisers/messages")}");
                }
            }

            var queue = person.Advises ? waiting : [];
            if (lines.Count == 0 && queue.Count == 0)
            {
                continue;
            }

            var body = new StringBuilder();
            body.Append(CultureInvariant($"Good morning {person.DisplayName},\n\nWhat needs you today, {UkDates.LongDate(today)}.\n"));
            if (queue.Count > 0)
            {
                body.Append(CultureInvariant($"\nApplications waiting for an adviser ({queue.Count}):\n"));
                foreach (var q in queue.OrderBy(q => q.SubmittedAt).Take(20))
                {
                    body.Append(CultureInvariant($"- {q.Reference}: {address.For($"advisers/cases/{q.Id}")}\n"));
                }

                body.Append(CultureInvariant($"All of them: {address.For("advisers/cases")}\n"));
            }

            if (lines.Count > 0)
            {
                body.Append("\nYour cases:\n");
                foreach (var line in lines)
                {
                    body.Append("- ").Append(line).Append('\n');
                }
            }

            body.Append(CultureInvariant($"\nThe links open after you sign in. You get this each working day when something needs you; to stop it, go to {address.For("advisers/digest")}.\n"));
            if (await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
            {
                Kind = Domain.Messaging.MessageKinds.StaffDigest,
                ToAddress = person.Email!,
                ToName = person.DisplayName,
                Subject = $"What needs you today: {UkDates.LongDate(today)}",
                Body = body.ToString(),
                CorrelationKey = $"staff-digest:{person.Id}:{today:yyyyMMdd}",
                About = MessageAbout.Staff(),
            }, now, cancellationToken))
            {
                sent++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return sent;
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
