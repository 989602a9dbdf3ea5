using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Identity;
using ParentPortal.Features.Messaging;
using ParentPortal.Features.Service;

namespace ParentPortal.Features.Cases;

/// <summary>Who was on the call and what they agreed to, recorded when an adviser starts an application over the phone.</summary>
public sealed class PhoneCallDetails
{
    public string CallerIs { get; set; } = "parent";

    public string? ThirdPartyRelationship { get; set; }

    public string? CallerName { get; set; }

    public string? CallerEmail { get; set; }

    public bool ConsentToAct { get; set; }

    public bool ConsentToContactSchool { get; set; }

    public bool ConsentToContactLocalAuthority { get; set; }

    public string? InterpreterLanguage { get; set; }

    /// <summary>For example BSL, text relay, large print.</summary>
    public string? Adaptations { get; set; }
}

public sealed record PhoneStartResult(bool Succeeded, IReadOnlyList<FieldError> Errors, Guid? ApplicationId = null);

public sealed record InvitationResult(bool Succeeded, string Message, string? Code = null);

public sealed record ClaimResult(bool Succeeded, string Message, Guid? ApplicationId = null);

/// <summary>
/// Advisers fill in applications for callers, through the same journey and checks as parents. The
/// application belongs to a placeholder until the family signs in and claims it with a one-time code,
/// after which it is theirs and they see everything entered for them.
/// </summary>
public sealed class PhoneApplications(IDbContextFactory<PortalDbContext> contextFactory, ServiceDirectory services, TimeProvider clock)
{
    public const string PlaceholderPrefix = "phone:";
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(30);
    private const string CodeAlphabet = ApplicationReference.Alphabet;
    private static readonly TextField Relationship = new("relationship", "The caller's relationship to the family", 200, Missing: "Enter the caller's relationship to the family, for example grandparent or support worker");
    private static readonly TextField CallerName = new("caller-name", "The name", 200, Missing: "Enter the name of the parent or young person the application is for");
    private static readonly TextField CallerEmail = new("caller-email", "The email address", 254);
    private static readonly TextField Interpreter = new("interpreter", "The interpreter's language", 200);
    private static readonly TextField Adaptations = new("adaptations", "The adaptations", 200, Lines: true);

    public async Task<PhoneStartResult> StartAsync(ClaimsPrincipal user, PhoneCallDetails details, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(details);
        var errors = new List<FieldError>();
        if (details.CallerIs is not ("parent" or "young-person" or "third-party"))
        {
            errors.Add(new("caller-is", "Select who is on the call"));
        }

        var relationship = Relationship.Read(details.ThirdPartyRelationship, errors, required: details.CallerIs == "third-party");
        var name = CallerName.Read(details.CallerName, errors, required: true);
        var email = CallerEmail.Read(details.CallerEmail, errors);
        if (email is not null && (!System.Net.Mail.MailAddress.TryCreate(email, out var address) || address.Address != email))
        {
            errors.Add(new("caller-email", "Enter an email address in the correct format, like name@example.com"));
        }

        if (!details.ConsentToAct)
        {
            errors.Add(new("consent", "You need the family's consent to fill in an application for them. Ask them, and tick the box if they agree"));
        }

        var interpreter = Interpreter.Read(details.InterpreterLanguage, errors);
        var adaptations = Adaptations.Read(details.Adaptations, errors);
        details = new PhoneCallDetails
        {
            CallerIs = details.CallerIs, ThirdPartyRelationship = details.CallerIs == "third-party" ? relationship : null, CallerName = name, CallerEmail = email,
            ConsentToAct = details.ConsentToAct, ConsentToContactSchool = details.ConsentToContactSchool, ConsentToContactLocalAuthority = details.ConsentToContactLocalAuthority,
            InterpreterLanguage = interpreter, Adaptations = adaptations,
        };

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        if (staff is not { IsAdviserOrManager: true })
        {
            return new(false, [new FieldError("", "Only advisers and service managers can fill in applications for callers.")]);
        }

        if (errors.Count > 0)
        {
            return new(false, errors);
        }

        var now = clock.GetUtcNow();
        var placeholder = new PortalUser
        {
            Id = Guid.NewGuid(),
            Subject = PlaceholderPrefix + Guid.NewGuid().ToString("N"),
            DisplayName = name!,
            Email = email,
            FirstSignedInAt = now,
            LastSignedInAt = now,
        };
        var answers = TriageAnswers.Empty;
        var application = new Application
        {
            Id = Guid.NewGuid(),
            OwnerId = placeholder.Id,
            Status = ApplicationStatus.Draft,
            AnswersJson = answers.ToJson(),
            CreatedAt = now,
            UpdatedAt = now,
            CreatedBySubject = staff.Subject,
            // The adviser who takes the call looks after the case: they may issue its documents.
            AdviserId = staff.StaffId,
            PhoneDetailsJson = JsonSerializer.Serialize(details),
        };
        db.Users.Add(placeholder);
        db.Applications.Add(application);
        AuditLog.Write(db, staff, "phone-application-started", "application", application.Id.ToString(), now);
        await db.SaveChangesAsync(cancellationToken);
        return new(true, [], application.Id);
    }

    /// <summary>A one-time code for the family to take the application over; sent by e-mail when there is an address.</summary>
    public async Task<InvitationResult> InviteAsync(ClaimsPrincipal user, Guid applicationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        var application = staff is { IsAdviserOrManager: true } ? await StaffAccess.VisibleCases(db.Applications, staff).Include(a => a.Owner).FirstOrDefaultAsync(a => a.Id == applicationId, cancellationToken) : null;
        if (staff is null || application?.Owner is null)
        {
            return new(false, "We could not find that application.");
        }

        if (!application.Owner.Subject.StartsWith(PlaceholderPrefix, StringComparison.Ordinal))
        {
            return new(false, "The family already has this application in their own account.");
        }

        var now = clock.GetUtcNow();
        var code = NewCode();
        db.ApplicationInvitations.Add(new ApplicationInvitation
        {
            Id = Guid.NewGuid(),
            ApplicationId = application.Id,
            CodeHash = Hash(code),
            CreatedAt = now,
            ExpiresAt = now + InvitationLifetime,
            CreatedBySubject = staff.Subject,
        });
        var answers = TriageAnswers.FromJson(application.AnswersJson);
        var address = answers[AnswerKeys.ContactEmail] ?? application.Owner.Email;
        if (address is not null)
        {
            var profile = await services.GetAsync(cancellationToken);
            await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
            {
                Kind = "application-invitation",
                ToAddress = address,
                ToName = application.Owner.DisplayName,
                Subject = "Your application: take it over in the portal",
                Body = $"""
                    An adviser at {profile.Name} has filled in an application with you over the phone.

                    To see it, and to follow it from now on, sign in to the portal, choose "Your applications" and then "I have a code", and enter:

                    {code}

                    The code works once and until {UkDates.LongDate(UkDates.DateIn(now + InvitationLifetime))}.
                    """,
            }, now, cancellationToken);
        }

        AuditLog.Write(db, staff, "invitation-created", "application", application.Id.ToString(), now);
        await db.SaveChangesAsync(cancellationToken);
        return new(true, address is null
            ? "Read this code to the family. They sign in, choose \"I have a code\" and enter it."
            : "We have e-mailed the code to the family. You can also read it to them.", code);
    }

    /// <summary>The family, signed in, takes the application over with the code.</summary>
    public async Task<ClaimResult> ClaimAsync(ClaimsPrincipal user, string? code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var normalised = Normalise(code);
        if (normalised is null)
        {
            return new(false, "Enter the code exactly as we gave it to you: 10 letters and numbers");
        }

        var subject = user.Subject();
        if (subject is null || subject.StartsWith(PlaceholderPrefix, StringComparison.Ordinal))
        {
            return new(false, "Sign in first.");
        }

        var now = clock.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await StaffAccess.ForAsync(db, user, cancellationToken) is not null)
        {
            return new(false, "Staff cannot take over a family's application. Sign in with the family's own account.");
        }

        var hash = Hash(normalised);
        var invitation = await db.ApplicationInvitations.FirstOrDefaultAsync(i => i.CodeHash == hash, cancellationToken);
        if (invitation is null || invitation.ClaimedAt is not null || invitation.ExpiresAt <= now)
        {
            return new(false, "That code has not worked. Check it, or call the helpline for a new one.");
        }

        // One claim per code, even when two people try it at once: the conditional update decides, in one transaction with the move.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.ApplicationInvitations.Where(i => i.Id == invitation.Id && i.ClaimedAt == null).ExecuteUpdateAsync(i => i.SetProperty(x => x.ClaimedAt, now), cancellationToken) != 1)
        {
            return new(false, "That code has already been used. If it was not you, call the helpline.");
        }

        var application = await db.Applications.Include(a => a.Owner).FirstAsync(a => a.Id == invitation.ApplicationId, cancellationToken);
        var me = await db.Users.FirstOrDefaultAsync(u => u.Subject == subject, cancellationToken);
        if (me is null)
        {
            me = new PortalUser { Id = Guid.NewGuid(), Subject = subject, DisplayName = user.FindFirst("name")?.Value, FirstSignedInAt = now, LastSignedInAt = now };
            db.Users.Add(me);
        }

        var placeholderId = application.OwnerId;
        application.OwnerId = me.Id;
        application.Version++;
        invitation.ClaimedAt = now;
        invitation.ClaimedByUserId = me.Id;
        // Bookings made for the family by an adviser move with the application.
        await db.SessionBookings.Where(b => b.ApplicationId == application.Id && b.UserId == placeholderId)
            .ExecuteUpdateAsync(b => b.SetProperty(x => x.UserId, me.Id), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await ForgetPlaceholderAsync(placeholderId, cancellationToken);
        return new(true, "The application is now in your account.", application.Id);
    }

    /// <summary>
    /// The sign-in record the adviser made on the phone holds the caller's name and e-mail: once the family has
    /// taken over everything it owned, it goes. Anything still linked to it keeps it (the retention job removes it later).
    /// </summary>
    private async Task ForgetPlaceholderAsync(Guid placeholderId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Applications.AnyAsync(a => a.OwnerId == placeholderId, cancellationToken) || await db.SessionBookings.AnyAsync(b => b.UserId == placeholderId, cancellationToken))
        {
            return;
        }

        try
        {
            await db.Users.Where(u => u.Id == placeholderId && u.Subject.StartsWith(PlaceholderPrefix)).ExecuteDeleteAsync(cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            // Still referenced somewhere: left for the retention job.
        }
    }

    public static string? Normalise(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var compact = new string([.. code.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant)]);
        return compact.Length == 10 && compact.All(CodeAlphabet.Contains) ? compact : null;
    }

    private static string NewCode()
    {
        Span<char> chars = stackalloc char[10];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        }

        return new string(chars);
    }

    private static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}
