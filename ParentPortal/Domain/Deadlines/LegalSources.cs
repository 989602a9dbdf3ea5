namespace ParentPortal.Domain.Deadlines;

/// <summary>The citations that reasons end with; rules marked (check) in the domain guide are named, not numbered.</summary>
public static class LegalSources
{
    public const string ContactMediationAdviser = "Children and Families Act 2014, section 55, and SEND Regulations 2014, regulation 33";
    public const string Appeal = "First-tier Tribunal rules, rules 12 and 20";
    public const string CertificateNotPursuingMediation = "SEND Regulations 2014, regulation 34";
    public const string CertificateAfterMediation = "SEND Regulations 2014, the rule on certificates after mediation";
    public const string CertificateMediationNotArranged = "SEND Regulations 2014, the rule on mediation that cannot be arranged in time";
    public const string Certificate = "SEND Regulations 2014, the rules on mediation certificates";
    public const string ArrangeMediation = "SEND Regulations 2014, the rule on arranging mediation";
    public const string MediationNotice = "SEND Regulations 2014, the rule on notice of a mediation meeting";
    public const string HealthIssuesToIcb = "SEND Regulations 2014, the rule on health care issues in mediation";
    public const string AgreedActions = "SEND Regulations 2014, regulation 42";
    public const string AgreedActionsAppealable = "SEND Regulations 2014, regulations 42(3) and 44(2)";
    public const string AnnualReview = "SEND Regulations 2014, regulations 20 and 21";
    public const string AnnualReviewNotice = "SEND Regulations 2014, regulation 20(3)";
    public const string AnnualReviewAdvice = "SEND Regulations 2014, regulation 20(4)";
    public const string AnnualReviewReport = "SEND Regulations 2014, regulation 20(7)";
    public const string LaReviewDecision = "SEND Regulations 2014, regulation 20(10)";
    public const string DraftPlan = "SEND Regulations 2014, regulation 13(1)(a)";
    public const string AppealableDecisions = "Children and Families Act 2014, section 51";
    public const string MediationBeforeAppeal = "Children and Families Act 2014, section 55";
    public const string DisagreementResolution = "Children and Families Act 2014, the duty to arrange disagreement resolution";
}
