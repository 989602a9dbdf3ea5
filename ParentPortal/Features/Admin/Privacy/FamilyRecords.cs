using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Features.Admin.Privacy;

/// <summary>A family's document, without its bytes.</summary>
public sealed record FamilyDocumentRow(Guid Id, Guid ApplicationId, DocumentKind Kind, string? Subtype, string Number, string VerificationCode, DateTimeOffset IssuedAt, string IssuingOrganisation, string ContentHash, string? AgreementContentHash, string FileName, DateTimeOffset? RevokedAt, string? RevocationReason, Guid? ReplacesId);

/// <summary>An e-mail in the outbox that concerns the family; <see cref="ToFamily"/> when it was addressed to them (not a copy to staff).</summary>
public sealed record FamilyMessage(OutboxMessage Message, bool ToFamily);

/// <summary>
/// Everything the portal holds about one family (the owner of an application, and all of that owner's
/// applications), gathered in one place so that the export and the erasure cover exactly the same records.
/// </summary>
public sealed class FamilyRecords
{
    public required PortalUser User { get; init; }

    public required IReadOnlyList<Application> Applications { get; init; }

    public required IReadOnlyList<FamilyDocumentRow> Documents { get; init; }

    public required IReadOnlyList<SessionBooking> Bookings { get; init; }

    public required IReadOnlyList<FamilyMessage> Messages { get; init; }

    public required IReadOnlyList<CallLogEntry> Calls { get; init; }

    public required IReadOnlyList<AuditEntry> AuditEntries { get; init; }

    /// <summary>
    /// Sign-in records an adviser made for the family on the phone, left behind (with the caller's name and
    /// e-mail) once the family took the application over: nothing refers to them any more but the address.
    /// </summary>
    public required IReadOnlyList<Guid> LeftoverPhoneRecords { get; init; }

    public IReadOnlyList<Guid> ApplicationIds => [.. Applications.Select(a => a.Id)];

    /// <summary>The owner of the application, or null when there is no such application.</summary>
    public static async Task<Guid?> OwnerOfAsync(PortalDbContext db, Guid applicationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Applications.Where(a => a.Id == applicationId).Select(a => (Guid?)a.OwnerId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The application with this reference (typed in any case, with or without spaces), or null.</summary>
    public static async Task<Guid?> FindByReferenceAsync(PortalDbContext db, string? typed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var reference = ApplicationReference.Normalise(typed ?? "");
        return reference is null
            ? null
            : await db.Applications.Where(a => a.Reference == reference).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>A manager, as the portal's own staff list has them now; null for anyone else.</summary>
    public static async Task<StaffContext?> ManagerAsync(PortalDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        return staff is { IsManager: true } ? staff : null;
    }

    public static async Task<FamilyRecords> LoadAsync(PortalDbContext db, Guid ownerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == ownerId, cancellationToken);
        var applications = await db.Applications.AsNoTracking().Include(a => a.LocalAuthority).Include(a => a.Area).Include(a => a.Adviser).Include(a => a.AssignedStaff)
            .Where(a => a.OwnerId == ownerId).OrderBy(a => a.CreatedAt).ToListAsync(cancellationToken);
        var applicationIds = applications.Select(a => a.Id).ToList();
        var documents = await db.CaseDocuments.AsNoTracking().Where(d => applicationIds.Contains(d.ApplicationId)).OrderBy(d => d.IssuedAt)
            .Select(d => new FamilyDocumentRow(d.Id, d.ApplicationId, d.Kind, d.Subtype, d.Number, d.VerificationCode, d.IssuedAt, d.IssuingOrganisation, d.ContentHash, d.AgreementContentHash, d.FileName, d.RevokedAt, d.RevocationReason, d.ReplacesId))
            .ToListAsync(cancellationToken);
        var bookings = await db.SessionBookings.AsNoTracking().Include(b => b.Session)
            .Where(b => b.UserId == ownerId || (b.ApplicationId != null && applicationIds.Contains(b.ApplicationId.Value)))
            .OrderBy(b => b.CreatedAt).ToListAsync(cancellationToken);
        var calls = await db.CallLog.AsNoTracking().Include(c => c.LocalAuthority)
            .Where(c => c.ApplicationId != null && applicationIds.Contains(c.ApplicationId.Value)).OrderBy(c => c.StartedAt).ToListAsync(cancellationToken);

        var addresses = Addresses(user, applications).ToList();
        var leftovers = await db.Users.AsNoTracking()
            .Where(u => u.Id != ownerId && u.Subject.StartsWith(PhoneApplicationOwner.Prefix) && u.Email != null && addresses.Contains(u.Email.ToLower())
                && !db.Applications.Any(a => a.OwnerId == u.Id) && !db.SessionBookings.Any(b => b.UserId == u.Id))
            .Select(u => u.Id).ToListAsync(cancellationToken);

        var ownIds = applicationIds.Concat(documents.Select(d => d.Id)).Concat(bookings.Select(b => b.Id)).ToHashSet();
        var messages = await MessagesAsync(db, addresses, applications, ownIds, cancellationToken);

        var targetIds = applicationIds.Select(id => id.ToString()).Concat(documents.Select(d => d.Id.ToString())).Append(ownerId.ToString()).ToList();
        var audit = await db.AuditEntries.AsNoTracking()
            .Where(a => a.TargetId != null && targetIds.Contains(a.TargetId) && (a.TargetType == "application" || a.TargetType == "document" || a.TargetType == "user"))
            .OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        return new FamilyRecords
        {
            User = user,
            Applications = applications,
            Documents = documents,
            Bookings = bookings,
            Messages = messages,
            Calls = calls,
            AuditEntries = audit,
            LeftoverPhoneRecords = leftovers,
        };
    }

    /// <summary>
    /// The family's e-mail addresses: the one they signed in with, the contact address in each application,
    /// and the caller's address on an application made over the phone. Lower case, for comparing.
    /// </summary>
    public static IReadOnlySet<string> Addresses(PortalUser user, IEnumerable<Application> applications)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(applications);
        var addresses = new HashSet<string>(StringComparer.Ordinal);
        void Add(string? address)
        {
            if (!string.IsNullOrWhiteSpace(address))
            {
                addresses.Add(address.Trim().ToLowerInvariant());
            }
        }

        Add(user.Email);
        foreach (var application in applications)
        {
            Add(CaseProfile.From(TriageAnswers.FromJson(application.AnswersJson)).ContactEmail);
            Add(CallerEmail(application.PhoneDetailsJson));
        }

        return addresses;
    }

    /// <summary>
    /// Outbox messages about this family. Most carry a correlation key naming the application, booking or
    /// document they are about: a key naming one of the family's is theirs (whoever it went to); a key
    /// naming anything else is not, even at a shared address (an adviser or a supporter may write for
    /// several families). Messages without such a key are theirs when sent to one of their addresses, or
    /// when the subject quotes one of their references (the agreement e-mails to the case's staff).
    /// </summary>
    private static async Task<IReadOnlyList<FamilyMessage>> MessagesAsync(PortalDbContext db, IReadOnlyList<string> addresses, IReadOnlyList<Application> applications, IReadOnlySet<Guid> ownIds, CancellationToken cancellationToken)
    {
        var references = applications.Where(a => a.Reference is not null).Select(a => $"({a.Reference})").ToList();
        var found = new Dictionary<Guid, OutboxMessage>();
        void Keep(IEnumerable<OutboxMessage> rows)
        {
            foreach (var row in rows)
            {
                found.TryAdd(row.Id, row);
            }
        }

        Keep(await db.OutboxMessages.AsNoTracking().Where(m => addresses.Contains(m.ToAddress.ToLower())).ToListAsync(cancellationToken));
        // One query for every id and one for every reference, not one per id: the outbox is scanned twice, not dozens of times.
        var idTexts = ownIds.Select(id => id.ToString()).ToList();
        Keep(await db.OutboxMessages.AsNoTracking().Where(m => m.CorrelationKey != null && idTexts.Any(t => m.CorrelationKey.Contains(t))).ToListAsync(cancellationToken));
        Keep(await db.OutboxMessages.AsNoTracking().Where(m => m.CorrelationKey == null && references.Any(r => m.Subject.Contains(r))).ToListAsync(cancellationToken));

        var result = new List<FamilyMessage>();
        foreach (var message in found.Values.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id))
        {
            var keyIds = KeyIds(message.CorrelationKey);
            var toFamily = addresses.Contains(message.ToAddress.Trim().ToLowerInvariant());
            var ours = keyIds.Count > 0
                ? keyIds.Any(ownIds.Contains)
                : toFamily || references.Any(r => message.Subject.Contains(r, StringComparison.Ordinal));
            if (ours)
            {
                result.Add(new FamilyMessage(message, toFamily));
            }
        }

        return result;
    }

    private static List<Guid> KeyIds(string? key) =>
        key is null ? [] : [.. key.Split(':').Select(part => Guid.TryParse(part, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)];

    private static string? CallerEmail(string? phoneDetailsJson)
    {
        if (string.IsNullOrEmpty(phoneDetailsJson))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(phoneDetailsJson);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && (json.RootElement.TryGetProperty("CallerEmail", out var email) || json.RootElement.TryGetProperty("callerEmail", out email))
                && email.ValueKind == JsonValueKind.String
                ? email.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
