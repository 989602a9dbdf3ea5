using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Deadlines;
using ParentPortal.Domain.Triage;

namespace ParentPortal.Tests.TestSupport;

/// <summary>
/// A small, hand-made dataset for the managers' report, with rows just inside and just outside the period
/// (1 January to 30 June 2026, in England's time: GMT until 29 March, then BST). Every figure it should give
/// is worked out by hand in ReportFiguresTests; the comments here say what each row is for.
/// All instants are UTC, as the portal stores them.
/// </summary>
public static class ReportTestData
{
    public static readonly DateOnly From = new(2026, 1, 1);
    public static readonly DateOnly To = new(2026, 6, 30);

    public static async Task SeedAsync(PortalDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var herts = await AreaAsync(db, "herts");
        var beds = await AreaAsync(db, "beds");
        var essex = await AreaAsync(db, "essex");
        var adviser = await db.StaffMembers.Where(s => s.Subject == "demo-adviser").Select(s => s.Id).SingleAsync();
        var owner = new PortalUser { Id = Guid.NewGuid(), Subject = "report-family", DisplayName = "Report Family", FirstSignedInAt = Utc(2025, 1, 1), LastSignedInAt = Utc(2025, 1, 1) };
        db.Users.Add(owner);

        // Calls: 12 in the period (3 in January, 7 in March of which 3 from schools, 1 in April, 1 in June), 3 outside.
        Call(db, adviser, Utc(2026, 1, 1, 0, 30), CallerType.Parent, "sen-support", CallOutcome.InformationGiven, "English");
        Call(db, adviser, Utc(2026, 1, 15, 10, 0), CallerType.School, "bullying", CallOutcome.ReferredElsewhere, "English");
        Call(db, adviser, Utc(2026, 1, 20, 14, 0), CallerType.Parent, "sen-support", CallOutcome.ApplicationStarted, "Polish", interpreter: true);
        Call(db, adviser, Utc(2026, 3, 2, 9, 15), CallerType.School, "sen-support", CallOutcome.InformationGiven, "English");
        Call(db, adviser, Utc(2026, 3, 3, 11, 0), CallerType.School, "bullying", CallOutcome.CallBackArranged, "English");
        Call(db, adviser, Utc(2026, 3, 10, 13, 0), CallerType.Parent, "sen-support", CallOutcome.InformationGiven, "polish ", interpreter: true);
        Call(db, adviser, Utc(2026, 3, 12, 15, 0), CallerType.YoungPerson, "facilitation", CallOutcome.SessionBooked, "English");
        Call(db, adviser, Utc(2026, 3, 20, 10, 0), CallerType.Professional, "sen-support", CallOutcome.InformationGiven, "English");
        Call(db, adviser, Utc(2026, 3, 30, 8, 0), CallerType.School, "mediation", CallOutcome.SessionBooked, "British Sign Language", interpreter: true);
        // 22:30 UTC on 31 March is 23:30 BST: still March.
        Call(db, adviser, Utc(2026, 3, 31, 22, 30), CallerType.Parent, "sen-support", CallOutcome.InformationGiven, "English");
        // 23:30 UTC on 31 March is 00:30 BST on 1 April.
        Call(db, adviser, Utc(2026, 3, 31, 23, 30), CallerType.Other, "other", CallOutcome.Other, "English");
        // 22:59 UTC on 30 June is 23:59 BST: the last minute of the period.
        Call(db, adviser, Utc(2026, 6, 30, 22, 59), CallerType.Parent, "sen-support", CallOutcome.InformationGiven, "Urdu");
        // Outside: 31 December 2025 at 23:59 GMT, 1 July 2026 at 00:00 BST, and a year before.
        Call(db, adviser, Utc(2025, 12, 31, 23, 59), CallerType.School, "sen-support", CallOutcome.InformationGiven, "English");
        Call(db, adviser, Utc(2026, 6, 30, 23, 0), CallerType.School, "sen-support", CallOutcome.InformationGiven, "English");
        Call(db, adviser, Utc(2025, 6, 1, 10, 0), CallerType.Parent, "sen-support", CallOutcome.InformationGiven, "Welsh", interpreter: true);

        // Cases submitted in the period: A, B, C, D, E, F, G, K, L.
        var a = Case(db, owner, "A", CaseWorkflow.Sen, herts, Utc(2026, 1, 10), CaseStage.MeetingHeld, Language("english"));
        a.LaToldOfMediationOn = new(2026, 2, 2);
        a.MeetingHeldOn = new(2026, 3, 4); // exactly 30 days after the local authority was told: in time
        Events(db, a, CaseStage.MediationBeingArranged, CaseStage.MeetingScheduled, CaseStage.MeetingHeld);

        // Went to mediation (history), the local authority could not arrange it, certificate in time.
        var b = Case(db, owner, "B", CaseWorkflow.Sen, herts, Utc(2026, 1, 20), CaseStage.Closed, Language("other", "Polish", "yes"));
        Certificate(b, new(2026, 3, 5), CertificateTrigger.LocalAuthorityCouldNotArrangeMediation, issued: new(2026, 3, 9)); // due Tuesday 10 March
        Events(db, b, CaseStage.InformationGiven, CaseStage.MediationBeingArranged, CaseStage.CertificateIssued, CaseStage.Closed);
        Response(db, b, 5, Utc(2026, 3, 20), "cy");

        // Certificate only; the clock runs over Easter (Good Friday 3 April, Easter Monday 6 April): due Thursday 9 April.
        var c = Case(db, owner, "C", CaseWorkflow.Sen, beds, Utc(2026, 2, 1), CaseStage.CertificateIssued, Language("bsl"));
        Certificate(c, new(2026, 4, 2), CertificateTrigger.NotPursuingMediation, issued: new(2026, 4, 9));
        Events(db, c, CaseStage.InformationGiven, CaseStage.CertificateIssued);
        Response(db, c, 1, Utc(2026, 6, 30, 22, 30)); // 23:30 BST on 30 June: in the period

        var d = Case(db, owner, "D", CaseWorkflow.Bullying, essex, Utc(2026, 2, 14), CaseStage.TelephoneSupport, Language("english"));
        Events(db, d, CaseStage.TelephoneSupport);

        // Went to mediation (history), then the family withdrew.
        var e = Case(db, owner, "E", CaseWorkflow.Bullying, beds, Utc(2026, 3, 1), CaseStage.Closed, Language("other", "polish", "no"));
        Events(db, e, CaseStage.TelephoneSupport, CaseStage.MediationBeingArranged, CaseStage.MeetingScheduled, CaseStage.Closed);
        Response(db, e, 5, Utc(2026, 4, 2));

        // 22:00 UTC on 30 June is 23:00 BST: submitted in the period; outside the areas served.
        Case(db, owner, "F", CaseWorkflow.Sen, null, Utc(2026, 6, 30, 22, 0), CaseStage.New, Language("english"));

        // Facilitation: in the case counts, never in the mediation figures.
        var g = Case(db, owner, "G", CaseWorkflow.Facilitation, herts, Utc(2026, 1, 5), CaseStage.MeetingHeld, Language("other", "Urdu", "yes"));
        g.MeetingHeldOn = new(2026, 2, 10);
        Events(db, g, CaseStage.MeetingScheduled, CaseStage.MeetingHeld);

        // Certificate late: Monday 11 May, due Thursday 14 May, issued Friday 15 May.
        var k = Case(db, owner, "K", CaseWorkflow.Sen, herts, Utc(2026, 4, 20), CaseStage.Closed, Language("english"));
        Certificate(k, new(2026, 5, 11), CertificateTrigger.NotPursuingMediation, issued: new(2026, 5, 15));
        Events(db, k, CaseStage.InformationGiven, CaseStage.CertificateIssued, CaseStage.Closed);
        Response(db, k, 2, Utc(2026, 6, 1), "ur");

        // Being arranged now, with no history rows: counts as going to mediation from its current stage. No language answer.
        Case(db, owner, "L", CaseWorkflow.Bullying, herts, Utc(2026, 5, 5), CaseStage.MediationBeingArranged, []);

        // Submitted before the period, with meetings or certificates in it.
        // H: mediation held 31 days after the local authority was told (late); agreement signed; certificate on the due day.
        var h = Case(db, owner, "H", CaseWorkflow.Sen, herts, Utc(2025, 11, 10), CaseStage.Closed, Language("other", "Somali", "yes"));
        h.LaToldOfMediationOn = new(2026, 2, 2);
        h.MeetingHeldOn = new(2026, 3, 5);
        Certificate(h, new(2026, 3, 5), CertificateTrigger.MediationConcluded, issued: new(2026, 3, 10));
        Events(db, h, CaseStage.MediationBeingArranged, CaseStage.MeetingScheduled, CaseStage.MeetingHeld, CaseStage.AgreementRecorded, CaseStage.AgreementSigned, CaseStage.CertificateIssued, CaseStage.Closed);
        Response(db, h, 4, Utc(2026, 3, 25));

        // I: bullying mediation held in the period; agreement known only from the current stage.
        var i = Case(db, owner, "I", CaseWorkflow.Bullying, essex, Utc(2025, 12, 1), CaseStage.AgreementRecorded, Language("english"));
        i.MeetingHeldOn = new(2026, 4, 20);

        // J: everything before the period.
        var j = Case(db, owner, "J", CaseWorkflow.Sen, beds, Utc(2025, 10, 1), CaseStage.AgreementSigned, Language("english"));
        j.LaToldOfMediationOn = new(2025, 11, 20);
        j.MeetingHeldOn = new(2025, 12, 15);
        Certificate(j, new(2025, 12, 15), CertificateTrigger.MediationConcluded, issued: new(2025, 12, 18));
        Events(db, j, CaseStage.MeetingHeld, CaseStage.AgreementRecorded, CaseStage.AgreementSigned);
        Response(db, j, 3, Utc(2025, 12, 31, 23, 0));

        // M: mediation held 19 days after the local authority was told; no agreement; certificate not issued yet.
        var m = Case(db, owner, "M", CaseWorkflow.Sen, herts, Utc(2025, 12, 20), CaseStage.MeetingHeld, Language("english"));
        m.LaToldOfMediationOn = new(2026, 4, 1);
        m.MeetingHeldOn = new(2026, 4, 20);
        m.CertificateTriggeredOn = new(2026, 4, 20);
        m.CertificateTrigger = CertificateTrigger.MediationConcluded;
        Events(db, m, CaseStage.MediationBeingArranged, CaseStage.MeetingScheduled, CaseStage.MeetingHeld);
        Response(db, m, 3, Utc(2026, 6, 30, 23, 30)); // 00:30 BST on 1 July: outside

        // A draft is never a case, whatever it holds.
        var draft = Case(db, owner, "N", CaseWorkflow.Sen, herts, null, CaseStage.New, Language("other", "Klingon", "yes"));
        draft.Status = ApplicationStatus.Draft;
        draft.Reference = null;
        draft.MeetingHeldOn = new(2026, 3, 1);

        await db.SaveChangesAsync();
    }

    private static async Task<int> AreaAsync(PortalDbContext db, string code) =>
        await db.LocalAuthorities.Where(l => l.Code == code).Select(l => l.Id).SingleAsync();

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 12, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    private static void Call(PortalDbContext db, int staffId, DateTimeOffset at, CallerType callerType, string topic, CallOutcome outcome, string language, bool interpreter = false) =>
        db.CallLog.Add(new CallLogEntry
        {
            StartedAt = at,
            DurationMinutes = 10,
            CallerType = callerType,
            Topic = topic,
            Outcome = outcome,
            Language = language,
            InterpreterUsed = interpreter,
            StaffId = staffId,
        });

    private static Dictionary<string, string> Language(string language, string? other = null, string? interpreter = null)
    {
        var values = new Dictionary<string, string> { [AnswerKeys.Language] = language };
        if (other is not null)
        {
            values[AnswerKeys.LanguageOther] = other;
        }

        if (interpreter is not null)
        {
            values[AnswerKeys.Interpreter] = interpreter;
        }

        return values;
    }

    private static Application Case(PortalDbContext db, PortalUser owner, string name, string route, int? area, DateTimeOffset? submittedAt, CaseStage stage, Dictionary<string, string> answers)
    {
        answers[AnswerKeys.Route] = route;
        var application = new Application
        {
            Id = Guid.NewGuid(),
            OwnerId = owner.Id,
            Status = ApplicationStatus.Submitted,
            Route = route,
            LocalAuthorityId = area,
            AnswersJson = TriageAnswers.From(answers).ToJson(),
            CreatedAt = (submittedAt ?? Utc(2026, 3, 1)).AddDays(-1),
            UpdatedAt = submittedAt ?? Utc(2026, 3, 1),
            SubmittedAt = submittedAt,
            Reference = "TEST-000" + name,
            CreatedBySubject = owner.Subject,
            Stage = stage,
        };
        db.Applications.Add(application);
        return application;
    }

    private static void Certificate(Application application, DateOnly triggered, CertificateTrigger trigger, DateOnly issued)
    {
        application.CertificateTriggeredOn = triggered;
        application.CertificateTrigger = trigger;
        application.CertificateIssuedOn = issued;
    }

    private static void Events(PortalDbContext db, Application application, params CaseStage[] stages)
    {
        var from = CaseStage.New;
        var at = application.SubmittedAt!.Value;
        foreach (var stage in stages)
        {
            at = at.AddDays(1);
            db.CaseEvents.Add(new CaseEvent
            {
                ApplicationId = application.Id,
                At = at,
                ActorSubject = "demo-adviser",
                ActorName = "Priya Shah",
                Kind = "stage-changed",
                FromStage = from.ToString(),
                ToStage = stage.ToString(),
            });
            from = stage;
        }
    }

    private static void Response(PortalDbContext db, Application application, int rating, DateTimeOffset at, string language = "en-GB") =>
        db.SatisfactionResponses.Add(new SatisfactionResponse { ApplicationId = application.Id, Rating = rating, SubmittedAt = at, Language = language });
}
