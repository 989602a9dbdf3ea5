using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Appeals;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Deadlines;
using ParentPortal.Domain.Helpline;
using ParentPortal.Domain.Meetings;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Access;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;

namespace ParentPortal.Features.Reports;

/// <summary>
/// The managers' report for a period. Rows are filtered by period in the database and only the columns a
/// figure needs are read; grouping by month and reading triage answers happen in memory, the same on
/// SQLite and PostgreSQL. Managers only: anyone else gets null.
/// </summary>
public sealed class ReportsQuery(IDbContextFactory<PortalDbContext> contextFactory, WorkingDayCalendarSource calendars, TimeProvider clock)
{
    /// <summary>Stages that mean a case went to full mediation: arranging it, or any meeting stage after.</summary>
    public static readonly IReadOnlyList<CaseStage> MediationStages =
        [CaseStage.MediationBeingArranged, CaseStage.MeetingScheduled, CaseStage.MeetingHeld, CaseStage.AgreementRecorded, CaseStage.AgreementSigned, CaseStage.AgreementNotSigned];

    /// <summary>
    /// Stages that mean a mediation reached agreement: written and waiting for signatures, or signed. A case that ever had a
    /// signed agreement counts; one whose agreement a party declined to sign, or that closed unsigned, does not.
    /// </summary>
    public static readonly IReadOnlyList<CaseStage> AgreementStages = [CaseStage.AgreementRecorded, CaseStage.AgreementSigned];

    /// <summary>Managers only, by the staff list now (not the sign-in cookie).</summary>
    public Task<bool> CanSeeAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) => StaffAccess.IsManagerAsync(contextFactory, user, cancellationToken);

    public async Task<Report?> HandleAsync(ClaimsPrincipal user, ReportPeriod period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (!await CanSeeAsync(user, cancellationToken))
        {
            return null;
        }

        var calculator = await calendars.CalculatorAsync(cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var calls = await ReadCallsAsync(db, period, cancellationToken);
        var cases = await ReadCasesAsync(db, period, cancellationToken);
        var areas = await db.LocalAuthorities.AsNoTracking().ToDictionaryAsync(l => l.Id, l => (l.Name, l.IsActive), cancellationToken);
        var ratings = await db.SatisfactionResponses.AsNoTracking()
            .Where(r => r.SubmittedAt >= period.StartsAt && r.SubmittedAt < period.EndsBefore)
            .GroupBy(r => r.Rating)
            .Select(g => new { Rating = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Rating, g => g.Count, cancellationToken);
        var languages = await db.SatisfactionResponses.AsNoTracking()
            .Where(r => r.SubmittedAt >= period.StartsAt && r.SubmittedAt < period.EndsBefore)
            .GroupBy(r => r.Language)
            .Select(g => new { Language = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Language, g => g.Count, cancellationToken);

        var submitted = cases.Where(c => c.SubmittedInPeriod).ToList();
        var profiles = submitted.Select(c => CaseProfile.From(TriageAnswers.FromJson(c.AnswersJson))).ToList();
        return new Report(
            period.From,
            period.To,
            CallFiguresFor(calls, period),
            new CaseFigures(submitted.Count, ByRoute(submitted), ByArea(submitted, areas)),
            Outcomes(cases, submitted, period, calculator),
            Satisfaction(ratings, languages),
            ApplicationLanguages(profiles),
            await SupportAsync(db, profiles, period, cancellationToken),
            await MeetingsAsync(db, period, cancellationToken),
            new ReferralFigures(
                profiles.Count(p => !p.IsReferral && !p.IsYoungPerson),
                profiles.Count(p => !p.IsReferral && p.IsYoungPerson),
                profiles.Count(p => p.ReferrerWorksAt == "school"),
                profiles.Count(p => p.ReferrerWorksAt == "local-authority"),
                profiles.Count(p => p.IsReferral && p.ReferrerWorksAt is not ("school" or "local-authority"))),
            await AgreedActionsAsync(db, period, cancellationToken),
            await AppealsAsync(db, period, cancellationToken));
    }

    private static async Task<AppealFigures> AppealsAsync(PortalDbContext db, ReportPeriod period, CancellationToken cancellationToken)
    {
        var (from, to) = (period.From, period.To);
        var told = await db.Applications.AsNoTracking()
            .Where(a => a.Route == AnswerKeys.Sen && a.CertificateIssuedOn >= from && a.CertificateIssuedOn <= to)
            .Select(a => a.AppealStatus)
            .ToListAsync(cancellationToken);
        var appealed = told.Count(s => s is not null and not AppealStatus.NotAppealing);
        return new AppealFigures(
            told.Count,
            told.Count(s => s is not null),
            told.Count(s => s == AppealStatus.NotAppealing),
            appealed,
            new Share(told.Count(s => s == AppealStatus.ResolvedBeforeHearing), appealed));
    }

    private async Task<AgreedActionFigures> AgreedActionsAsync(PortalDbContext db, ReportPeriod period, CancellationToken cancellationToken)
    {
        var (from, to) = (period.From, period.To);
        var today = UkDates.DateIn(clock.GetUtcNow());
        var due = await db.CaseActionPoints.AsNoTracking().Live(db)
            .Where(a => a.Source == ActionSource.Agreement && a.Due >= from && a.Due <= to)
            .Select(a => new { a.Due, a.DoneOn, a.FamilySaysNotDoneOn })
            .ToListAsync(cancellationToken);
        var onTime = due.Count(a => a.DoneOn <= a.Due);
        var outcomes = await db.CaseEvents.AsNoTracking()
            .Where(e => (e.Kind == "agreement-issued" || e.Kind == "agreement-not-signed") && e.At >= period.StartsAt && e.At < period.EndsBefore)
            .GroupBy(e => e.Kind).Select(g => new { Kind = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Kind, g => g.Count, cancellationToken);
        return new AgreedActionFigures(
            new Share(onTime, due.Count),
            due.Count(a => a.DoneOn > a.Due || (a.DoneOn is null && a.Due < today)),
            due.Count(a => a.FamilySaysNotDoneOn is not null),
            outcomes.GetValueOrDefault("agreement-issued"),
            outcomes.GetValueOrDefault("agreement-not-signed"));
    }

    private static async Task<MeetingFigures> MeetingsAsync(PortalDbContext db, ReportPeriod period, CancellationToken cancellationToken)
    {
        var (from, to) = (period.From, period.To);
        var held = await db.CaseMeetings.AsNoTracking().Where(m => m.HeldOn >= from && m.HeldOn <= to).GroupBy(m => m.Kind)
            .Select(g => new { Kind = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Kind, g => g.Count, cancellationToken);
        var notNeeded = await db.CaseMeetings.CountAsync(m => m.SkippedReason != null && m.UpdatedAt >= period.StartsAt && m.UpdatedAt < period.EndsBefore, cancellationToken);
        return new MeetingFigures(
            held.GetValueOrDefault(MeetingKind.Individual), notNeeded, held.GetValueOrDefault(MeetingKind.Joint),
            held.GetValueOrDefault(MeetingKind.Facilitated), held.GetValueOrDefault(MeetingKind.CallBack));
    }

    /// <param name="profiles">The cases submitted in the period, read once for this and the languages.</param>
    private static async Task<SupportFigures> SupportAsync(PortalDbContext db, List<CaseProfile> profiles, ReportPeriod period, CancellationToken cancellationToken)
    {
        var (from, to) = (period.From, period.To);
        var referred = await db.Applications.CountAsync(a => a.AdvocacyReferredOn >= from && a.AdvocacyReferredOn <= to, cancellationToken);
        var assigned = await db.Applications.CountAsync(a => a.IpsAssignedOn >= from && a.IpsAssignedOn <= to, cancellationToken);
        return new SupportFigures(profiles.Count(p => p.WantsAdvocacy), referred, profiles.Count(p => p.WantsIps), assigned);
    }

    private static async Task<List<CallRow>> ReadCallsAsync(PortalDbContext db, ReportPeriod period, CancellationToken cancellationToken) =>
        await db.CallLog.AsNoTracking()
            .Where(c => c.StartedAt >= period.StartsAt && c.StartedAt < period.EndsBefore)
            .Select(c => new CallRow(c.StartedAt, c.CallerType, c.Topic, c.Outcome, c.Language, c.InterpreterUsed))
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Cases that count in any figure: submitted in the period, or with a meeting held or a certificate issued in it.
    /// The answers (for languages) are read only for cases submitted in the period.
    /// </summary>
    private static async Task<List<CaseRow>> ReadCasesAsync(PortalDbContext db, ReportPeriod period, CancellationToken cancellationToken)
    {
        var start = period.StartsAt;
        var end = period.EndsBefore;
        var from = period.From;
        var to = period.To;
        // Case history stores stages by their enum names.
        var mediationNames = MediationStages.Select(s => s.ToString()).ToList();
        var agreementNames = new List<string> { nameof(CaseStage.AgreementSigned) };
        return await db.Applications.AsNoTracking()
            .Where(a => a.Status == ApplicationStatus.Submitted)
            .Where(a => (a.SubmittedAt >= start && a.SubmittedAt < end)
                || (a.MeetingHeldOn >= from && a.MeetingHeldOn <= to)
                || (a.CertificateIssuedOn >= from && a.CertificateIssuedOn <= to))
            .Select(a => new CaseRow(
                a.SubmittedAt >= start && a.SubmittedAt < end,
                a.Route,
                a.LocalAuthorityId,
                a.Stage,
                a.LaToldOfMediationOn,
                a.CertificateTriggeredOn,
                a.CertificateTrigger,
                a.CertificateIssuedOn,
                a.MeetingHeldOn,
                db.CaseEvents.Any(e => e.ApplicationId == a.Id && e.ToStage != null && mediationNames.Contains(e.ToStage)),
                db.CaseEvents.Any(e => e.ApplicationId == a.Id && e.ToStage != null && agreementNames.Contains(e.ToStage)),
                a.SubmittedAt >= start && a.SubmittedAt < end ? a.AnswersJson : null))
            .ToListAsync(cancellationToken);
    }

    /// <summary>One pass over the calls: tens of thousands of rows cost milliseconds.</summary>
    private static CallFigures CallFiguresFor(List<CallRow> calls, ReportPeriod period)
    {
        var callerTypes = Enum.GetValues<CallerType>();
        var outcomes = Enum.GetValues<CallOutcome>();
        var months = new List<DateOnly>();
        for (var month = FirstOfMonth(period.From); month <= period.To; month = month.AddMonths(1))
        {
            months.Add(month);
        }

        // Each month's first instant in England, so a call finds its month by binary search, not a time-zone conversion.
        var monthStarts = months.Select((m, i) => i == 0 ? period.StartsAt : UkDates.FromLocal(m, TimeOnly.MinValue)).ToArray();
        var byMonth = new int[months.Count, callerTypes.Length];
        var byType = new int[callerTypes.Length];
        var byOutcome = new int[outcomes.Length];
        var topics = new Dictionary<string, int>(StringComparer.Ordinal);
        var languages = new Dictionary<string, int>(StringComparer.Ordinal);
        var interpreters = 0;
        foreach (var call in calls)
        {
            var index = Array.BinarySearch(monthStarts, call.StartedAt);
            var month = index >= 0 ? index : ~index - 1;
            var type = Array.IndexOf(callerTypes, call.CallerType);
            byMonth[month, type]++;
            byType[type]++;
            byOutcome[Array.IndexOf(outcomes, call.Outcome)]++;
            var topic = CallTopics.All.FirstOrDefault(t => t.Value == call.Topic).Label ?? call.Topic;
            topics[topic] = topics.GetValueOrDefault(topic) + 1;
            languages[call.Language] = languages.GetValueOrDefault(call.Language) + 1;
            interpreters += call.InterpreterUsed ? 1 : 0;
        }

        var total = calls.Count;
        return new CallFigures(
            total,
            [.. months.Select((m, i) =>
            {
                var counts = Enumerable.Range(0, callerTypes.Length).Select(t => byMonth[i, t]).ToList();
                return new MonthOfCalls(m, counts, counts.Sum());
            })],
            new Breakdown([.. callerTypes.Select((t, i) => new Tally(t.ToString(), ReportLabels.CallerType(t), byType[i]))], total),
            MostFirst(topics.Select(p => ((string?)p.Key, p.Value)), "Not recorded", total),
            new Breakdown([.. outcomes.Select((o, i) => new Tally(o.ToString(), ReportLabels.Outcome(o), byOutcome[i]))], total),
            MostFirst(languages.Select(p => ((string?)p.Key, p.Value)), ReportLabels.NoLanguage, total),
            new Share(interpreters, total));
    }

    private static Breakdown ByRoute(List<CaseRow> cases)
    {
        var known = ReportLabels.Routes.Select(r => new Tally(r, ReportLabels.Route(r), cases.Count(c => c.Route == r))).ToList();
        var other = cases.Where(c => !ReportLabels.Routes.Contains(c.Route ?? ""))
            .GroupBy(c => c.Route ?? "")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Tally(g.Key, ReportLabels.Route(g.Key), g.Count()));
        return new Breakdown([.. known, .. other], cases.Count);
    }

    /// <summary>Every area served, with none as well; an area no longer served only if it has cases in the period.</summary>
    private static Breakdown ByArea(List<CaseRow> cases, Dictionary<int, (string Name, bool IsActive)> areas)
    {
        var served = areas.OrderBy(a => a.Value.Name, StringComparer.OrdinalIgnoreCase)
            .Select(a => (Area: a, Tally: new Tally(a.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Value.Name, cases.Count(c => c.LocalAuthorityId == a.Key))))
            .Where(a => a.Area.Value.IsActive || a.Tally.Count > 0)
            .Select(a => a.Tally);
        var outside = cases.Count(c => c.LocalAuthorityId is not { } id || !areas.ContainsKey(id));
        return new Breakdown([.. served, .. outside > 0 ? [new Tally("", ReportLabels.NoArea, outside)] : Array.Empty<Tally>()], cases.Count);
    }

    private static OutcomeFigures Outcomes(List<CaseRow> cases, List<CaseRow> submitted, ReportPeriod period, DeadlineCalculator calculator)
    {
        var referrals = submitted.Where(c => c.Route is CaseWorkflow.Sen or CaseWorkflow.Bullying).ToList();
        var referred = referrals.Count(c => c.EverMediation || MediationStages.Contains(c.Stage));

        var meetingsHeld = cases
            .Where(c => c.Route is CaseWorkflow.Sen or CaseWorkflow.Bullying && c.MeetingHeldOn is { } held && held >= period.From && held <= period.To)
            .ToList();
        var agreed = meetingsHeld.Count(c => c.EverSignedAgreement || AgreementStages.Contains(c.Stage));

        var certificates = cases
            .Where(c => c.CertificateTriggeredOn is { } triggered && SupportedDates.Contains(triggered)
                && c.CertificateIssuedOn is { } issued && issued >= period.From && issued <= period.To)
            .ToList();
        var onTime = certificates.Count(c =>
        {
            var due = c.CertificateTrigger is { } kind
                ? calculator.CertificateDueBy(c.CertificateTriggeredOn!.Value, kind)
                : calculator.CertificateDueBy(c.CertificateTriggeredOn!.Value);
            return c.CertificateIssuedOn!.Value <= due.Date;
        });

        var mediations = meetingsHeld.Where(c => c.LaToldOfMediationOn is { } told && SupportedDates.Contains(told)).ToList();
        var within = mediations.Count(c => c.MeetingHeldOn!.Value <= calculator.MediationHeldBy(c.LaToldOfMediationOn!.Value).Date);

        return new OutcomeFigures(
            new Share(referred, referrals.Count),
            new Share(agreed, meetingsHeld.Count),
            new Share(onTime, certificates.Count),
            new Share(within, mediations.Count));
    }

    private static SatisfactionFigures Satisfaction(Dictionary<int, int> ratings, Dictionary<string, int> languages)
    {
        var responses = ratings.Values.Sum();
        double? average = responses == 0 ? null : Math.Round((double)ratings.Sum(r => r.Key * r.Value) / responses, 1, MidpointRounding.AwayFromZero);
        var byRating = Enumerable.Range(1, 5)
            .Select(r => new Tally(r.ToString(System.Globalization.CultureInfo.InvariantCulture), RatingLabel(r), ratings.GetValueOrDefault(r)))
            .ToList();
        // Every shipped language, even with no answers, so a report shows the survey is offered in each.
        var byLanguage = Platform.Localisation.PortalLanguages.Shipped
            .Select(l => new Tally(l.Code, l.EnglishName, languages.GetValueOrDefault(l.Code)))
            .Concat(languages.Where(l => Platform.Localisation.PortalLanguages.Find(l.Key) is null).Select(l => new Tally(l.Key, l.Key, l.Value)))
            .ToList();
        return new SatisfactionFigures(responses, average, new Breakdown(byRating, responses), new Breakdown(byLanguage, responses));
    }

    public static string RatingLabel(int rating) => rating switch
    {
        1 => "1 (very dissatisfied)",
        5 => "5 (very satisfied)",
        _ => rating.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static ApplicationLanguageFigures ApplicationLanguages(List<CaseProfile> profiles)
    {
        var languages = profiles.Select(p => p.Language);
        var interpreters = profiles.Count(p => p.NeedsInterpreter);
        return new ApplicationLanguageFigures(MostFirst(languages.Select(l => (l, 1)), ReportLabels.NoLanguage, profiles.Count), new Share(interpreters, profiles.Count));
    }

    /// <summary>
    /// Free-text categories (topics, languages), largest first. Spellings that differ only in case or spaces
    /// count together, under the commonest spelling.
    /// </summary>
    private static Breakdown MostFirst(IEnumerable<(string? Value, int Count)> counted, string missing, int total)
    {
        var items = counted
            .Select(c => (Text: string.IsNullOrWhiteSpace(c.Value) ? missing : string.Join(' ', c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)), c.Count))
            .GroupBy(c => c.Text.ToUpperInvariant())
            .Select(g => new Tally(
                g.Key,
                g.GroupBy(c => c.Text, StringComparer.Ordinal).OrderByDescending(s => s.Sum(c => c.Count)).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key,
                g.Sum(c => c.Count)))
            .OrderByDescending(t => t.Count)
            .ThenBy(t => t.Label, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new Breakdown(items, total);
    }

    private static DateOnly FirstOfMonth(DateOnly date) => new(date.Year, date.Month, 1);

    private sealed record CallRow(DateTimeOffset StartedAt, CallerType CallerType, string Topic, CallOutcome Outcome, string Language, bool InterpreterUsed);

    private sealed record CaseRow(
        bool SubmittedInPeriod,
        string? Route,
        int? LocalAuthorityId,
        CaseStage Stage,
        DateOnly? LaToldOfMediationOn,
        DateOnly? CertificateTriggeredOn,
        CertificateTrigger? CertificateTrigger,
        DateOnly? CertificateIssuedOn,
        DateOnly? MeetingHeldOn,
        bool EverMediation,
        bool EverSignedAgreement,
        string? AnswersJson);
}
