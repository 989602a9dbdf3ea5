using ParentPortal.Domain.Calendar;
using ParentPortal.Domain.Text;

namespace ParentPortal.Domain.Deadlines;

/// <summary>
/// The one engine for every statutory clock in SEND mediation and facilitation. Cheap to create: build one
/// per request from the current <see cref="WorkingDayCalendar"/> so an imported bank-holiday file takes effect at once.
/// </summary>
public sealed class DeadlineCalculator
{
    // Who acts on a calendar-day deadline decides the weekend advice: act earlier, or just "the date does not move".
    private const bool YouAct = true;
    private const bool OthersAct = false;

    public DeadlineCalculator(WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        Calendar = calendar;
    }

    public WorkingDayCalendar Calendar { get; }

    public DeadlineCalculation Calculate(DeadlineInput input)
    {
        ArgumentNullException.ThrowIfNull(input);

        var errors = input.Validate();
        if (errors.Count > 0)
        {
            return new DeadlineCalculation(errors, null);
        }

        var deadlines = new DeadlineSet(
            ContactMediationAdviserBy: input.DecisionLetterSent is { } letter ? ContactMediationAdviserBy(letter) : null,
            AppealBy: input.DecisionLetterSent is { } sent ? AppealBy(sent, input.CertificateIssued) : null,
            CertificateDueBy: input.CertificateTriggeredOn is { } triggered
                ? input.CertificateTriggerKind is { } kind ? CertificateDueBy(triggered, kind) : CertificateDueBy(triggered)
                : null,
            MediationHeldBy: input.LaToldOfMediationOn is { } told ? MediationHeldBy(told) : null,
            HealthBodiesToldBy: input.HealthIssues && input.LaToldOfMediationOn is { } laTold ? HealthReferralBy(laTold) : null,
            AnnualReviewInviteBy: input.AnnualReviewMeetingOn is { } review ? AnnualReviewNoticeBy(review) : null,
            AnnualReviewAdviceBy: input.AnnualReviewMeetingOn is { } advice ? AnnualReviewPapersBy(advice) : null,
            AnnualReviewReportBy: input.AnnualReviewMeetingOn is { } report ? AnnualReviewReportBy(report) : null,
            LaReviewDecisionBy: input.AnnualReviewMeetingOn is { } decision ? LaReviewDecisionBy(decision) : null,
            DraftPlanCommentsBy: input.DraftPlanSentOn is { } draft ? DraftPlanCommentsBy(draft) : null);
        return new DeadlineCalculation([], deadlines);
    }

    public Deadline ContactMediationAdviserBy(DateOnly decisionLetterSent)
    {
        SupportedDates.ThrowIfOutside(decisionLetterSent, nameof(decisionLetterSent));

        var months = StatutoryPeriods.ContactMediationAdviserMonths;
        var date = decisionLetterSent.AddMonths(months);
        var reason = Wording.Format(
            "If you want to appeal, contact the mediation adviser by {0}, {1} after the decision letter was sent on {2}{3}, "
            + "unless the appeal is only about the school or type of school named in Section I ({4}).",
            WordingPart.LongDate(date), PeriodText.MonthsWording(months), WordingPart.LongDate(decisionLetterSent), MonthEndNote(decisionLetterSent, date), WordingPart.AsTyped(LegalSources.ContactMediationAdviser));
        return CalendarDayDeadline(date, reason, YouAct);
    }

    public Deadline AppealBy(DateOnly decisionLetterSent, DateOnly? certificateIssued = null)
    {
        SupportedDates.ThrowIfOutside(decisionLetterSent, nameof(decisionLetterSent));
        if (certificateIssued is { } issued)
        {
            SupportedDates.ThrowIfOutside(issued, nameof(certificateIssued));
        }

        var letterMonths = StatutoryPeriods.AppealMonthsAfterDecisionLetter;
        var certificateMonths = StatutoryPeriods.AppealMonthsAfterCertificate;
        var letterEnd = decisionLetterSent.AddMonths(letterMonths);
        var letterPeriod = Wording.Format("{0} after the decision letter was sent on {1}", PeriodText.MonthsWording(letterMonths), WordingPart.LongDate(decisionLetterSent));

        Wording basis;
        DateOnly end;
        var warnings = new List<Wording>();
        if (certificateIssued is not { } certificate)
        {
            end = letterEnd;
            basis = Wording.Format("{0} is {1}{2}", letterPeriod, WordingPart.LongDate(end), MonthEndNote(decisionLetterSent, end));
            warnings.Add(Wording.Format("If a mediation certificate is issued, the deadline becomes the later of this date and {0} after the certificate date.", PeriodText.MonthsWording(certificateMonths)));
        }
        else
        {
            var certificateEnd = certificate.AddMonths(certificateMonths);
            var certificatePeriod = Wording.Format("{0} after the certificate was issued on {1}", PeriodText.MonthsWording(certificateMonths), WordingPart.LongDate(certificate));
            if (letterEnd > certificateEnd)
            {
                end = letterEnd;
                basis = Wording.Format("{0} is {1}{2}, which is later than {3} ({4})", letterPeriod, WordingPart.LongDate(end), MonthEndNote(decisionLetterSent, end), certificatePeriod, WordingPart.LongDate(certificateEnd));
            }
            else if (certificateEnd > letterEnd)
            {
                end = certificateEnd;
                basis = Wording.Format("{0} is {1}{2}, which is later than {3} ({4})", certificatePeriod, WordingPart.LongDate(end), MonthEndNote(certificate, end), letterPeriod, WordingPart.LongDate(letterEnd));
            }
            else
            {
                end = letterEnd;
                basis = Wording.Format("{0} and {1} both end on {2}", letterPeriod, certificatePeriod, WordingPart.LongDate(end));
            }
        }

        var (date, rollOver) = ApplyTribunalRule12(end);
        var reason = Wording.Format("The appeal must reach the tribunal by {0} on {1}: {2}{3} ({4}).",
            WordingPart.Words(PeriodText.AppealCutOff), WordingPart.LongDate(date), basis, rollOver, WordingPart.AsTyped(LegalSources.Appeal));
        return WorkingDayDeadline(date, reason, warnings, end, date);
    }

    /// <summary>The certificate deadline when what started the 3 working days is not known.</summary>
    public Deadline CertificateDueBy(DateOnly triggeredOn)
    {
        SupportedDates.ThrowIfOutside(triggeredOn, nameof(triggeredOn));

        var days = StatutoryPeriods.CertificateWorkingDays;
        var date = Calendar.AddWorkingDays(triggeredOn, days);
        var reason = Wording.Format(
            "The mediation certificate is due by {0}, the {1} working day after {2} (the day the mediation adviser was told mediation is not being pursued, or the day mediation ended), "
            + "not counting that day ({3}).",
            Long(date), Ordinal(days), Long(triggeredOn), Law(LegalSources.Certificate));
        return WorkingDayDeadline(date, reason, [], triggeredOn, date);
    }

    public Deadline CertificateDueBy(DateOnly triggeredOn, CertificateTrigger trigger)
    {
        SupportedDates.ThrowIfOutside(triggeredOn, nameof(triggeredOn));

        var days = StatutoryPeriods.CertificateWorkingDays;
        var date = Calendar.AddWorkingDays(triggeredOn, days);
        var reason = trigger switch
        {
            CertificateTrigger.NotPursuingMediation => Wording.Format(
                "The mediation adviser must issue the certificate by {0}, the {1} working day after being told on {2} that mediation is not being pursued, not counting that day ({3}).",
                Long(date), Ordinal(days), Long(triggeredOn), Law(LegalSources.CertificateNotPursuingMediation)),
            CertificateTrigger.MediationConcluded => Wording.Format(
                "The mediator must issue the certificate by {0}, the {1} working day after the mediation ended on {2}, not counting that day ({3}).",
                Long(date), Ordinal(days), Long(triggeredOn), Law(LegalSources.CertificateAfterMediation)),
            CertificateTrigger.LocalAuthorityCouldNotArrangeMediation => Wording.Format(
                "The mediation adviser must issue the certificate by {0}, the {1} working day after being told on {2} that the local authority could not arrange mediation within {3} days, not counting that day ({4}).",
                Long(date), Ordinal(days), Long(triggeredOn), PeriodText.Number(StatutoryPeriods.ArrangeMediationDays), Law(LegalSources.CertificateMediationNotArranged)),
            _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Unknown certificate trigger."),
        };
        return WorkingDayDeadline(date, reason, [], triggeredOn, date);
    }

    /// <summary>
    /// The service's own target (not a rule of law) for telling the local authority that the family wants to try mediation:
    /// the local authority's 30 days start only when it is told, so a family waits for every day this takes.
    /// </summary>
    public Deadline TellLocalAuthorityBy(DateOnly mediationChosenOn)
    {
        SupportedDates.ThrowIfOutside(mediationChosenOn, nameof(mediationChosenOn));

        var days = StatutoryPeriods.TellLocalAuthorityWorkingDays;
        var date = Calendar.AddWorkingDays(mediationChosenOn, days);
        var reason = Wording.Format(
            "The service aims to tell the local authority by {0}, the {1} working day after the family said on {2} that they want to try mediation. "
            + "This is the service's own target: the local authority's {3} days to arrange mediation start only when it is told ({4}).",
            Long(date), Ordinal(days), Long(mediationChosenOn), PeriodText.Number(StatutoryPeriods.ArrangeMediationDays), Law(LegalSources.ArrangeMediation));
        return WorkingDayDeadline(date, reason, [], mediationChosenOn, date);
    }

    public Deadline MediationHeldBy(DateOnly laToldOfMediationOn)
    {
        SupportedDates.ThrowIfOutside(laToldOfMediationOn, nameof(laToldOfMediationOn));

        var days = StatutoryPeriods.ArrangeMediationDays;
        var date = laToldOfMediationOn.AddDays(days);
        var reason = Wording.Format(
            "The local authority has until {0}, {1} days after it was told on {2} that mediation is wanted, to arrange the mediation: "
            + "the Hertfordshire page reads this as the date being arranged within that time, and advice services read it as the mediation taking place within it ({3}).",
            Long(date), PeriodText.Number(days), Long(laToldOfMediationOn), Law(LegalSources.ArrangeMediation));
        return CalendarDayDeadline(date, reason, OthersAct);
    }

    /// <summary>The latest date the parent can be told the date and place of a mediation meeting without agreeing to shorter notice.</summary>
    public Deadline MediationNoticeBy(DateOnly meetingDate)
    {
        SupportedDates.ThrowIfOutside(meetingDate, nameof(meetingDate));

        var days = StatutoryPeriods.MediationNoticeWorkingDays;
        var date = Calendar.SubtractWorkingDays(meetingDate, days);
        var reason = Wording.Format(
            "The date and place of the mediation on {0} must be given by {1}, at least {2} before it, unless the parent or young person agrees to less notice ({3}).",
            Long(meetingDate), Long(date), PeriodText.WorkingDaysWording(days), Law(LegalSources.MediationNotice));
        return WorkingDayDeadline(date, reason, [], date, meetingDate);
    }

    public DeadlineCheck CheckMediationNotice(DateOnly noticeGivenOn, DateOnly meetingDate)
    {
        SupportedDates.ThrowIfOutside(noticeGivenOn, nameof(noticeGivenOn));

        var deadline = MediationNoticeBy(meetingDate);
        var required = StatutoryPeriods.MediationNoticeWorkingDays;
        var given = Calendar.CountWorkingDays(noticeGivenOn, meetingDate);
        var isMet = noticeGivenOn <= deadline.Date;
        var notice = $"Notice given on {DateText.Long(noticeGivenOn)} is {PeriodText.WorkingDays(given)} before the mediation on {DateText.Long(meetingDate)}";
        var explanation = isMet
            ? $"{notice}, which meets the rule of at least {required} working days ({LegalSources.MediationNotice})."
            : $"{notice}, fewer than the {required} working days the rules give, so the meeting can go ahead on that date only if the parent or young person agrees to less notice ({LegalSources.MediationNotice}).";
        return new DeadlineCheck(isMet, deadline, explanation);
    }

    public Deadline HealthReferralBy(DateOnly laToldOfHealthIssuesOn)
    {
        SupportedDates.ThrowIfOutside(laToldOfHealthIssuesOn, nameof(laToldOfHealthIssuesOn));

        var days = StatutoryPeriods.HealthIssuesToIcbWorkingDays;
        var date = Calendar.AddWorkingDays(laToldOfHealthIssuesOn, days);
        var reason = Wording.Format(
            "The local authority must tell the integrated care board about the health care issues by {0}, the {1} working day after it was told about them on {2}, not counting that day ({3}).",
            Long(date), Ordinal(days), Long(laToldOfHealthIssuesOn), Law(LegalSources.HealthIssuesToIcb));
        return WorkingDayDeadline(date, reason, [], laToldOfHealthIssuesOn, date);
    }

    public DeadlineCheck CheckHealthReferral(DateOnly laToldOfHealthIssuesOn, DateOnly icbToldOn)
    {
        SupportedDates.ThrowIfOutside(icbToldOn, nameof(icbToldOn));

        var deadline = HealthReferralBy(laToldOfHealthIssuesOn);
        var isMet = icbToldOn <= deadline.Date;
        var explanation = isMet
            ? $"Telling the integrated care board on {DateText.Long(icbToldOn)} was in time: the deadline was {DateText.Long(deadline.Date)} ({LegalSources.HealthIssuesToIcb})."
            : $"Telling the integrated care board on {DateText.Long(icbToldOn)} was after the deadline of {DateText.Long(deadline.Date)}, {StatutoryPeriods.HealthIssuesToIcbWorkingDays} working days after the local authority was told ({LegalSources.HealthIssuesToIcb}).";
        return new DeadlineCheck(isMet, deadline, explanation);
    }

    public Deadline AgreedActionsBy(DateOnly agreementMadeOn)
    {
        SupportedDates.ThrowIfOutside(agreementMadeOn, nameof(agreementMadeOn));

        var days = StatutoryPeriods.AgreedActionsDays;
        var date = agreementMadeOn.AddDays(days);
        var reason = Wording.Format(
            "Actions agreed in mediation on matters that cannot be appealed are due by {0}, {1} after the agreement on {2}, unless everyone agreed other dates in writing ({3}).",
            Long(date), PeriodText.WeeksWording(days), Long(agreementMadeOn), Law(LegalSources.AgreedActions));
        return CalendarDayDeadline(date, reason, OthersAct);
    }

    /// <summary>
    /// When the local authority must have done what it agreed in mediation about <paramref name="matter"/>: a matter
    /// that can be appealed follows the periods for complying with a tribunal order, from the day of the agreement; any
    /// other matter the 2 weeks of <see cref="AgreedActionsBy(DateOnly)"/>. Either way the parties may agree other dates
    /// in writing.
    /// </summary>
    public Deadline AgreedActionsBy(DateOnly agreementMadeOn, AgreedMatter matter)
    {
        SupportedDates.ThrowIfOutside(agreementMadeOn, nameof(agreementMadeOn));
        var (days, what) = matter switch
        {
            AgreedMatter.Assessment => (StatutoryPeriods.AgreedAssessmentNoticeDays, "tell the family it will carry out the assessment"),
            AgreedMatter.NewPlan => (StatutoryPeriods.AgreedDraftPlanDays, "send the draft EHC plan"),
            AgreedMatter.PlanChanges => (StatutoryPeriods.AgreedPlanAmendmentDays, "make the agreed changes to the EHC plan"),
            AgreedMatter.KeepPlan => (StatutoryPeriods.AgreedContinueToMaintainDays, "keep the EHC plan in place"),
            _ => (-1, ""),
        };
        if (days < 0)
        {
            return AgreedActionsBy(agreementMadeOn);
        }

        var date = agreementMadeOn.AddDays(days);
        var reason = days == 0
            ? Wording.Format(
                "The local authority must {0} straight away from the agreement on {1}, as it would after a tribunal order, unless everyone agreed other dates in writing ({2}).",
                WordingPart.Words(what), Long(agreementMadeOn), Law(LegalSources.AgreedActionsAppealable))
            : Wording.Format(
                "The local authority must {0} by {1}, {2} after the agreement on {3}, as it would after a tribunal order, unless everyone agreed other dates in writing ({4}).",
                WordingPart.Words(what), Long(date), PeriodText.WeeksWording(days), Long(agreementMadeOn), Law(LegalSources.AgreedActionsAppealable));
        return CalendarDayDeadline(date, reason, OthersAct);
    }

    public Deadline AnnualReviewNoticeBy(DateOnly meetingDate)
    {
        SupportedDates.ThrowIfOutside(meetingDate, nameof(meetingDate));

        var days = StatutoryPeriods.AnnualReviewNoticeDays;
        var date = meetingDate.AddDays(-days);
        var reason = Wording.Format(
            "Invitations to the annual review meeting on {0} need to go out by {1}, giving at least {2}' notice ({3}).",
            Long(meetingDate), Long(date), PeriodText.WeeksWording(days), Law(LegalSources.AnnualReviewNotice));
        return CalendarDayDeadline(date, reason, YouAct);
    }

    public Deadline AnnualReviewPapersBy(DateOnly meetingDate)
    {
        SupportedDates.ThrowIfOutside(meetingDate, nameof(meetingDate));

        var days = StatutoryPeriods.AnnualReviewPapersDays;
        var date = meetingDate.AddDays(-days);
        var reason = Wording.Format(
            "Advice and information for the annual review meeting on {0} need to be sent to everyone invited by {1}, at least {2} before it ({3}).",
            Long(meetingDate), Long(date), PeriodText.WeeksWording(days), Law(LegalSources.AnnualReviewAdvice));
        return CalendarDayDeadline(date, reason, YouAct);
    }

    public Deadline AnnualReviewReportBy(DateOnly meetingDate)
    {
        SupportedDates.ThrowIfOutside(meetingDate, nameof(meetingDate));

        var days = StatutoryPeriods.AnnualReviewReportDays;
        var date = meetingDate.AddDays(days);
        var reason = Wording.Format(
            "The report of the annual review meeting on {0} is due by {1}, within {2} of the meeting, to everyone invited ({3}).",
            Long(meetingDate), Long(date), PeriodText.WeeksWording(days), Law(LegalSources.AnnualReviewReport));
        return CalendarDayDeadline(date, reason, OthersAct);
    }

    public Deadline LaReviewDecisionBy(DateOnly meetingDate)
    {
        SupportedDates.ThrowIfOutside(meetingDate, nameof(meetingDate));

        var days = StatutoryPeriods.LaReviewDecisionDays;
        var date = meetingDate.AddDays(days);
        var reason = Wording.Format(
            "The local authority must decide by {0}, within {1} of the annual review meeting on {2}, whether to keep the EHC plan as it is, amend it or stop maintaining it, and tell the family and the school ({3}).",
            Long(date), PeriodText.WeeksWording(days), Long(meetingDate), Law(LegalSources.LaReviewDecision));
        return CalendarDayDeadline(date, reason, OthersAct);
    }

    public Deadline DraftPlanCommentsBy(DateOnly draftPlanSentOn)
    {
        SupportedDates.ThrowIfOutside(draftPlanSentOn, nameof(draftPlanSentOn));

        var days = StatutoryPeriods.DraftPlanCommentDays;
        var date = draftPlanSentOn.AddDays(days - 1);
        var reason = Wording.Format(
            "Comments on the draft EHC plan sent on {0} are due by {1}: at least {2} days to comment, counting the day it was sent as the first ({3}).",
            Long(draftPlanSentOn), Long(date), PeriodText.Number(days), Law(LegalSources.DraftPlan));
        return CalendarDayDeadline(date, reason, YouAct);
    }

    // HESC Rules rule 12. The Christmas and August roll-overs apply when the period itself ends in those
    // windows; a period ending on a non-working day just before them (24 December, 31 July) moves only to the
    // next working day, the earlier and so safer reading.
    private (DateOnly Date, Wording RollOver) ApplyTribunalRule12(DateOnly end)
    {
        if (IsInSenChristmasWindow(end))
        {
            var newYearsDay = new DateOnly(end.Month == 1 ? end.Year : end.Year + 1, 1, StatutoryPeriods.SenChristmasRollOverLastJanuaryDay);
            var date = Calendar.NextWorkingDayOnOrAfter(newYearsDay.AddDays(1));
            return (date, "; that falls between 25 December and 1 January, so for SEN appeals it moves to the first working day after 1 January");
        }

        if (end.Month == StatutoryPeriods.SenSummerRollOverMonth)
        {
            var lastOfAugust = new DateOnly(end.Year, StatutoryPeriods.SenSummerRollOverMonth, 31);
            var date = Calendar.NextWorkingDayOnOrAfter(lastOfAugust.AddDays(1));
            return (date, "; that falls in August, so for SEN appeals it moves to the first working day after 31 August");
        }

        if (Calendar.NonWorkingDayReason(end) is { } why)
        {
            return (Calendar.NextWorkingDayOnOrAfter(end), Wording.Format("; that is {0}, not a working day, so it moves to the next working day", why));
        }

        return (end, string.Empty);
    }

    private static bool IsInSenChristmasWindow(DateOnly date) =>
        (date.Month == 12 && date.Day >= StatutoryPeriods.SenChristmasRollOverFirstDecemberDay)
        || (date.Month == 1 && date.Day <= StatutoryPeriods.SenChristmasRollOverLastJanuaryDay);

    private Deadline CalendarDayDeadline(DateOnly date, Wording reason, bool parentActs)
    {
        var warnings = new List<Wording>();
        if (Calendar.NonWorkingDayReason(date) is { } why)
        {
            warnings.Add(parentActs
                ? Wording.Format("This falls on {0}: the date does not move, so act by {1} if you can.", why, Long(Calendar.PreviousWorkingDayOnOrBefore(date)))
                : Wording.Format("This falls on {0}: the period is counted in calendar days, so the date does not move.", why));
        }

        var missingYears = Calendar.YearsNotCovered(date, date);
        if (missingYears.Count > 0)
        {
            warnings.Add(Wording.Format("Bank holidays for {0} are not published yet, so this service cannot yet say whether this date falls on one.", Years(missingYears)));
        }

        return new Deadline(date, reason, warnings, missingYears);
    }

    private Deadline WorkingDayDeadline(DateOnly date, Wording reason, List<Wording> warnings, DateOnly countedFrom, DateOnly countedTo)
    {
        var missingYears = Calendar.YearsNotCovered(countedFrom, countedTo);
        if (missingYears.Count > 0)
        {
            warnings.Add(Wording.Format(missingYears.Count == 1
                ? "This date assumes there are no bank holidays in {0} other than Christmas Day and Good Friday, because that year's bank holidays are not published yet."
                : "This date assumes there are no bank holidays in {0} other than Christmas Day and Good Friday, because those years' bank holidays are not published yet.", Years(missingYears)));
        }

        return new Deadline(date, reason, warnings, missingYears);
    }

    private static WordingPart Long(DateOnly date) => WordingPart.LongDate(date);

    // A citation of the law stays in English in every language.
    private static WordingPart Law(string citation) => WordingPart.AsTyped(citation);

    // "2027", "2027 and 2028": numbers and the English "and" (a translation of the sentence around it may read oddly with
    // two years, which is rare: only dates far ahead, before the bank holidays are published).
    private static WordingPart Years(IReadOnlyList<int> years) => WordingPart.AsTyped(DateText.Years(years));

    // The month's name and the ordinal are English words: a translation says the same thing its own way.
    private static Wording MonthEndNote(DateOnly start, DateOnly end) =>
        end.Day == start.Day
            ? string.Empty
            : Wording.Format(" ({0} has no {1}, so the period ends on the last day of the month)",
                WordingPart.Words(end.ToString("MMMM", System.Globalization.CultureInfo.InvariantCulture)), WordingPart.Words(OrdinalText(start.Day)));

    private static WordingPart Ordinal(int number) => WordingPart.Words(OrdinalText(number));

    private static string OrdinalText(int number) => (number % 100, number % 10) switch
    {
        (11 or 12 or 13, _) => $"{number}th",
        (_, 1) => $"{number}st",
        (_, 2) => $"{number}nd",
        (_, 3) => $"{number}rd",
        _ => $"{number}th",
    };
}
