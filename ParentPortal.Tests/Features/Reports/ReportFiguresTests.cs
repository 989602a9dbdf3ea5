using ParentPortal.Data;
using ParentPortal.Features.Reports;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Reports;

/// <summary>The report over the hand-made dataset (<see cref="ReportTestData"/>), computed once per database engine.</summary>
public abstract class ReportData(DatabaseProvider provider) : IAsyncLifetime
{
    private ReportsHost? _host;

    public Report Report { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _host = await ReportsHost.StartAsync(TestDatabase.Create(provider));
        await using (var db = await _host.DbAsync())
        {
            await ReportTestData.SeedAsync(db);
        }

        var manager = TestUsers.Staff(PortalRoles.Manager, "demo-manager", "Martin Fowler-Hughes");
        Report = await _host.Get<ReportsQuery>().HandleAsync(manager, ReportPeriod.Create(ReportTestData.From, ReportTestData.To))
            ?? throw new InvalidOperationException("The manager was refused the report.");
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

public sealed class SqliteReportData() : ReportData(DatabaseProvider.Sqlite);

public sealed class PostgresReportData() : ReportData(DatabaseProvider.Postgres);

/// <summary>Every figure checked against numbers worked out by hand from the rows (see the comments in ReportTestData).</summary>
public abstract class ReportFiguresTests(ReportData data)
{
    private Report Report => data.Report;

    [Fact]
    public void Calls_AreCountedByMonthInEnglandsTime_AndByCallerType()
    {
        var calls = Report.Calls;

        // 15 calls logged; 3 fall outside 1 January to 30 June 2026 in England's time.
        Assert.Equal(12, calls.Total);
        Assert.Equal(
            [new DateOnly(2026, 1, 1), new(2026, 2, 1), new(2026, 3, 1), new(2026, 4, 1), new(2026, 5, 1), new(2026, 6, 1)],
            calls.ByMonth.Select(m => m.Month));
        Assert.Equal([3, 0, 7, 1, 0, 1], calls.ByMonth.Select(m => m.Total));

        // Columns: parent, young person, school, other professional, someone else.
        Assert.Equal(["Parent or carer", "Young person", "School", "Other professional", "Someone else"], calls.ByCallerType.Items.Select(i => i.Label));
        Assert.Equal([2, 0, 1, 0, 0], calls.ByMonth[0].ByCallerType);
        Assert.Equal([2, 1, 3, 1, 0], calls.ByMonth[2].ByCallerType); // 7 in March, 3 of them from schools
        Assert.Equal([0, 0, 0, 0, 1], calls.ByMonth[3].ByCallerType); // 00:30 BST on 1 April
        Assert.Equal([1, 0, 0, 0, 0], calls.ByMonth[5].ByCallerType); // 23:59 BST on 30 June

        Assert.Equal([5, 1, 4, 1, 1], calls.ByCallerType.Items.Select(i => i.Count));
        Assert.Equal(12, calls.ByCallerType.Total);
        Assert.Equal("33.3%", calls.ByCallerType.ShareOf(calls.ByCallerType.Items[2]).PercentText); // 4 of 12 from schools
    }

    [Fact]
    public void Calls_ByTopicOutcomeLanguage_AndInterpreters()
    {
        var calls = Report.Calls;

        Assert.Equal(
            [("SEN support at school", 7), ("Bullying", 2), ("A meeting to chair", 1), ("Mediation or the certificate", 1), ("Something else", 1)],
            calls.ByTopic.Items.Select(i => (i.Label, i.Count)));
        Assert.Equal(58.3, calls.ByTopic.ShareOf(calls.ByTopic.Items[0]).Percent);

        Assert.Equal(
            [("Information given", 6), ("Application started", 1), ("Referred elsewhere", 1), ("Call back arranged", 1), ("Session booked", 2), ("Something else", 1)],
            calls.ByOutcome.Items.Select(i => (i.Label, i.Count)));

        // "Polish" and "polish " are one language.
        Assert.Equal(
            [("English", 8), ("Polish", 2), ("British Sign Language", 1), ("Urdu", 1)],
            calls.ByLanguage.Items.Select(i => (i.Label, i.Count)));
        Assert.Equal(new Share(3, 12), calls.WithInterpreter);
        Assert.Equal(25.0, calls.WithInterpreter.Percent);
    }

    [Fact]
    public void Cases_SubmittedInThePeriod_ByRouteAndLocalAuthority()
    {
        var cases = Report.Cases;

        // A, B, C, D, E, F, G, K, L; not the draft, not H, I, J, M (submitted before the period).
        Assert.Equal(9, cases.Total);
        Assert.Equal(
            [("SEN disagreement", 5), ("Bullying complaint", 3), ("Facilitated meeting", 1)],
            cases.ByRoute.Items.Select(i => (i.Label, i.Count)));
        Assert.Equal(55.6, cases.ByRoute.ShareOf(cases.ByRoute.Items[0]).Percent);
        Assert.Equal(
            [("Bedford Borough", 2), ("Essex", 1), ("Hertfordshire", 5), ("Outside the areas served", 1)],
            cases.ByLocalAuthority.Items.Select(i => (i.Label, i.Count)));
    }

    [Fact]
    public void Outcomes_Mediation_Agreement_Certificates_AndThe30Days()
    {
        var outcomes = Report.Outcomes;

        // SEN and bullying cases submitted in the period: A, B, C, D, E, F, K, L. Went to mediation:
        // A (stage and history), B and E (history only), L (current stage only).
        Assert.Equal(new Share(4, 8), outcomes.ReferredToMediation);
        Assert.Equal("50.0%", outcomes.ReferredToMediation.PercentText);

        // Mediations held in the period: A, H, I, M (not the facilitation G, not J in December).
        // Agreement: H (history, now closed) and I (current stage).
        Assert.Equal(new Share(2, 4), outcomes.ReachedAgreement);

        // Issued in the period: B, C, H on time (C across Easter), K a day late. M's is not issued; J's was in 2025.
        Assert.Equal(new Share(3, 4), outcomes.CertificatesOnTime);
        Assert.Equal(75.0, outcomes.CertificatesOnTime.Percent);

        // Held in the period after the local authority was told: A (30 days), H (31 days), M (19 days).
        Assert.Equal(new Share(2, 3), outcomes.MediationsWithin30Days);
        Assert.Equal("66.7%", outcomes.MediationsWithin30Days.PercentText);
    }

    [Fact]
    public void Satisfaction_CountsAveragesAndSpreadsTheRatingsInThePeriod()
    {
        var satisfaction = Report.Satisfaction;

        // 5, 5, 4, 2 and 1 in the period; J's 3 (31 December) and M's 3 (1 July, BST) are outside.
        Assert.Equal(5, satisfaction.Responses);
        Assert.Equal(3.4, satisfaction.AverageRating);
        Assert.Equal([1, 1, 0, 1, 2], satisfaction.ByRating.Items.Select(i => i.Count));
        Assert.Equal(["1 (very dissatisfied)", "2", "3", "4", "5 (very satisfied)"], satisfaction.ByRating.Items.Select(i => i.Label));
        Assert.Equal("40.0%", satisfaction.ByRating.ShareOf(satisfaction.ByRating.Items[4]).PercentText);

        // Issue 17: by the language each was answered in (B's in Welsh, K's in Urdu), every shipped language listed.
        Assert.Equal(["English", "Welsh", "Urdu"], satisfaction.ByLanguage.Items.Select(i => i.Label));
        Assert.Equal([3, 1, 1], satisfaction.ByLanguage.Items.Select(i => i.Count));
    }

    [Fact]
    public void ApplicationLanguages_FromTheTriageAnswers_OfCasesSubmittedInThePeriod()
    {
        var languages = Report.ApplicationLanguages;

        Assert.Equal(
            [("English", 4), ("Polish", 2), ("British Sign Language (BSL)", 1), ("Not recorded", 1), ("Urdu", 1)],
            languages.ByLanguage.Items.Select(i => (i.Label, i.Count)));
        Assert.Equal(9, languages.ByLanguage.Total);
        Assert.Equal(new Share(2, 9), languages.InterpreterRequested); // B and G
        Assert.Equal("22.2%", languages.InterpreterRequested.PercentText);
    }

    [Fact]
    public void Csv_CarriesTheSameFigures()
    {
        var lines = ReportCsv.ToText(Report).Split("\r\n");

        Assert.Contains("Period,From,,2026-01-01,,", lines);
        Assert.Contains("Calls,All calls,,12,,", lines);
        Assert.Contains("Calls by month,2026-03,School,3,,", lines);
        Assert.Contains("Calls by caller type,School,,4,12,33.3", lines);
        Assert.Contains("Cases by local authority,Hertfordshire,,5,9,55.6", lines);
        Assert.Contains("Referrals to full mediation,SEN and bullying cases that went to full mediation,,4,8,50.0", lines);
        Assert.Contains("Certificates,Certificates issued within 3 working days,,3,4,75.0", lines);
        Assert.Contains("Mediation within 30 days,Mediations held within 30 days of the local authority being told,,2,3,66.7", lines);
        Assert.Contains("Satisfaction,Average rating (1 to 5),,3.4,,", lines);
        Assert.Contains("Applications asking for an interpreter,Interpreter requested,,2,9,22.2", lines);
    }
}

public sealed class SqliteReportFiguresTests(SqliteReportData data) : ReportFiguresTests(data), IClassFixture<SqliteReportData>;

public sealed class PostgresReportFiguresTests(PostgresReportData data) : ReportFiguresTests(data), IClassFixture<PostgresReportData>;
