using ParentPortal.Domain.Deadlines;
using ParentPortal.Domain.Text;

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
        var explanations = new List<Wording>();

        if (input.Decision == SenDecision.SomethingElse)
        {
            explanations.Add("There is no tribunal deadline for this route.");
            AddHealthAndSocialCare(explanations, healthOrSocialCare);
            return new SenEligibilityResult(
                SenRoute.DisagreementResolution, IsAppealable: false, CertificateNeededBeforeAppeal: false, healthOrSocialCare,
                ContactMediationAdviserBy: null, AppealBy: null, DeadlineHasPassed: false,
                Wording.Format("This decision cannot be appealed to the tribunal, but independent disagreement resolution is available, and it is voluntary for everyone involved ({0}).", Source(LegalSources.DisagreementResolution)),
                explanations);
        }

        if (input.Decision == SenDecision.PlanContents && parts != DisputedParts.None && (parts & EducationParts) == DisputedParts.None)
        {
            AddHealthAndSocialCare(explanations, healthOrSocialCare);
            explanations.Add("There is no tribunal deadline for health and social care parts on their own.");
            return new SenEligibilityResult(
                SenRoute.DisagreementResolution, IsAppealable: false, CertificateNeededBeforeAppeal: false, healthOrSocialCare,
                ContactMediationAdviserBy: null, AppealBy: null, DeadlineHasPassed: false,
                Wording.Format("The health and social care parts of an EHC plan cannot be appealed on their own, but they can be mediated ({0}).", Source(LegalSources.AppealableDecisions)),
                explanations);
        }

        // Only an appeal solely about Section I is exempt (s.55). Any other part alongside it, including health
        // or social care, is treated as needing the certificate: the cautious reading.
        var sectionIOnly = input.Decision == SenDecision.PlanContents && parts == DisputedParts.SectionI;
        var decision = Describe(input.Decision);

        Wording reason;
        if (sectionIOnly)
        {
            reason = Wording.Format("You can appeal to the tribunal about the school or type of school named in Section I, and an appeal only about Section I does not need a mediation certificate ({0}).", Source(LegalSources.MediationBeforeAppeal));
            explanations.Add("You can still ask for mediation about Section I if you want it; it is voluntary.");
        }
        else
        {
            reason = Wording.Format("You can appeal to the tribunal against {0}, and before appealing you need a mediation certificate, which you get by contacting the mediation adviser ({1}).", WordingPart.Words(decision), Source(LegalSources.MediationBeforeAppeal));
            explanations.Add("The mediation adviser gives you information about mediation; you then decide whether to have mediation, and you get a certificate either way.");
            explanations.Add(Wording.Format("If you decide not to have mediation, the certificate is issued within {0} working days of telling the adviser; if you have mediation, it is issued within {0} working days of the mediation ending.", Number(StatutoryPeriods.CertificateWorkingDays)));
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
                    : Wording.Format("The appeal needs to reach the tribunal by {0} on {1}.", WordingPart.Words(PeriodText.AppealCutOff), WordingPart.LongDate(appealBy.Date)));
            }
            else
            {
                contactBy = deadlines.ContactMediationAdviserBy(letter);
                passed = input.Today > contactBy.Date;
                explanations.Add(passed
                    ? LateExplanation(
                        Wording.Format("The {0} to contact the mediation adviser", PeriodText.MonthsWording(StatutoryPeriods.ContactMediationAdviserMonths)),
                        contactBy.Date,
                        Wording.Format("if you already have a mediation certificate you have {0} from its date to appeal, and the tribunal can accept a late appeal in some circumstances, so contact the mediation adviser or the tribunal to ask.", PeriodText.MonthsWording(StatutoryPeriods.AppealMonthsAfterCertificate)))
                    : Wording.Format("The {0} to contact the mediation adviser run until {1}.", PeriodText.MonthsWording(StatutoryPeriods.ContactMediationAdviserMonths), WordingPart.LongDate(contactBy.Date)));
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

    private static void AddHealthAndSocialCare(List<Wording> explanations, bool inDispute)
    {
        if (inDispute)
        {
            explanations.Add(
                "Health and social care needs and provision can be included in mediation and raised with the local authority; "
                + "in some appeals about an EHC plan, the tribunal can also be asked to make recommendations about them.");
        }
    }

    // Never a dead end: the tribunal can extend time, and a certificate already issued gives its own month.
    private static Wording LateExplanation(Wording period, DateOnly deadline, Wording whatNext) =>
        Wording.Format("{0} ended on {1}, but this is not necessarily the end: {2}", period, WordingPart.LongDate(deadline), whatNext);

    private static WordingPart Number(int number) => WordingPart.Number(number);

    // The law's own titles stay as they are in every language.
    private static WordingPart Source(string source) => WordingPart.AsTyped(source);
}
