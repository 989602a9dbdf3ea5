namespace ParentPortal.Domain.Deadlines;

/// <summary>
/// Every number the deadline rules use, in one place so that a rule can be corrected here alone.
/// Rules marked (check) were not confirmed against the legislation text: they are cited by name, not number.
/// </summary>
public static class StatutoryPeriods
{
    // Children and Families Act 2014 s.55 and SEND Regulations 2014 reg 33: contact the mediation adviser
    // within 2 months after written notice of the decision was sent.
    public const int ContactMediationAdviserMonths = 2;

    // First-tier Tribunal (HESC) Rules 2008 rule 20: the appeal must arrive within 2 months after the decision
    // letter was sent or 1 month after the mediation certificate was issued, whichever is later.
    public const int AppealMonthsAfterDecisionLetter = 2;
    public const int AppealMonthsAfterCertificate = 1;

    // HESC Rules rule 12(1): an act due on a day is due by 5pm on that day.
    public const int AppealCutOffHour = 17;

    // HESC Rules rule 12(3) (SEN cases): a period ending from 25 December to 1 January inclusive, or in
    // August, ends on the first working day after 1 January or 31 August.
    public const int SenChristmasRollOverFirstDecemberDay = 25;
    public const int SenChristmasRollOverLastJanuaryDay = 1;
    public const int SenSummerRollOverMonth = 8;

    // SEND Regulations 2014 reg 34 (not pursuing mediation); the rule on certificates after mediation; and
    // (check) the rule on mediation the local authority cannot arrange in time: a certificate within 3 working days.
    public const int CertificateWorkingDays = 3;

    // SEND Regulations 2014, the rule on arranging mediation: within 30 (calendar) days of being told.
    public const int ArrangeMediationDays = 30;

    // Not a rule of law: the service's own target for telling the local authority that a family wants to try
    // mediation (its 30 days start only when it is told). The same 3 working days the certificate rules use.
    public const int TellLocalAuthorityWorkingDays = 3;

    // (check) SEND Regulations 2014, the rule on notice of a mediation meeting: the parent is told the date
    // and place at least 5 working days before, unless they agree to less.
    public const int MediationNoticeWorkingDays = 5;

    // (check) SEND Regulations 2014, the rule on health care issues in mediation: the local authority tells
    // the integrated care board within 3 working days.
    public const int HealthIssuesToIcbWorkingDays = 3;

    // SEND Regulations 2014 reg 42: agreed actions on matters that cannot be appealed are done within
    // 2 weeks of the agreement, unless the parties agree other dates in writing.
    public const int AgreedActionsDays = 14;

    // SEND Regulations 2014 reg 42(3): where the agreement is about a matter that can be appealed, the local authority
    // must do what was agreed within the periods in reg 44 for complying with an order of the First-tier Tribunal, read
    // as running from the day of the agreement. Reg 44(2): "(b) requires a local authority to make an assessment or
    // reassessment, the local authority shall within 2 weeks of the order being made notify the child's parent or the
    // young person that it shall make the assessment"; "(c) requires a local authority to make and maintain an EHC
    // Plan, the local authority shall (i) issue a draft EHC Plan within 5 weeks of the order being made"; an order to
    // amend the special educational provision (a plan's contents, or a refusal to amend after a review) is complied
    // with "within 5 weeks"; "(a) dismisses an appeal against a determination to cease an EHC Plan" aside, an order to
    // continue to maintain a plan takes effect immediately (0 days).
    public const int AgreedAssessmentNoticeDays = 14;
    public const int AgreedDraftPlanDays = 35;
    public const int AgreedPlanAmendmentDays = 35;
    public const int AgreedContinueToMaintainDays = 0;

    // SEND Regulations 2014 reg 20 (a child at a school or other institution; reg 21 says the same where the child
    // attends none): "(3) At least two weeks' notice of the date of the meeting must be given." "(4) The person
    // arranging the review meeting must obtain advice and information ... and must circulate it to those persons at
    // least two weeks in advance of the review meeting." The report of the meeting is prepared and sent "within two
    // weeks of the review meeting" (reg 20(7)), and "Within four weeks of the review meeting, the local authority must
    // decide whether it proposes to keep the EHC plan as it is, amend the plan, or cease to maintain the plan" (reg 20(10)).
    public const int AnnualReviewNoticeDays = 14;
    public const int AnnualReviewPapersDays = 14;
    public const int AnnualReviewReportDays = 14;
    public const int LaReviewDecisionDays = 28;

    // SEND Regulations 2014 reg 13(1)(a): when the local authority sends a draft plan it must "give them at least 15
    // days, beginning with the day on which the draft plan was served" to make representations and ask for a meeting.
    // Read as counting the day it was sent as the first, so the 15th day is 14 days after it (the earlier, safer date:
    // a posted draft may be served later than it was sent).
    public const int DraftPlanCommentDays = 15;
}
