using Microsoft.Extensions.Options;

namespace ParentPortal.Platform.Settings;

/// <summary>
/// How long each kind of record is kept (section <c>Retention</c>). The defaults are a starting point:
/// the service's data protection officer sets the real periods in its retention schedule.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Audit entries are evidence of who did what: none younger than a year is ever deleted, whatever is configured.</summary>
    public static readonly TimeSpan MinimumAuditPeriod = TimeSpan.FromDays(365);

    /// <summary>Run the clean-up every hour in this instance (off in tests, which call the job directly).</summary>
    public bool JobEnabled { get; set; } = true;

    /// <summary>A closed case with its documents, meeting, history, agreement, invitations and survey answer, counted from the day it closed.</summary>
    public TimeSpan ClosedCases { get; set; } = TimeSpan.FromDays(2192);

    /// <summary>A place or waiting-list entry on a session, counted from the end of the session.</summary>
    public TimeSpan SessionBookings { get; set; } = TimeSpan.FromDays(2192);

    /// <summary>A sign-in record (name and e-mail) with nothing left under it, counted from the last sign-in.</summary>
    public TimeSpan InactiveAccounts { get; set; } = TimeSpan.FromDays(1096);

    /// <summary>A helpline call's monitoring record (no names), counted from the call.</summary>
    public TimeSpan CallLog { get; set; } = TimeSpan.FromDays(1096);

    /// <summary>A sent or cancelled e-mail keeps its kind and times for counting; its address, subject and body go after this.</summary>
    public TimeSpan OutboxContent { get; set; } = TimeSpan.FromDays(30);

    /// <summary>An invitation to take over a phone application, counted from when it was claimed or ran out.</summary>
    public TimeSpan Invitations { get; set; } = TimeSpan.FromDays(90);

    /// <summary>A survey answer keeps its rating for the reports; the free-text comment goes after this.</summary>
    public TimeSpan SurveyComments { get; set; } = TimeSpan.FromDays(730);

    /// <summary>Who looked at or changed what.</summary>
    public TimeSpan AuditEntries { get; set; } = TimeSpan.FromDays(2192);

    /// <summary>Erasing a family whose documents were issued more recently than this needs a manager's override reason.</summary>
    public TimeSpan ErasureDocumentHold { get; set; } = TimeSpan.FromDays(2192);

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (var (name, value) in new[]
        {
            (nameof(ClosedCases), ClosedCases), (nameof(SessionBookings), SessionBookings), (nameof(InactiveAccounts), InactiveAccounts),
            (nameof(CallLog), CallLog), (nameof(OutboxContent), OutboxContent), (nameof(Invitations), Invitations),
            (nameof(SurveyComments), SurveyComments), (nameof(AuditEntries), AuditEntries), (nameof(ErasureDocumentHold), ErasureDocumentHold),
        })
        {
            if (value < TimeSpan.FromDays(1))
            {
                problems.Add($"{Section}:{name} is {value}; a retention period must be at least one day (write days as d.00:00:00, e.g. 2192.00:00:00 for six years).");
            }
        }

        if (AuditEntries < MinimumAuditPeriod)
        {
            problems.Add($"{Section}:{nameof(AuditEntries)} is {AuditEntries}; the audit log is kept for at least {MinimumAuditPeriod.Days} days.");
        }

        return problems;
    }
}

/// <summary>Stops start-up on a retention period that would delete records far sooner than anyone meant (e.g. "6" read as six days).</summary>
internal sealed class RetentionOptionsValidation : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
