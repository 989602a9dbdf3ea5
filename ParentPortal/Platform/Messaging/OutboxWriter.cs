using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Messaging;

namespace ParentPortal.Platform.Messaging;

/// <summary>Which outbox rows wait for staff: the outbox stopped trying, or a receipt said it failed, and nobody has dealt with it.</summary>
public static class OutboxQueries
{
    public static readonly System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> Undelivered =
        m => m.GaveUpAt != null && m.DealtWithAt == null && m.DeliveredAt == null && m.CancelledAt == null;
}

/// <summary>
/// Puts messages into the outbox in the caller's own <see cref="PortalDbContext"/>: they are saved by the
/// caller's SaveChanges, in the caller's transaction, so a message exists if and only if the change that
/// caused it was committed.
/// </summary>
public static class OutboxWriter
{
    /// <summary>What the outbox's copy of a message says in place of a secret (<see cref="OutgoingMessage.SecretInBody"/>) once it has gone.</summary>
    public const string SecretRemovedText = "(This has been removed from our copy of this e-mail now that it has been sent.)";

    /// <summary>
    /// A short, stable stand-in for an address in a correlation key (one message per person): the first 16 hex digits of
    /// the SHA-256 of the address, trimmed and in lower case. The key names the person without spelling out their address.
    /// </summary>
    public static string AddressKey(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return TextKey(address.Trim().ToLowerInvariant());
    }

    /// <summary>A short, stable stand-in for any text in a correlation key (a version of an agenda): 16 hex digits of its SHA-256.</summary>
    public static string TextKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>
    /// Adds the message to <paramref name="db"/> (the caller saves). Returns false, adding nothing, when a
    /// message with the same correlation key is already tracked or stored. Two transactions enqueueing the
    /// same key at the same moment cannot both commit: the unique index refuses the second SaveChanges.
    /// </summary>
    public static async Task<bool> EnqueueAsync(PortalDbContext db, OutgoingMessage message, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        Validate(message);
        var route = message.Family is { } family ? family.RouteFor(message.Kind) : message.Route ?? new MessageRoute(MessageChannel.Email, message.ToAddress!);
        if (route is null)
        {
            return false;
        }

        var key = message.CorrelationKey;
        if (key is not null &&
            (db.OutboxMessages.Local.Any(m => m.CorrelationKey == key) ||
             await db.OutboxMessages.AnyAsync(m => m.CorrelationKey == key, cancellationToken)))
        {
            return false;
        }

        var service = await ServiceAsync(db, cancellationToken);
        var body = message.Body.TrimEnd() + "\n\n" + ContactDetails(service.Name, service.HelplinePhone, service.HelplineHours, service.ContactEmail, message.Text);

        // PostgreSQL stores timestamptz only from UTC values; SQLite compares the stored numbers.
        now = now.ToUniversalTime();
        var notBefore = message.NotBefore?.ToUniversalTime() ?? now;
        db.OutboxMessages.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Kind = message.Kind,
            ToAddress = route.Address.Trim(),
            ToName = Name(message),
            Channel = route.Channel,
            ShortText = route.Channel == MessageChannel.Text ? ShortTextOf(message, service) : null,
            Reference = message.About.Reference,
            Subject = message.Subject,
            Body = body,
            CreatedAt = now,
            NotBefore = notBefore,
            NextAttemptAt = notBefore,
            CorrelationKey = key,
            // A calendar file or a PDF goes by e-mail only: a text or a letter says where to find it.
            AttachmentName = route.Channel == MessageChannel.Email ? message.Attachment?.FileName : null,
            AttachmentContentType = route.Channel == MessageChannel.Email ? message.Attachment?.ContentType : null,
            AttachmentContent = route.Channel == MessageChannel.Email ? message.Attachment?.Content : null,
            AttachmentData = route.Channel == MessageChannel.Email ? message.Attachment?.Data : null,
            UserId = message.About.UserId,
            ApplicationId = message.About.ApplicationId,
            BookingId = message.About.BookingId,
            DocumentId = message.About.DocumentId,
            InvitationId = message.About.InvitationId,
            ToFamily = message.About.ToFamily,
            BodyOnceSent = message.SecretInBody is { } secret ? body.Replace(secret, SecretRemovedText, StringComparison.Ordinal) : null,
        });
        return true;
    }

    /// <summary>
    /// The family changed how they get messages (issue 15 items 2 and 5): every message to them about the application that has
    /// not gone yet goes the new way (a reminder booked last month by e-mail now goes by text), and one they can no longer get,
    /// or turned off, is cancelled. The caller saves. Returns how many were changed or cancelled.
    /// </summary>
    public static async Task<int> ReaddressAsync(PortalDbContext db, Guid applicationId, FamilyContact family, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(family);
        var waiting = await db.OutboxMessages
            .Where(m => m.ApplicationId == applicationId && m.ToFamily && m.SentAt == null && m.CancelledAt == null && m.GaveUpAt == null)
            .ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var message in waiting)
        {
            var route = family.RouteFor(message.Kind);
            if (route is null)
            {
                message.CancelledAt = now.ToUniversalTime();
                ForgetSecret(message);
                changed++;
            }
            else if (route.Channel != message.Channel || route.Address != message.ToAddress)
            {
                message.Channel = route.Channel;
                message.ToAddress = route.Address;
                message.ToName = family.Name ?? message.ToName;
                message.ShortText = route.Channel == MessageChannel.Text ? await TextAsync(db, message.Kind, message.Reference, cancellationToken) : null;
                if (route.Channel != MessageChannel.Email)
                {
                    (message.AttachmentName, message.AttachmentContentType, message.AttachmentContent, message.AttachmentData) = (null, null, null, null);
                }

                changed++;
            }
        }

        return changed;
    }

    /// <summary>
    /// The message has gone (or will never go): its copy keeps only <see cref="OutboxMessage.BodyOnceSent"/>, when it has
    /// one. The dispatcher calls it for every kind of message; the caller saves.
    /// </summary>
    public static void ForgetSecret(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.BodyOnceSent is { } kept)
        {
            message.Body = kept;
            message.BodyOnceSent = null;
        }
    }

    /// <summary>
    /// Cancels the unsent message with this correlation key, when the caller saves. Returns how many were
    /// cancelled. A message the processor has already picked up may still go out.
    /// </summary>
    public static Task<int> CancelAsync(PortalDbContext db, string correlationKey, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(correlationKey);
        return CancelWhereAsync(db, m => m.CorrelationKey == correlationKey, key => key == correlationKey, now, cancellationToken);
    }

    /// <summary>
    /// Cancels every unsent message whose correlation key starts with the prefix (e.g. "booking-reminder:42:"),
    /// when the caller saves. End the prefix with a separator so that "...:42" does not also match "...:420".
    /// </summary>
    public static Task<int> CancelByPrefixAsync(PortalDbContext db, string correlationKeyPrefix, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(correlationKeyPrefix);
        return CancelWhereAsync(
            db,
            m => m.CorrelationKey!.StartsWith(correlationKeyPrefix),
            key => key.StartsWith(correlationKeyPrefix, StringComparison.Ordinal),
            now,
            cancellationToken);
    }

    /// <summary>
    /// Puts back a message cancelled by <see cref="CancelAsync"/> (a reminder withdrawn when an action was marked done, then
    /// reopened), when the caller saves; only while it has not gone and its time is still ahead. False when there is none.
    /// </summary>
    public static async Task<bool> RestoreAsync(PortalDbContext db, string correlationKey, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrEmpty(correlationKey);
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.CorrelationKey == correlationKey && m.SentAt == null && m.CancelledAt != null, cancellationToken);
        if (message is null || message.NotBefore <= now.ToUniversalTime())
        {
            return false;
        }

        message.CancelledAt = null;
        message.NextAttemptAt = message.NotBefore;
        return true;
    }

    private static async Task<int> CancelWhereAsync(
        PortalDbContext db,
        System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> inDatabase,
        Func<string, bool> matches,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.OutboxMessages
            .Where(m => m.CorrelationKey != null && m.SentAt == null && m.CancelledAt == null)
            .Where(inDatabase)
            .LoadAsync(cancellationToken);

        // Local also holds messages enqueued in this context and not saved yet. The second check is
        // ordinal on every engine (SQLite's LIKE ignores the case of ASCII letters).
        var cancelled = db.OutboxMessages.Local
            .Where(m => m.CorrelationKey is not null && matches(m.CorrelationKey) && m.SentAt is null && m.CancelledAt is null)
            .ToList();
        foreach (var message in cancelled)
        {
            message.CancelledAt = now.ToUniversalTime();
            ForgetSecret(message);
        }

        return cancelled.Count;
    }

    private static string? Name(OutgoingMessage message)
    {
        var name = message.ToName ?? message.Family?.Name;
        return string.IsNullOrWhiteSpace(name) ? null : name.Trim();
    }

    // In the family's language when the message was written with the localiser (a family's message), else English.
    private static string ShortTextOf(OutgoingMessage message, ServiceContact service)
    {
        var words = MessageKinds.TextWording(message.Kind, message.About.Reference, service.Name, service.HelplinePhone);
        return message.Text is { } text ? Localisation.LocalizerExtensions.Say(text, words) : words.English;
    }

    /// <summary>The text message for this kind, in the service's name, with its helpline (the organisation's row).</summary>
    private static async Task<string> TextAsync(PortalDbContext db, string kind, string? reference, CancellationToken cancellationToken)
    {
        var service = await ServiceAsync(db, cancellationToken);
        return MessageKinds.Text(kind, reference, service.Name, service.HelplinePhone);
    }

    private sealed record ServiceContact(string Name, string HelplinePhone, string HelplineHours, string ContactEmail);

    // Read once per DbContext (one handler's change), not once per message: a session moved for 40 people writes 120.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PortalDbContext, ServiceContact> Services = new();

    private static async Task<ServiceContact> ServiceAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        if (Services.TryGetValue(db, out var known))
        {
            return known;
        }

        var service = await db.Organisations.AsNoTracking().OrderBy(o => o.Id)
            .Select(o => new ServiceContact(o.Name, o.HelplinePhone, o.HelplineHours, o.ContactEmail))
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException("The service has not been set up: the database has no organisation row.");
        Services.AddOrUpdate(db, service);
        return service;
    }

    /// <summary>What ends every e-mail and letter (issue 15 item 5): who sent it and how to reach them.</summary>
    public static string ContactDetails(string name, string helplinePhone, string helplineHours, string contactEmail, Microsoft.Extensions.Localization.IStringLocalizer? text = null) =>
        text is null
            ? $"--\n{name}\nHelpline: {helplinePhone} ({helplineHours})\nEmail: {contactEmail}\n"
            : $"--\n{name}\n{text["Helpline: {0} ({1})", helplinePhone, helplineHours]}\n{text["Email: {0}", contactEmail]}\n";

    // The messages say which field is wrong, never its value (which may be personal data).
    private static void Validate(OutgoingMessage message)
    {
        var problem = Problem(message.Kind, OutboxMessage.KindMaxLength, "Kind")
            ?? (new object?[] { message.ToAddress, message.Family, message.Route }.Count(o => o is not null) != 1 ? "Give one of ToAddress, Family or Route." : null)
            ?? (message.ToAddress is not null ? Problem(message.ToAddress, OutboxMessage.AddressMaxLength, "ToAddress") : null)
            ?? (message.Route is { } given ? Problem(given.Address, OutboxMessage.AddressMaxLength, "Route") : null)
            ?? Problem(message.Subject, OutboxMessage.SubjectMaxLength, "Subject")
            ?? (message.Body is null ? "Body is missing." : null)
            ?? (message.ToName is { Length: > OutboxMessage.NameMaxLength } ? $"ToName is longer than {OutboxMessage.NameMaxLength} characters." : null)
            ?? (message.CorrelationKey is null ? null : Problem(message.CorrelationKey, OutboxMessage.CorrelationKeyMaxLength, "CorrelationKey"))
            ?? (message.About is null ? "About is missing." : null)
            ?? (message.Attachment is { } attachment && (attachment.Content is null) == (attachment.Data is null) ? "Attachment needs either Content or Data." : null)
            ?? (message.SecretInBody is null ? null
                : string.IsNullOrWhiteSpace(message.SecretInBody) ? "SecretInBody is empty."
                : message.Body?.Contains(message.SecretInBody, StringComparison.Ordinal) != true ? "SecretInBody is not in Body." : null);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(message));
        }
    }

    private static string? Problem(string? value, int maxLength, string field) =>
        string.IsNullOrWhiteSpace(value) ? $"{field} is empty."
        : value.Length > maxLength ? $"{field} is longer than {maxLength} characters."
        : null;
}
