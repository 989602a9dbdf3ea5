using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Features.Advisers;

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

/// <summary>
/// An adviser fills in an application for a caller, through the same journey and checks as parents. The application
/// belongs to a placeholder (<see cref="PhoneApplicationOwner"/>) until the family signs in and claims it with a one-time
/// code, after which it is theirs and they see everything entered for them. The adviser who takes the call looks after the case.
/// </summary>
public sealed class StartPhoneApplicationHandler(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    private static readonly TextField Relationship = new("relationship", "The caller's relationship to the family", 200, Missing: "Enter the caller's relationship to the family, for example grandparent or support worker");
    private static readonly TextField CallerName = new("caller-name", "The name", 200, Missing: "Enter the name of the parent or young person the application is for");
    private static readonly TextField CallerEmail = new("caller-email", "The email address", 254);
    private static readonly TextField Interpreter = new("interpreter", "The interpreter's language", 200);
    private static readonly TextField Adaptations = new("adaptations", "The adaptations", 200, Lines: true);

    public async Task<PhoneStartResult> HandleAsync(ClaimsPrincipal user, PhoneCallDetails details, CancellationToken cancellationToken = default)
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
            Subject = PhoneApplicationOwner.Prefix + Guid.NewGuid().ToString("N"),
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
            SearchText = ApplicationSearchText.For(answers, placeholder.DisplayName, placeholder.Email, null),
        };
        db.Users.Add(placeholder);
        db.Applications.Add(application);
        AuditLog.Write(db, staff, "phone-application-started", "application", application.Id.ToString(), now);
        await db.SaveChangesAsync(cancellationToken);
        return new(true, [], application.Id);
    }
}
