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

        var messages = await MessagesAsync(db, ownerId, applicationIds, [.. bookings.Select(b => b.Id)], cancellationToken);

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
    /// Outbox messages about this family, by the ids each row carries and nothing else: a message is theirs when it is
    /// about one of their applications (drafts too) or bookings, or belongs to their account. Never by address or by
    /// text: an address may receive several families' messages (an adviser's, a supporter's, one a family mistyped),
    /// and a caller on the phone may give any address.
    /// </summary>
    private static async Task<IReadOnlyList<FamilyMessage>> MessagesAsync(PortalDbContext db, Guid ownerId, IReadOnlyList<Guid> applicationIds, IReadOnlyList<Guid> bookingIds, CancellationToken cancellationToken)
    {
        var rows = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.UserId == ownerId
                || (m.ApplicationId != null && applicationIds.Contains(m.ApplicationId.Value))
                || (m.BookingId != null && bookingIds.Contains(m.BookingId.Value)))
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(m => new FamilyMessage(m, m.ToFamily))];
    }

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
