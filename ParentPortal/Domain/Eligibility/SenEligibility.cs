using ParentPortal.Domain.Calendar;
using ParentPortal.Domain.Deadlines;

namespace ParentPortal.Domain.Eligibility;

/// <summary>
/// Which route a SEN disagreement takes (Children and Families Act 2014 ss.51-57). Wording is neutral:
/// it states what the law requires and what is available, never which choice to make about mediation.
/// </summary>
public static class SenEligibility
{
    private const DisputedParts EducationParts = DisputedParts.SectionB | DisputedParts.SectionF | DisputedParts.SectionI;
    private const DisputedParts HealthAndSocialCare = DisputedParts.Health | DisputedParts.SocialCare;

    public static SenEligibilityResult Assess(SenEligibilityInput input, DeadlineCalculator deadlines)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(deadlines);

        var parts = input.DisputedParts;
        var healthOrSocialCare = (parts & HealthAndSocialCare) != DisputedParts.None;
        var explanations = new List<string>();

        if (input.Decision == SenDecision.SomethingElse)
        {
            explanations.Add("There is no tribunal deadline for this route.");
            AddHealthAndSocialCare(explanations, healthOrSocialCare);
            return new SenEligibilityResult(
                SenRoute.DisagreementResolution, IsAppealable: false, CertificateNeededBeforeAppeal: false, healthOrSocialCare,
                ContactMediationAdviserBy: null, AppealBy: null, DeadlineHasPassed: false,
                $"This decision cannot be appealed to the tribunal, but independent disagreement resolution is available, and it is voluntary for everyone involved ({LegalSources.DisagreementResolution}).",
                explanations);
        }

        if (input.Decision == SenDecision.PlanContents && parts != DisputedParts.None && (parts & EducationParts) == DisputedParts.None)
        {
            AddHealthAndSocialCare(explanations, healthOrSocialCare);
            explanations.Add("There is no tribunal deadline for health and social care parts on their own.");
            return new SenEligibilityResult(
                SenRoute.DisagreementResolution, IsAppealable: false, CertificateNeededBeforeAppeal: false, healthOrSocialCare,
                ContactMediationAdviserBy: null, AppealBy: null, DeadlineHasPassed: false,
                $"The health and social care parts of an EHC plan cannot be appealed on their own, but they can be mediated ({LegalSources.AppealableDecisions}).",
                explanations);
        }

        // Only an appeal solely about Section I is exempt (s.55). Any other part alongside it, including health
        // or social care, is treated as needing the certificate: the cautious reading.
        var sectionIOnly = input.Decision == SenDecision.PlanContents && parts == DisputedParts.SectionI;
        var decision = Describe(input.Decision);

        string reason;
        if (sectionIOnly)
        {
            reason = $"You can appeal to the tribunal about the school or type of school named in Section I, and an appeal only about Section I does not need a mediation certificate ({LegalSources.MediationBeforeAppeal}).";
            explanations.Add("You can still ask for mediation about Section I if you want it; it is voluntary.");
        }
        else
        {
            reason = $"You can appeal to the tribunal against {decision}, and before appealing you need a mediation certificate, which you get by contacting the mediation adviser ({LegalSources.MediationBeforeAppeal}).";
            explanations.Add("The mediation adviser gives you information about mediation; you then decide whether to have mediation, and you get a certificate either way.");
            explanations.Add($"If you decide not to have mediation, the certificate is issued within {StatutoryPeriods.CertificateWorkingDays} working days of telling the adviser; if you have mediation, it is issued within {StatutoryPeriods.CertificateWorkingDays} working days of the mediation ending.");
            explanations.Add("If you choose mediation, the local authority must take part, and you can change your mind later and ask for the certificate instead.");
            if (input.Decision == SenDecision.PlanContents && (parts & DisputedParts.SectionI) != DisputedParts.None)
            {
                explanations.Add("The appeal is about more than Section I, so the exemption for appeals only about Section I does not apply.");
            }
        }

        AddHealthAndSocialCare(explanations, healthOrSocialCare);

        Deadline? contactBy = null;
        Deadline? appealBy = null;
        var passed = false;
        if (input.DecisionLetterSent is { } letter)
        {
            appealBy = deadlines.AppealBy(letter);
            if (sectionIOnly)
            {
                passed = input.Today > appealBy.Date;
                explanations.Add(passed
                    ? LateExplanation("The time to appeal", appealBy.Date, "the tribunal can accept a late appeal in some circumstances, so contact the tribunal to ask.")
                    : $"The appeal needs to reach the tribunal by {PeriodText.AppealCutOff} on {DateText.Long(appealBy.Date)}.");
            }
            else
            {
                contactBy = deadlines.ContactMediationAdviserBy(letter);
                passed = input.Today > contactBy.Date;
                explanations.Add(passed
                    ? LateExplanation($"The {PeriodText.Months(StatutoryPeriods.ContactMediationAdviserMonths)} to contact the mediation adviser", contactBy.Date, $"if you already have a mediation certificate you have {PeriodText.Months(StatutoryPeriods.AppealMonthsAfterCertificate)} from its date to appeal, and the tribunal can accept a late appeal in some circumstances, so contact the mediation adviser or the tribunal to ask.")
                    : $"The {PeriodText.Months(StatutoryPeriods.ContactMediationAdviserMonths)} to contact the mediation adviser run until {DateText.Long(contactBy.Date)}.");
            }
        }
        else
        {
            explanations.Add(sectionIOnly
                ? "The time to appeal is counted from the date the decision letter was sent: enter it to see the deadline."
                : "The time to contact the mediation adviser is counted from the date the decision letter was sent: enter it to see the deadline.");
        }

        return new SenEligibilityResult(
            sectionIOnly ? SenRoute.AppealWithoutCertificate : SenRoute.AppealAfterMediationAdvice,
            IsAppealable: true,
            CertificateNeededBeforeAppeal: !sectionIOnly,
            healthOrSocialCare,
            contactBy,
            appealBy,
            passed,
            reason,
            explanations);
    }

    public static string Describe(SenDecision decision) => decision switch
    {
        SenDecision.RefusalToAssess => "a refusal to carry out an EHC needs assessment",
        SenDecision.RefusalToIssuePlan => "a refusal to issue an EHC plan after an assessment",
        SenDecision.PlanContents => "the contents of an EHC plan",
        SenDecision.RefusalToReassess => "a refusal to carry out a re-assessment",
        SenDecision.RefusalToAmendAfterReview => "a refusal to amend or replace an EHC plan after a review or re-assessment",
        SenDecision.DecisionToCeaseToMaintain => "a decision to stop maintaining an EHC plan",
        SenDecision.SomethingElse => "a decision that is not one of those that can be appealed",
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "Unknown decision."),
    };

    private static void AddHealthAndSocialCare(List<string> explanations, bool inDispute)
    {
        if (inDispute)
        {
            explanations.Add(
                "Health and social care needs and provision can be included in mediation and raised with the local authority; "
                + "in some appeals about an EHC plan, the tribunal can also be asked to make recommendations about them.");
        }
    }

    // Never a dead end: the tribunal can extend time, and a certificate already issued gives its own month.
    private static string LateExplanation(string period, DateOnly deadline, string whatNext) =>
        $"{period} ended on {DateText.Long(deadline)}, but this is not necessarily the end: {whatNext}";
}
