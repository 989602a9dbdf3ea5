using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Helpline;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;

namespace ParentPortal.Features.Advisers;

public sealed class CallForm
{
    public DateTimeOffset? StartedAt { get; set; }

    public int? DurationMinutes { get; set; }

    public CallerType? CallerType { get; set; }

    public string? Topic { get; set; }

    public string? Route { get; set; }

    public int? LocalAuthorityId { get; set; }

    public string Language { get; set; } = "English";

    public bool InterpreterUsed { get; set; }

    public CallOutcome? Outcome { get; set; }

    public string? ApplicationReference { get; set; }
}

public sealed record CallRow(long Id, DateTimeOffset StartedAt, int DurationMinutes, CallerType CallerType, string Topic, string? LocalAuthority, CallOutcome Outcome, string Language, bool InterpreterUsed);

/// <summary>Logging a helpline call in a few clicks, for the monitoring reports. No names: only what the reports count.</summary>
public sealed class CallLogHandler(IDbContextFactory<PortalDbContext> contextFactory, TimeProvider clock)
{
    public const string NoSuchReference = "We cannot find an application with that reference among the cases you can open. Check it, or leave it empty";

    private static readonly TextField Language = new("language", "The language", 100, Missing: "Enter the language the call was in");

    public async Task<(bool Succeeded, IReadOnlyList<FieldError> Errors)> LogAsync(ClaimsPrincipal user, CallForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        if (staff is not { IsAdviserOrManager: true })
        {
            return (false, [new FieldError("", "Only advisers and service managers log helpline calls.")]);
        }

        var now = clock.GetUtcNow();
        var errors = new List<FieldError>();
        if (form.StartedAt is not { } started || started > now.AddMinutes(5) || started < now.AddDays(-31))
        {
            errors.Add(new("started", "Enter when the call started: today or within the last month"));
        }

        if (form.DurationMinutes is not (>= 1 and <= 240))
        {
            errors.Add(new("duration", "Enter how long the call lasted, in minutes, between 1 and 240"));
        }

        if (form.CallerType is not { } caller || !Enum.IsDefined(caller))
        {
            errors.Add(new("caller", "Select who called"));
        }

        if (CallTopics.All.All(t => t.Value != form.Topic))
        {
            errors.Add(new("topic", "Select what the call was about"));
        }

        if (form.Route is not (null or "" or AnswerKeys.Sen or AnswerKeys.Bullying or AnswerKeys.Facilitation))
        {
            errors.Add(new("route", "Select the kind of help, or none"));
        }

        if (form.Outcome is not { } outcome || !Enum.IsDefined(outcome))
        {
            errors.Add(new("outcome", "Select the outcome of the call"));
        }

        var language = Language.Read(form.Language, errors, required: true);

        if (form.LocalAuthorityId is { } la && !await db.LocalAuthorities.AnyAsync(l => l.Id == la, cancellationToken))
        {
            errors.Add(new("area", "Select a local authority from the list"));
        }

        Guid? applicationId = null;
        if (!string.IsNullOrWhiteSpace(form.ApplicationReference))
        {
            var reference = ApplicationReference.Normalise(form.ApplicationReference);
            // Only a case this adviser may open can be linked, and a reference they may not open reads exactly like one
            // that does not exist: the call log never says whether another family's reference is real.
            applicationId = reference is null ? null : await db.Applications.VisibleTo(staff).Where(a => a.Reference == reference).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
            if (applicationId is null)
            {
                errors.Add(new("reference", NoSuchReference));
            }
        }

        if (errors.Count > 0)
        {
            return (false, errors);
        }

        db.CallLog.Add(new CallLogEntry
        {
            StartedAt = form.StartedAt!.Value.ToUniversalTime(),
            DurationMinutes = form.DurationMinutes!.Value,
            CallerType = form.CallerType!.Value,
            Topic = form.Topic!,
            Route = string.IsNullOrEmpty(form.Route) ? null : form.Route,
            LocalAuthorityId = form.LocalAuthorityId,
            Language = language!,
            InterpreterUsed = form.InterpreterUsed,
            Outcome = form.Outcome!.Value,
            ApplicationId = applicationId,
            StaffId = staff.StaffId,
        });
        await db.SaveChangesAsync(cancellationToken);
        return (true, []);
    }

    /// <summary>The calls this member of staff logged recently.</summary>
    public async Task<IReadOnlyList<CallRow>> MineAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var staff = await StaffAccess.ForAsync(db, user, cancellationToken);
        if (staff is null)
        {
            return [];
        }

        return await db.CallLog.AsNoTracking().Where(c => c.StaffId == staff.StaffId).OrderByDescending(c => c.StartedAt).Take(20)
            .Select(c => new CallRow(c.Id, c.StartedAt, c.DurationMinutes, c.CallerType, c.Topic, c.LocalAuthority!.Name, c.Outcome, c.Language, c.InterpreterUsed))
            .ToListAsync(cancellationToken);
    }
}
