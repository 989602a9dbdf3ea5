using ParentPortal.Domain.Deadlines;

namespace ParentPortal.Domain.Cases;

/// <summary>The dates that drive a case's statutory clocks. Each is null until the event happens.</summary>
public sealed record CaseFacts(
    string Route,
    CaseStage Stage,
    DateOnly? DecisionLetterSent = null,
    bool Appealable = false,
    DateOnly? CertificateTriggeredOn = null,
    CertificateTrigger? CertificateTrigger = null,
    DateOnly? CertificateIssuedOn = null,
    DateOnly? LaToldOfMediationOn = null,
    DateOnly? MeetingOn = null,
    DateOnly? NoticeGivenOn = null,
    bool ShortNoticeAgreed = false,
    DateOnly? MeetingHeldOn = null,
    bool AnnualReview = false,
    DateOnly? MediationChosenOn = null,
    bool HealthIssues = false,
    DateOnly? HealthBodiesToldOn = null,
    DateOnly? DraftPlanSentOn = null);

/// <param name="StaffAction">A clock the service must meet (certificate, mediation, notice); the appeal deadline is the parent's.</param>
public sealed record CaseClock(string Key, string Label, Deadline Deadline, bool StaffAction)
{
    public bool IsOverdue(DateOnly today) => Deadline.Date < today;
}

/// <summary>Which statutory clocks are running on a case, from its facts, soonest first.</summary>
public static class CaseClocks
{
    /// <summary>
    /// Clocks that contradict each other and never run together: a certificate is due only when mediation is not going
    /// ahead, and the local authority's 30 days replace the clock for telling it.
    /// </summary>
    public static readonly IReadOnlyList<(string First, string Second)> ExcludingEachOther =
    [
        ("certificate", "mediation"),
        ("certificate", "tell-la"),
        ("tell-la", "mediation"),
    ];

    public static IReadOnlyList<CaseClock> Running(CaseFacts facts, DeadlineCalculator calculator)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(calculator);
        var clocks = new List<CaseClock>();
        if (facts.Stage == CaseStage.Closed)
        {
            return clocks;
        }

        if (facts.CertificateTriggeredOn is { } triggered && facts.CertificateIssuedOn is null)
        {
            var due = facts.CertificateTrigger is { } kind ? calculator.CertificateDueBy(triggered, kind) : calculator.CertificateDueBy(triggered);
            clocks.Add(new("certificate", "Certificate due", due, StaffAction: true));
        }

        // A certificate being due means mediation is not going ahead (the family chose only the certificate, or the local
        // authority could not arrange it): no mediation clock runs beside it (issue 12 item 19; see ExcludingEachOther).
        var mediationAhead = clocks.Count == 0 && facts.MeetingHeldOn is null;
        if (mediationAhead && facts.LaToldOfMediationOn is { } told && facts.Route != CaseWorkflow.Facilitation)
        {
            clocks.Add(new("mediation", "Mediation to be arranged by", calculator.MediationHeldBy(told), StaffAction: true));
        }
        else if (mediationAhead && facts.MediationChosenOn is { } chosen && facts.LaToldOfMediationOn is null && facts.Route == CaseWorkflow.Sen)
        {
            // The local authority's 30 days start when it is told, not when the family chose: until then, telling it is the clock.
            clocks.Add(new("tell-la", "Tell the local authority by", calculator.TellLocalAuthorityBy(chosen), StaffAction: true));
        }

        // Health or social care issues: the integrated care board is to be told within 3 working days of the local authority.
        if (mediationAhead && facts.HealthIssues && facts.Route == CaseWorkflow.Sen && facts.LaToldOfMediationOn is { } laTold && facts.HealthBodiesToldOn is null)
        {
            clocks.Add(new("health", "Health bodies to be told by", calculator.HealthReferralBy(laTold), StaffAction: true));
        }

        if (facts.MeetingOn is { } meeting && facts.NoticeGivenOn is null && !facts.ShortNoticeAgreed && facts.MeetingHeldOn is null)
        {
            if (NoticeBy(facts.Route, facts.AnnualReview, meeting, calculator) is { } notice)
            {
                clocks.Add(new("notice", "Meeting notice by", notice, StaffAction: true));
            }
        }

        clocks.AddRange(FacilitationClocks(facts, calculator));

        if (facts.Route == CaseWorkflow.Sen && facts.Appealable && facts.DecisionLetterSent is { } letter)
        {
            clocks.Add(new("appeal", "Appeal deadline", calculator.AppealBy(letter, facts.CertificateIssuedOn), StaffAction: false));
        }

        return [.. clocks.OrderBy(c => c.Deadline.Date)];
    }

    /// <summary>
    /// The clocks of a facilitated meeting (seed 004): for an annual review, the advice and information to everyone invited
    /// before it, then the report and the local authority's decision after it; for a draft plan, the family's days to comment.
    /// </summary>
    private static IEnumerable<CaseClock> FacilitationClocks(CaseFacts facts, DeadlineCalculator calculator)
    {
        if (facts.Route != CaseWorkflow.Facilitation)
        {
            yield break;
        }

        if (facts.AnnualReview && facts.MeetingHeldOn is null && facts.MeetingOn is { } meeting)
        {
            yield return new("papers", "Advice and information to everyone invited by", calculator.AnnualReviewPapersBy(meeting), StaffAction: true);
        }

        if (facts.AnnualReview && facts.MeetingHeldOn is { } held)
        {
            // Both are other people's duties (the person who arranged the review, and the local authority): shown so the
            // family and the facilitator can hold them to it, never what the service's queue sorts by.
            yield return new("review-report", "Annual review report due by", calculator.AnnualReviewReportBy(held), StaffAction: false);
            yield return new("review-decision", "Local authority's decision on the plan by", calculator.LaReviewDecisionBy(held), StaffAction: false);
        }

        if (facts.DraftPlanSentOn is { } draft && facts.MeetingHeldOn is null)
        {
            yield return new("comments", "Comments on the draft plan by", calculator.DraftPlanCommentsBy(draft), StaffAction: false);
        }
    }

    /// <summary>
    /// The day the family must be told of a meeting's date and place by: for a mediation (SEN or bullying) 5 working days
    /// before it; for an annual review 2 weeks before; other facilitated meetings have no rule (null).
    /// </summary>
    public static Deadline? NoticeBy(string route, bool annualReview, DateOnly meeting, DeadlineCalculator calculator)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        return route == CaseWorkflow.Facilitation
            ? annualReview ? calculator.AnnualReviewNoticeBy(meeting) : null
            : calculator.MediationNoticeBy(meeting);
    }

    /// <summary>The date a queue sorts by: the earliest clock the service itself must meet, else the appeal deadline.</summary>
    public static DateOnly? MostUrgent(IReadOnlyList<CaseClock> clocks)
    {
        ArgumentNullException.ThrowIfNull(clocks);
        return clocks.Where(c => c.StaffAction).Select(c => (DateOnly?)c.Deadline.Date).Min() ?? clocks.Select(c => (DateOnly?)c.Deadline.Date).Min();
    }
}
