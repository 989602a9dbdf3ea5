using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Platform.Hosting;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Platform.Messaging;

/// <summary>
/// Issue 15 item 4, straight away: a member of staff who chose it (<see cref="StaffMember.ImmediateNotices"/>) is e-mailed as
/// it happens that a new application is waiting (advisers and managers: the queue is shared), that a family on their case
/// decided, withdrew or asked for something, or that a message on their case could not be delivered. Each names the case by
/// its reference and links to it (it opens after sign-in); never the family's details. The daily digest still brings what
/// is about dates (statutory clocks, late actions) at 8am.
/// </summary>
public static class StaffNotices
{
    public const string Kind = Domain.Messaging.MessageKinds.StaffNotice;

    /// <summary>What families do that their adviser or mediator hears of (straight away, or in the digest), by history kind.</summary>
    public static readonly IReadOnlyDictionary<string, string> FamilyEvents = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["decision-recorded"] = "the family told us their decision about mediation",
        ["decision-change-requested"] = "the family asked to change their decision",
        ["withdrawn"] = "the family withdrew",
        ["correction-asked"] = "the family asked for a correction",
        ["contact-details-changed"] = "the family changed their contact details",
        ["action-not-done"] = "the family say an agreed action has not happened",
    };

    /// <summary>Tells each of these staff who chose to hear straight away, in the caller's transaction. Returns how many.</summary>
    /// <param name="reference">The case's reference, for a notice sent by text (which carries nothing else).</param>
    public static async Task<int> TellAsync(PortalDbContext db, IReadOnlyCollection<int> staffIds, string subject, string line, string path, string key, PublicAddress? links, DateTimeOffset now, CancellationToken cancellationToken, string? reference = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(staffIds);
        if (staffIds.Count == 0)
        {
            return 0;
        }

        var people = await db.StaffMembers.AsNoTracking()
            .Where(s => staffIds.Contains(s.Id) && s.IsActive && s.ImmediateNotices && (s.Email != null || s.Mobile != null))
            .Select(s => new { s.Id, s.DisplayName, s.Email, s.Mobile })
            .ToListAsync(cancellationToken);
        var link = links?.For(path) ?? path;
        var told = 0;
        foreach (var person in people)
        {
            if (await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
            {
                Kind = Kind,
                // By text when they gave a mobile for it (issue 15 item 2), else by e-mail.
                ToAddress = person.Mobile is null ? person.Email : null,
                Route = person.Mobile is null ? null : new Domain.Cases.MessageRoute(Domain.Messaging.MessageChannel.Text, person.Mobile),
                ToName = person.DisplayName,
                Subject = subject,
                Body = $"""
                    {line}

                    {link}

                    The link opens after you sign in. You are told straight away because you asked to be; to change that, go to {links?.For("advisers/digest") ?? "advisers/digest"}.
                    """,
                CorrelationKey = $"{Kind}:{key}:{person.Id}",
                About = new MessageAbout { ToFamily = false, Reference = reference },
            }, now, cancellationToken))
            {
                told++;
            }
        }

        return told;
    }

    /// <summary>A case's adviser and its assigned mediator or facilitator (either may be unset, or be the same person).</summary>
    public static IReadOnlyCollection<int> CaseStaff(int? adviserId, int? assignedStaffId) =>
        new[] { adviserId, assignedStaffId }.OfType<int>().Distinct().ToList();

    /// <summary>Every active adviser and manager: who works the shared queue of new applications.</summary>
    public static Task<List<int>> QueueWorkersAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        db.StaffMembers.AsNoTracking()
            .Where(s => s.IsActive && s.Roles.Any(r => r.Role == PortalRoles.Adviser || r.Role == PortalRoles.Manager))
            .Select(s => s.Id)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// A message about a case could not be delivered: its adviser and mediator hear straight away, if they chose to. Not for
    /// messages to staff themselves (a notice about a notice would never end).
    /// </summary>
    public static async Task TellUndeliveredAsync(PortalDbContext db, OutboxMessage message, PublicAddress? links, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        if (message.ApplicationId is not { } caseId || message.Kind is Kind or Domain.Messaging.MessageKinds.StaffDigest)
        {
            return;
        }

        var owners = await db.Applications.AsNoTracking().Where(a => a.Id == caseId)
            .Select(a => new { a.Reference, a.AdviserId, a.AssignedStaffId })
            .FirstOrDefaultAsync(cancellationToken);
        if (owners?.Reference is null)
        {
            return;
        }

        await TellAsync(db, CaseStaff(owners.AdviserId, owners.AssignedStaffId),
            $"A message could not be delivered: {owners.Reference}",
            $"A message on case {owners.Reference} could not be delivered. Reach the person another way, then mark it dealt with.",
            "advisers/messages", $"undelivered:{message.Id:N}", links, now, cancellationToken, owners.Reference);
    }
}
