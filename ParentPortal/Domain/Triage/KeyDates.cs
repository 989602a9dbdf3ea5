using ParentPortal.Domain.Deadlines;
using ParentPortal.Domain.Eligibility;

namespace ParentPortal.Domain.Triage;

/// <param name="Key">Stable name of the date: contact-adviser, appeal, notice, papers or comments.</param>
public sealed record KeyDate(string Key, string Label, Deadline Deadline);

/// <summary>What the answers mean: the route's assessment and the dates that matter, for the journey's side panel and summaries.</summary>
public static class KeyDates
{
    public static SenEligibilityResult? Sen(TriageAnswers answers, DeadlineCalculator calculator, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return answers.Route == AnswerKeys.Sen && answers.SenDecision is { } decision
            ? SenEligibility.Assess(new SenEligibilityInput(decision, answers.DisputedParts, today, answers.Date(AnswerKeys.SenLetterDate)), calculator)
            : null;
    }

    public static BullyingEligibilityResult? Bullying(TriageAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return answers.Route == AnswerKeys.Bullying && answers.List(AnswerKeys.BullyingStages).Count > 0
            ? BullyingEligibility.Assess(new BullyingEligibilityInput(answers.ComplaintStages, answers[AnswerKeys.BullyingRacist] == "yes", answers.ReferredBySchool))
            : null;
    }

    public static FacilitationResult? Facilitation(TriageAnswers answers, DeadlineCalculator calculator, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return answers.Route == AnswerKeys.Facilitation && answers.MeetingType is { } type
            ? FacilitationEligibility.Assess(new FacilitationInput(type, today, answers.Date(AnswerKeys.MeetingDate), answers.Date(AnswerKeys.DraftPlanSent)), calculator)
            : null;
    }

    /// <summary>The statutory dates these answers give, soonest first.</summary>
    public static IReadOnlyList<KeyDate> For(TriageAnswers answers, DeadlineCalculator calculator, DateOnly today)
    {
        var dates = new List<KeyDate>();
        if (Sen(answers, calculator, today) is { } sen)
        {
            if (sen.ContactMediationAdviserBy is { } contact)
            {
                dates.Add(new("contact-adviser", "Contact the mediation adviser by", contact));
            }

            if (sen.AppealBy is { } appeal)
            {
                dates.Add(new("appeal", "Appeal to the tribunal by", appeal));
            }
        }

        if (Facilitation(answers, calculator, today) is { } facilitation)
        {
            if (facilitation.NoticeBy is { } notice)
            {
                dates.Add(new("notice", "Invitations to the meeting sent by", notice));
            }

            if (facilitation.PapersBy is { } papers)
            {
                dates.Add(new("papers", "Advice and information sent out by", papers));
            }

            if (facilitation.CommentsBy is { } comments)
            {
                dates.Add(new("comments", "Comments on the draft plan due by", comments));
            }
        }

        return [.. dates.OrderBy(d => d.Deadline.Date)];
    }
}
