using System.Globalization;

namespace ParentPortal.Features.Reports;

/// <summary>
/// Every figure on the managers' report for one period, as the page, the CSV export and the tests read
/// it. Plain data: <see cref="ReportsQuery"/> computes it once.
/// </summary>
public sealed record Report(
    DateOnly From,
    DateOnly To,
    CallFigures Calls,
    CaseFigures Cases,
    OutcomeFigures Outcomes,
    SatisfactionFigures Satisfaction,
    ApplicationLanguageFigures ApplicationLanguages,
    SupportFigures Support,
    MeetingFigures Meetings,
    ReferralFigures Referrals,
    AgreedActionFigures AgreedActions,
    AppealFigures Appeals);

/// <summary>A count out of a total, with the percentage to 1 decimal place (none when the total is 0).</summary>
public sealed record Share(int Count, int OutOf)
{
    public double? Percent => OutOf == 0 ? null : Math.Round(100.0 * Count / OutOf, 1, MidpointRounding.AwayFromZero);

    /// <summary>"42.0%", or an empty string when there is nothing to divide by.</summary>
    public string PercentText => Percent is { } percent ? percent.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "";

    /// <summary>"84 of 200 (42.0%)" or "none to count".</summary>
    public string Describe() => OutOf == 0 ? "none to count" : $"{Count} of {OutOf} ({PercentText})";
}

/// <param name="Key">Stable value as stored (an enum name, a route, a rating); the label is what people read.</param>
public sealed record Tally(string Key, string Label, int Count);

/// <summary>Counts by category; <see cref="Total"/> is what each percentage is out of.</summary>
public sealed record Breakdown(IReadOnlyList<Tally> Items, int Total)
{
    public Share ShareOf(Tally item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new(item.Count, Total);
    }

    public int CountOf(string key) => Items.FirstOrDefault(i => i.Key == key)?.Count ?? 0;
}

/// <param name="Month">The first day of the month, in England.</param>
/// <param name="ByCallerType">In the order of <see cref="CallFigures.ByCallerType"/>.</param>
public sealed record MonthOfCalls(DateOnly Month, IReadOnlyList<int> ByCallerType, int Total);

public sealed record CallFigures(
    int Total,
    IReadOnlyList<MonthOfCalls> ByMonth,
    Breakdown ByCallerType,
    Breakdown ByTopic,
    Breakdown ByOutcome,
    Breakdown ByLanguage,
    Share WithInterpreter);

public sealed record CaseFigures(int Total, Breakdown ByRoute, Breakdown ByLocalAuthority);

/// <param name="ReferredToMediation">SEN and bullying cases submitted in the period whose stage ever reached mediation being arranged or a later meeting stage.</param>
/// <param name="ReachedAgreement">Mediations held in the period that reached an agreement (recorded or signed).</param>
/// <param name="CertificatesOnTime">Certificates issued in the period by the rules engine's due date (3 working days).</param>
/// <param name="MediationsWithin30Days">Mediations held in the period within 30 days of the local authority being told.</param>
public sealed record OutcomeFigures(
    Share ReferredToMediation,
    Share ReachedAgreement,
    Share CertificatesOnTime,
    Share MediationsWithin30Days);

/// <param name="ByLanguage">Answers by the language the survey was answered in (issue 17).</param>
public sealed record SatisfactionFigures(int Responses, double? AverageRating, Breakdown ByRating, Breakdown ByLanguage);

/// <summary>From the triage answers of the cases submitted in the period.</summary>
public sealed record ApplicationLanguageFigures(Breakdown ByLanguage, Share InterpreterRequested);

/// <summary>The families' supporters (issue 13 item 8).</summary>
/// <param name="AdvocacyAsked">Bullying applications submitted in the period whose parent asked to be put in touch with the advocacy service.</param>
/// <param name="AdvocacyReferred">Referrals to the advocacy service made in the period (by the portal or recorded by staff).</param>
/// <param name="IpsAsked">Applications submitted in the period that asked the service to find an Independent Parental Supporter.</param>
/// <param name="IpsAssigned">Families whose Independent Parental Supporter was assigned in the period (a replacement counts on its own day, once).</param>
public sealed record SupportFigures(int AdvocacyAsked, int AdvocacyReferred, int IpsAsked, int IpsAssigned);

/// <summary>Applications submitted in the period by who made them (issue 13 item 3): the family, or a professional who referred them.</summary>
public sealed record ReferralFigures(int Parent, int YoungPerson, int School, int LocalAuthority, int OtherProfessional);

/// <summary>The case meetings held in the period, by kind (issue 13 item 4), and the individual meetings recorded as not needed.</summary>
public sealed record MeetingFigures(int IndividualHeld, int IndividualNotNeeded, int JointHeld, int FacilitatedHeld, int CallBacksHeld);

/// <summary>
/// Mediation agreements in the period (issue 13): signed by everyone (issued), or recorded as not signed because a party
/// declined. Then the actions agreed (SEND Regulations 2014 reg 42, issue 14 item 5) that fell due in the period, from
/// signed agreements not withdrawn: how many were done by their date, and how many are late (done after it, or still not
/// done), and how many the family told us had not happened.
/// </summary>
public sealed record AgreedActionFigures(Share DoneOnTime, int Late, int FamilySaidNotDone, int AgreementsSigned = 0, int AgreementsDeclined = 0);

/// <summary>
/// SEN cases whose certificate was issued in the period, by what the family told us of their appeal to the tribunal (issue
/// 14 item 4; the service's "resolved before a hearing" figure, seed 002). Families need not tell us, so these are floors.
/// </summary>
/// <param name="Certificates">SEN cases with a certificate issued in the period.</param>
/// <param name="Told">Of those, how many families told us anything about an appeal.</param>
/// <param name="Appealed">Of those, how many appealed (whatever the outcome, or none yet).</param>
/// <param name="ResolvedBeforeHearing">Appeals the local authority conceded or that were settled before a hearing, out of the appeals.</param>
public sealed record AppealFigures(int Certificates, int Told, int NotAppealing, int Appealed, Share ResolvedBeforeHearing);
