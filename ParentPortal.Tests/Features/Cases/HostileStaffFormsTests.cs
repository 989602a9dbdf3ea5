using System.Globalization;
using System.Net.Mail;
using System.Security.Claims;
using System.Text.Json;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Helpline;
using ParentPortal.Domain.Meetings;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Advisers;
using ParentPortal.Features.Booking;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Cases;

/// <summary>
/// Part of the fault suite: the staff forms' handlers (and the family's survey) with generated hostile values in
/// every field. No handler throws; a refusal saves nothing at all; whatever is saved is well formed and within the
/// form's own limits, because a row that is not would break a PDF, a PostgreSQL insert or the next page that shows it.
/// </summary>
public sealed class HostileStaffFormsTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private ApplicationsHost _host = null!;
    private int _families;

    public async Task InitializeAsync()
    {
        _host = await ApplicationsHost.StartAsync();
        await AddOtherStaffAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private DateTimeOffset Now => _host.Clock.GetUtcNow();

    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    /// <summary>
    /// How hostile one sample is: 0 spoils a field now and then (so that many saves succeed and what they store gets
    /// checked), 1 spoils about half of them, 2 nearly all.
    /// </summary>
    private static readonly Gen<int> Levels = Gen.Int[0, 2];

    private static Gen<T> Pick<T>(int level, Gen<T> good, Gen<T> bad) =>
        Gen.Frequency((level switch { 0 => 30, 1 => 2, _ => 1 }, good), (level switch { 0 => 1, 1 => 2, _ => 6 }, bad));

    private static Gen<T> AnyEnum<T>(int level)
        where T : struct, Enum =>
        Pick(level, Gen.Enum<T>(), Gen.OneOf(-1, 7, 99, int.MaxValue).Select(i => (T)Enum.ToObject(typeof(T), i)));

    private static Gen<string?> Field(int level, params string[] good) => Pick(
        level,
        Gen.OneOf(good).Select(g => (string?)g),
        Gen.Frequency((1, Gen.OneOf(good).SelectMany(HostileValues.Around).Select(v => (string?)v)), (1, HostileValues.OptionalText)));

    private static Gen<string> Required(int level, params string[] good) => Field(level, good).Select(v => v ?? "");

    private static Gen<T?> Value<T>(int level, Gen<T> good, Gen<T> bad)
        where T : struct => Pick(level, good.Select(v => (T?)v), Gen.Frequency((4, bad.Select(v => (T?)v)), (1, Gen.Const((T?)null))));

    [Fact]
    public async Task Notes_AndStageChangeNotes_AreSavedOnlyWhenWellFormed()
    {
        var id = await OpenCaseAsync();
        var gen = Levels.SelectMany(level => Gen.Select(
            Gen.Frequency((3, Gen.Const((CaseStage?)null)), (2, AnyEnum<CaseStage>(level).Select(s => (CaseStage?)s))),
            Field(level, "Spoke to the family. They will call back.", "Closing: resolved\nSignposted to governors")));

        var saved = 0;
        await gen.SampleAsync(async (to, note) =>
        {
            if (await StageAsync(id) == CaseStage.Closed)
            {
                id = await OpenCaseAsync();
            }

            var before = await FingerprintAsync();
            var result = to is { } stage ? await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, stage, note) : await _host.Get<AddNoteHandler>().HandleAsync(Adviser, id, note);
            await AssertRefusalChangedNothingAsync(result.Succeeded, result.Errors.Select(e => e.Message), before);
            if (result.Succeeded)
            {
                saved++;
                await using var db = await _host.DbAsync();
                var latest = await db.CaseEvents.AsNoTracking().Where(e => e.ApplicationId == id).OrderByDescending(e => e.Id).FirstAsync();
                Good(latest.Note, 2000, lines: true, "the note", required: to is null || to == CaseStage.Closed);
                Assert.True(Enum.IsDefined(await StageAsync(id)));
            }

            _host.Clock.Advance(TimeSpan.FromSeconds(1));
        }, iter: 250, threads: 1, print: t => $"to {t.Item1}, note '{HostileValues.Show(t.Item2)}'");

        // The generators offer good values too: enough saves succeed for the checks above to mean something.
        Assert.True(saved >= 12, $"only {saved} of 250 saved");
    }

    [Fact]
    public async Task ScheduleMeeting_SavesOnlyAWellFormedMeetingInTheComingYear()
    {
        var id = await OpenCaseAsync();
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.TryMediation));
        var forms = Levels.SelectMany(level => Gen.Select(
            Value(level, Gen.Int[14, 60].Select(d => Today.AddDays(d)), HostileValues.Date),
            Value(level, Gen.OneOf(new TimeOnly(10, 0), new TimeOnly(13, 30)), HostileValues.Time),
            Value(level, Gen.OneOf(new TimeOnly(12, 0), new TimeOnly(15, 0)), HostileValues.Time),
            AnyEnum<SessionFormat>(level),
            Field(level, "https://meet.example.org/mediation-1", "https://teams.example.com/l/meetup-join/19%3ameeting"),
            Gen.Select(Field(level, "Hatfield Community Centre"), Field(level, "1 Market Place, Hatfield\nAL10 0AA")),
            Gen.Select(Field(level, "Asha Patel", "Marta Nowak-Kowalska"), Field(level, "asha.patel@school.example.org"), Field(level, "0300 123 4567")),
            Gen.Select(Field(level, "Dr Helen Ward"), Gen.Bool),
            (date, starts, ends, format, link, venue, person, rest) => new MeetingForm
            {
                Date = date, Starts = starts, Ends = ends, Format = format, MeetingLink = link, VenueName = venue.Item1, VenueAddress = venue.Item2,
                People =
                [
                    new() { Name = person.Item1, Role = AttendeeRole.SchoolRepresentative, Email = person.Item2, Phone = person.Item3 },
                    new() { Name = rest.Item1, Role = AttendeeRole.LaDecisionMaker },
                ],
                ShortNoticeAgreed = rest.Item2,
            }));

        var saved = 0;
        Guid? meetingId = null;
        await forms.SampleAsync(async form =>
        {
            // Once arranged, the case's meeting is changed (a second joint meeting is refused).
            form.MeetingId = meetingId;
            var before = await FingerprintAsync();
            var result = await _host.Get<ScheduleMeetingHandler>().HandleAsync(Adviser, id, form);
            await AssertRefusalChangedNothingAsync(result.Succeeded, result.Errors.Select(e => e.Message), before);
            if (result.Succeeded)
            {
                saved++;
                await using var db = await _host.DbAsync();
                var meeting = await db.CaseMeetings.AsNoTracking().Include(m => m.People).SingleAsync(m => m.ApplicationId == id);
                meetingId = meeting.Id;
                Assert.True(meeting.StartsAt > Now && meeting.StartsAt <= Now.AddYears(1).AddDays(1), $"a meeting at {meeting.StartsAt:O}");
                Assert.True(meeting.EndsAt > meeting.StartsAt && meeting.EndsAt <= meeting.StartsAt.AddHours(8));
                Assert.True(Enum.IsDefined(meeting.Format), $"format {(int)meeting.Format}");
                if (meeting.Format == SessionFormat.Online)
                {
                    Good(meeting.MeetingLink, 500, lines: false, "the link");
                    Assert.StartsWith("https://", meeting.MeetingLink, StringComparison.Ordinal);
                }
                else
                {
                    Good(meeting.VenueName, 200, lines: false, "the venue");
                    Good(meeting.VenueAddress, 500, lines: true, "the venue's address");
                }

                foreach (var person in meeting.People)
                {
                    Good(person.Name, 200, lines: false, "an attendee's name");
                    Assert.True(Enum.IsDefined(person.Role), $"role {(int)person.Role}");
                    Assert.True(person.Email is null || ContactText.IsEmailAddress(person.Email), "an attendee's e-mail address");
                    Assert.True(person.Phone is null || ContactText.IsPhoneNumber(person.Phone), "an attendee's phone number");
                }

                Good(meeting.LaDecisionMaker, 200, lines: false, "the decision maker");
            }

            _host.Clock.Advance(TimeSpan.FromSeconds(1));
        }, iter: 250, threads: 1, print: Describe);

        // The generators offer good values too: enough saves succeed for the checks above to mean something.
        Assert.True(saved >= 12, $"only {saved} of 250 saved");
    }

    [Fact]
    public async Task CallLog_SavesOnlyACallThatTheReportsCanCount()
    {
        var calls = _host.Get<CallLogHandler>();
        var laIds = await LocalAuthorityIdsAsync();
        var forms = Levels.SelectMany(level => Gen.Select(
            Value(level, Gen.Int[0, 60 * 24 * 20].Select(m => Now.AddMinutes(-m)), HostileValues.Moment),
            Value(level, Gen.Int[1, 240], HostileValues.Number),
            AnyEnum<CallerType>(level),
            Field(level, "ehc-assessment", "tribunal", "other"),
            Field(level, AnswerKeys.Sen, AnswerKeys.Bullying, ""),
            Gen.Frequency((3, Value(level, Gen.OneOf(laIds), HostileValues.Number)), (1, Gen.Const((int?)null))),
            Gen.Select(Required(level, "English", "Polish", "British Sign Language"), Gen.Bool, AnyEnum<CallOutcome>(level)),
            Field(level, "", "not-a-reference"),
            (started, minutes, caller, topic, route, la, rest, reference) => new CallForm
            {
                StartedAt = started, DurationMinutes = minutes, CallerType = caller, Topic = topic, Route = route, LocalAuthorityId = la,
                Language = rest.Item1, InterpreterUsed = rest.Item2, Outcome = rest.Item3, ApplicationReference = reference,
            }));

        var saved = 0;
        await forms.SampleAsync(async form =>
        {
            var before = await FingerprintAsync();
            var (succeeded, errors) = await calls.LogAsync(Adviser, form);
            await AssertRefusalChangedNothingAsync(succeeded, errors.Select(e => e.Message), before);
            if (succeeded)
            {
                saved++;
                await using var db = await _host.DbAsync();
                var call = await db.CallLog.AsNoTracking().OrderByDescending(c => c.Id).FirstAsync();
                Assert.InRange(call.StartedAt, Now.AddDays(-31), Now.AddMinutes(5));
                Assert.InRange(call.DurationMinutes, 1, 240);
                Assert.True(Enum.IsDefined(call.CallerType) && Enum.IsDefined(call.Outcome));
                Assert.Contains(call.Topic, CallTopics.All.Select(t => t.Value));
                Assert.True(call.Route is null or AnswerKeys.Sen or AnswerKeys.Bullying or AnswerKeys.Facilitation, call.Route);
                Good(call.Language, 100, lines: false, "the language");
                Assert.True(call.LocalAuthorityId is null || laIds.Contains(call.LocalAuthorityId.Value));
            }
        }, iter: 300, threads: 1, print: f => $"{f.StartedAt:O} {f.DurationMinutes} {f.CallerType} {HostileValues.Show(f.Topic)} {HostileValues.Show(f.Route)} {f.LocalAuthorityId} {HostileValues.Show(f.Language)} {f.Outcome} {HostileValues.Show(f.ApplicationReference)}");

        // The generators offer good values too: enough saves succeed for the checks above to mean something.
        Assert.True(saved >= 15, $"only {saved} of 300 saved");
    }

    [Fact]
    public async Task PhoneApplications_StartOnlyWithAWellFormedCaller()
    {
        var details = Levels.SelectMany(level => Gen.Select(
            Required(level, "parent", "young-person", "third-party"),
            Field(level, "Grandparent", "Support worker"),
            Field(level, "Sam Taylor", "Siân O'Brien-Núñez", "مريم حسن"),
            Field(level, "sam@example.com", "first.last@example.org"),
            Gen.Bool.Array[3],
            Field(level, "Polish", "British Sign Language"),
            Field(level, "Large print", "Text relay, BSL interpreter"),
            (callerIs, relationship, name, email, consents, interpreter, adaptations) => new PhoneCallDetails
            {
                CallerIs = callerIs, ThirdPartyRelationship = relationship, CallerName = name, CallerEmail = email,
                ConsentToAct = consents[0] || consents[1], ConsentToContactSchool = consents[1], ConsentToContactLocalAuthority = consents[2],
                InterpreterLanguage = interpreter, Adaptations = adaptations,
            }));

        var saved = 0;
        await details.SampleAsync(async d =>
        {
            var before = await FingerprintAsync();
            var result = await _host.Get<StartPhoneApplicationHandler>().HandleAsync(Adviser, d);
            await AssertRefusalChangedNothingAsync(result.Succeeded, result.Errors.Select(e => e.Message), before);
            if (result.Succeeded)
            {
                saved++;
                await using var db = await _host.DbAsync();
                var application = await db.Applications.AsNoTracking().Include(a => a.Owner).SingleAsync(a => a.Id == result.ApplicationId);
                Good(application.Owner!.DisplayName, 200, lines: false, "the caller's name");
                if (application.Owner.Email is { } email)
                {
                    Good(email, 254, lines: false, "the caller's e-mail");
                    Assert.True(MailAddress.TryCreate(email, out _), email);
                }

                var stored = JsonSerializer.Deserialize<PhoneCallDetails>(application.PhoneDetailsJson!)!;
                Assert.Contains(stored.CallerIs, new[] { "parent", "young-person", "third-party" });
                Good(stored.ThirdPartyRelationship, 200, lines: false, "the relationship", required: stored.CallerIs == "third-party");
                Good(stored.InterpreterLanguage, 200, lines: false, "the interpreter language", required: false);
                Good(stored.Adaptations, 200, lines: true, "the adaptations", required: false);
            }
        }, iter: 300, threads: 1, print: d => $"{HostileValues.Show(d.CallerIs)} / {HostileValues.Show(d.ThirdPartyRelationship)} / {HostileValues.Show(d.CallerName)} / {HostileValues.Show(d.CallerEmail)} / {d.ConsentToAct} / {HostileValues.Show(d.InterpreterLanguage)} / {HostileValues.Show(d.Adaptations)}");

        // The generators offer good values too: enough saves succeed for the checks above to mean something.
        Assert.True(saved >= 15, $"only {saved} of 300 saved");
    }

    [Fact]
    public async Task Agreements_SaveOnlyWellFormedContent()
    {
        var id = await HeldMediationAsync(_host);
        var agreements = _host.Get<AgreementsHandler>();
        var forms = Levels.SelectMany(level =>
        {
            var items = Field(level, "Transport to school", "The EHC plan's section F\nwording").Array[0, 4].Select(a => a.Select(v => v!).ToList());
            var actions = Gen.Select(Field(level, "Amend section F"), Field(level, "Hertfordshire SEN team"), Value(level, Gen.Int[1, 120].Select(d => Today.AddDays(d)), HostileValues.Date),
                (what, who, by) => new AgreementActionForm { What = what!, Who = who!, By = by }).List[0, 3];
            return Gen.Select(items, actions, items, (issues, agreed, notAgreed) => new AgreementForm { Issues = issues, Actions = agreed, MattersNotAgreed = notAgreed });
        });

        var saved = 0;
        await forms.SampleAsync(async form =>
        {
            var before = await FingerprintAsync();
            var (succeeded, errors, _) = await agreements.SaveAsync(Mediator, id, form);
            await AssertRefusalChangedNothingAsync(succeeded, errors.Select(e => e.Message), before);
            if (succeeded)
            {
                saved++;
                await using var db = await _host.DbAsync();
                var stored = JsonSerializer.Deserialize<AgreementForm>((await db.AgreementDrafts.AsNoTracking().SingleAsync(d => d.ApplicationId == id)).ContentJson, Json)!;
                Assert.NotEmpty(stored.Issues);
                Assert.All(stored.Issues.Concat(stored.MattersNotAgreed), i => Good(i, 1000, lines: true, "an issue"));
                Assert.All(stored.Actions, a =>
                {
                    Good(a.What, 1000, lines: true, "an action");
                    Good(a.Who, 200, lines: false, "who does it");
                    Assert.True(a.By is { } by && by >= Today.AddYears(-1) && by <= Today.AddYears(5), $"by {a.By}");
                });
            }

            _host.Clock.Advance(TimeSpan.FromSeconds(1));
        }, iter: 200, threads: 1, print: f => JsonSerializer.Serialize(f, Json));

        // The generators offer good values too: enough saves succeed for the checks above to mean something.
        Assert.True(saved >= 10, $"only {saved} of 200 saved");
    }

    [Fact]
    public async Task MeetingRecords_SaveOnlyWellFormedContent()
    {
        var id = await HeldFacilitationAsync();
        var records = _host.Get<MeetingRecordsHandler>();
        var forms = Levels.SelectMany(level =>
        {
            var items = Field(level, "Progress against the plan's outcomes", "Reading has improved\nsince September").Array[0, 4].Select(a => a.Select(v => v!).ToList());
            var actions = Gen.Select(Field(level, "Send the one-page profile"), Field(level, "Asha Patel"), Value(level, Gen.Int[1, 120].Select(d => Today.AddDays(d)), HostileValues.Date),
                (action, owner, due) => new MeetingActionForm { Action = action!, Owner = owner!, Due = due }).List[0, 3];
            return Gen.Select(Required(level, "Sam Taylor, parent\nAsha Patel, SENCo"), items, items, actions,
                (attendees, agenda, points, agreed) => new MeetingRecordForm { Attendees = attendees, Agenda = agenda, PointsDiscussed = points, ActionPoints = agreed });
        });

        var saved = 0;
        await forms.SampleAsync(async form =>
        {
            var before = await FingerprintAsync();
            var (succeeded, errors) = await records.SaveAsync(Mediator, id, form);
            await AssertRefusalChangedNothingAsync(succeeded, errors.Select(e => e.Message), before);
            if (succeeded)
            {
                saved++;
                await using var db = await _host.DbAsync();
                var stored = JsonSerializer.Deserialize<MeetingRecordForm>((await db.MeetingRecordDrafts.AsNoTracking().SingleAsync(d => d.ApplicationId == id)).ContentJson, Json)!;
                Good(stored.Attendees, 4000, lines: true, "the attendees");
                Assert.All(stored.Agenda.Concat(stored.PointsDiscussed), i => Good(i, 2000, lines: true, "an item"));
                Assert.All(stored.ActionPoints, a =>
                {
                    Good(a.Action, 1000, lines: true, "an action");
                    Good(a.Owner, 200, lines: false, "who does it");
                    Assert.True(a.Due is { } due && due >= Today.AddYears(-1) && due <= Today.AddYears(5), $"due {a.Due}");
                });
            }

            _host.Clock.Advance(TimeSpan.FromSeconds(1));
        }, iter: 200, threads: 1, print: f => JsonSerializer.Serialize(f, Json));

        // The generators offer good values too: enough saves succeed for the checks above to mean something.
        Assert.True(saved >= 10, $"only {saved} of 200 saved");
    }

    [Fact]
    public async Task Sessions_AreSavedOnlyWhenWellFormed_AndWithinTheNextTwoYears()
    {
        var manage = _host.Get<ManageSessionsHandler>();
        var host = await StaffIdAsync(_host, "demo-adviser");
        var laIds = await LocalAuthorityIdsAsync();
        var forms = Levels.SelectMany(level => Gen.Select(
            Gen.Select(AnyEnum<SessionType>(level), Required(level, "Mediation Information and Awareness Session"), Field(level, "What mediation is, and how to ask for it.\nBring questions.")),
            Value(level, Gen.Int[1, 700].Select(d => Now.AddDays(d)), HostileValues.Moment),
            Value(level, Gen.Int[30, 180].Select(m => TimeSpan.FromMinutes(m)), Gen.OneOf(TimeSpan.Zero, TimeSpan.FromHours(-1), TimeSpan.FromHours(13), TimeSpan.MaxValue)),
            AnyEnum<SessionFormat>(level),
            Gen.Select(Field(level, "https://meet.example.org/mias"), Field(level, "Hatfield Library"), Field(level, "Queensway, Hatfield\nAL10 0LT"), Field(level, "Step-free access.\nHearing loop.")),
            Pick(level, Gen.Int[1, 30], HostileValues.Number),
            Gen.Select(Gen.Frequency((3, Value(level, Gen.OneOf(laIds), HostileValues.Number)), (1, Gen.Const((int?)null))), Required(level, "English", "Polski"), Value(level, Gen.Const(host), HostileValues.Number)),
            (text, starts, length, format, where, capacity, rest) => new SessionForm
            {
                Type = text.Item1, Title = text.Item2, Description = text.Item3, StartsAt = starts,
                EndsAt = Plus(starts, length),
                Format = format, MeetingLink = where.Item1, VenueName = where.Item2, VenueAddress = where.Item3, AccessInformation = where.Item4, Capacity = capacity,
                LocalAuthorityId = rest.Item1, Language = rest.Item2, HostId = rest.Item3,
            }));

        var saved = 0;
        await forms.SampleAsync(async form =>
        {
            var before = await FingerprintAsync();
            var result = await manage.SaveAsync(Adviser, null, form);
            await AssertRefusalChangedNothingAsync(result.Succeeded, result.Errors.Select(e => e.Message), before);
            if (result.Succeeded)
            {
                saved++;
                await using var db = await _host.DbAsync();
                var session = await db.InformationSessions.AsNoTracking().SingleAsync(s => s.Id == result.SessionId);
                Assert.True(Enum.IsDefined(session.Type) && Enum.IsDefined(session.Format), $"type {(int)session.Type}, format {(int)session.Format}");
                Assert.True(session.StartsAt > Now && session.StartsAt <= Now.AddYears(2).AddDays(1), $"starts {session.StartsAt:O}");
                Assert.True(session.EndsAt > session.StartsAt && session.EndsAt <= session.StartsAt.AddHours(12));
                Assert.InRange(session.Capacity, 1, 500);
                Good(session.Title, 200, lines: false, "the title");
                Good(session.Description, 2000, lines: true, "the description", required: false);
                Good(session.Language, 100, lines: false, "the language");
                Good(session.AccessInformation, 1000, lines: true, "the access information", required: false);
                if (session.Format == SessionFormat.Online)
                {
                    Good(session.MeetingLink, 500, lines: false, "the link");
                }
                else
                {
                    Good(session.VenueName, 200, lines: false, "the venue");
                    Good(session.VenueAddress, 500, lines: true, "the venue's address");
                }
            }

            _host.Clock.Advance(TimeSpan.FromSeconds(1));
        }, iter: 300, threads: 1, print: f => $"{f.Type} '{HostileValues.Show(f.Title)}' '{HostileValues.Show(f.Description)}' {f.StartsAt:O}-{f.EndsAt:O} {f.Format} '{HostileValues.Show(f.MeetingLink)}' '{HostileValues.Show(f.VenueName)}' '{HostileValues.Show(f.VenueAddress)}' '{HostileValues.Show(f.AccessInformation)}' {f.Capacity} {f.LocalAuthorityId} '{HostileValues.Show(f.Language)}' {f.HostId}");

        // The generators offer good values too: enough saves succeed for the checks above to mean something.
        Assert.True(saved >= 15, $"only {saved} of 300 saved");
    }

    [Fact]
    public async Task Survey_SavesOnlyARatingFromOneToFive_AndAWellFormedComment()
    {
        var survey = _host.Get<SurveyHandler>();
        var answers = Levels.SelectMany(level => Gen.Select(Value(level, Gen.Int[1, 5], HostileValues.Number), Field(level, "Helpful, thank you.", "Quick.\nKind staff.")));

        var saved = 0;
        await answers.SampleAsync(async (rating, comment) =>
        {
            var (family, id) = await ClosedCaseAsync();
            var before = await FingerprintAsync();
            var (succeeded, message) = await survey.AnswerAsync(family, id, rating, comment);
            await AssertRefusalChangedNothingAsync(succeeded, [message], before);
            if (succeeded)
            {
                saved++;
                await using var db = await _host.DbAsync();
                var response = await db.SatisfactionResponses.AsNoTracking().SingleAsync(r => r.ApplicationId == id);
                Assert.InRange(response.Rating, 1, 5);
                Good(response.Comment, 2000, lines: true, "the comment", required: false);
            }
        }, iter: 20, threads: 1, print: t => $"{t.Item1} '{HostileValues.Show(t.Item2)}'");

        // The generators offer good values too: enough saves succeed for the checks above to mean something.
        Assert.True(saved >= 2, $"only {saved} of 20 saved");
    }

    [Fact]
    public async Task FamilySearch_NeverThrows_AndAuditsOnlyTheNumberOfResults()
    {
        var search = _host.Get<FamilySearchQuery>();
        await OpenCaseAsync();

        await Levels.SelectMany(level => Field(level, "Sam Taylor", "Siân", "07700 900 982", "family-0@example.com")).SampleAsync(async query =>
        {
            var result = await search.HandleAsync(Adviser, query);
            if (!result.Succeeded)
            {
                Assert.False(string.IsNullOrWhiteSpace(result.Error));
                return;
            }

            await using var db = await _host.DbAsync();
            var audit = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Id).FirstAsync();
            Assert.Equal("family-search", audit.Action);
            Assert.Matches("^[0-9]+ results$", audit.Detail ?? "");
        }, iter: 300, threads: 1, print: q => HostileValues.Show(q));
    }

    private static DateTimeOffset? Plus(DateTimeOffset? start, TimeSpan? length)
    {
        try
        {
            return start + length ?? start;
        }
        catch (ArgumentOutOfRangeException)
        {
            return start;
        }
    }

    private static void Good(string? value, int max, bool lines, string what, bool required = true)
    {
        if (value is null)
        {
            Assert.False(required, $"{what} was saved empty");
            return;
        }

        Assert.True(value.Length > 0 && value.Length <= max, $"{what}: {value.Length} characters saved, at most {max}");
        Assert.True(value == value.Trim(), $"{what}: saved untrimmed '{HostileValues.Show(value)}'");
        Assert.True(TypedText.IsWellFormed(value, lines), $"{what}: saved '{HostileValues.Show(value)}'");
    }

    private async Task AssertRefusalChangedNothingAsync(bool succeeded, IEnumerable<string> messages, string before)
    {
        if (succeeded)
        {
            return;
        }

        Assert.All(messages, m => Assert.False(string.IsNullOrWhiteSpace(m)));
        Assert.Equal(before, await FingerprintAsync());
    }

    /// <summary>Everything the handlers here could write, as text: a refused request must leave it exactly as it was.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var db = await _host.DbAsync();
        var applications = await db.Applications.AsNoTracking().Select(a => new { a.Id, a.Version, a.Stage, a.AnswersJson }).ToListAsync();
        var meetings = await db.CaseMeetings.AsNoTracking().Include(m => m.People).ToListAsync();
        var agreements = await db.AgreementDrafts.AsNoTracking().Select(d => new { d.ApplicationId, d.Version, d.ContentHash }).ToListAsync();
        var records = await db.MeetingRecordDrafts.AsNoTracking().Select(d => new { d.ApplicationId, d.ContentJson }).ToListAsync();
        var sessions = await db.InformationSessions.AsNoTracking().Select(s => s.Id).ToListAsync();
        return string.Join('\n',
            string.Join(',', applications.OrderBy(a => a.Id).Select(a => $"{a.Id}:{a.Version}:{a.Stage}:{a.AnswersJson.Length}")),
            string.Join(',', meetings.OrderBy(m => m.Id).Select(m => $"{m.Id}:{m.UpdatedAt.UtcTicks}:{m.Sequence}:{string.Join('|', m.People.Select(p => $"{p.Name}/{p.Role}/{p.Email}/{p.Phone}"))}")),
            string.Join(',', agreements.OrderBy(a => a.ApplicationId).Select(a => $"{a.ApplicationId}:{a.Version}:{a.ContentHash}")),
            string.Join(',', records.OrderBy(r => r.ApplicationId).Select(r => $"{r.ApplicationId}:{r.ContentJson}")),
            string.Join(',', sessions.Order()),
            string.Join(',',
                await db.CaseEvents.CountAsync(), await db.CallLog.CountAsync(), await db.Users.CountAsync(), await db.AuditEntries.CountAsync(),
                await db.SatisfactionResponses.CountAsync(), await db.OutboxMessages.CountAsync(), await db.AgreementSignatures.CountAsync(), await db.ApplicationInvitations.CountAsync()));
    }

    private async Task<Guid> OpenCaseAsync() => await SubmitAsync(_host, NextFamily(), TriageFixtures.SenPages());

    private ClaimsPrincipal NextFamily()
    {
        var n = ++_families;
        return TestUsers.Parent("family-" + n.ToString(CultureInfo.InvariantCulture), "Family " + n.ToString(CultureInfo.InvariantCulture));
    }

    private async Task<(ClaimsPrincipal Family, Guid Id)> ClosedCaseAsync()
    {
        var family = NextFamily();
        var id = await SubmitAsync(_host, family, TriageFixtures.BullyingPages());
        Succeeded(await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, CaseStage.TelephoneSupport, null));
        Succeeded(await _host.Get<ChangeStageHandler>().HandleAsync(Adviser, id, CaseStage.Closed, "Resolved by phone"));
        return (family, id);
    }

    private async Task<Guid> HeldFacilitationAsync()
    {
        var id = await SubmitAsync(_host, NextFamily(), TriageFixtures.FacilitationPages());
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _host.Get<AssignMediatorHandler>().HandleAsync(Adviser, id, await StaffIdAsync(_host, "demo-mediator")));
        Succeeded(await _host.Get<ScheduleMeetingHandler>().HandleAsync(Mediator, id, new MeetingForm
        {
            Date = new DateOnly(2027, 1, 20), Starts = new TimeOnly(14, 0), Ends = new TimeOnly(15, 30), Format = SessionFormat.Online,
            MeetingLink = "https://meet.example.org/review", People = [new() { Name = "Asha Patel", Role = AttendeeRole.SchoolRepresentative }],
        }));
        _host.Clock.Advance(TimeSpan.FromDays(62));
        Succeeded(await _host.Get<ChangeStageHandler>().HandleAsync(Mediator, id, CaseStage.MeetingHeld, null));
        return id;
    }

    private async Task<CaseStage> StageAsync(Guid id)
    {
        await using var db = await _host.DbAsync();
        return await db.Applications.Where(a => a.Id == id).Select(a => a.Stage).SingleAsync();
    }

    private async Task<int[]> LocalAuthorityIdsAsync()
    {
        await using var db = await _host.DbAsync();
        return await db.LocalAuthorities.Select(l => l.Id).ToArrayAsync();
    }

    private static string Describe(MeetingForm f) =>
        $"{f.Date} {f.Starts}-{f.Ends} {f.Format} '{HostileValues.Show(f.MeetingLink)}' '{HostileValues.Show(f.VenueName)}' '{HostileValues.Show(f.VenueAddress)}' '{string.Join("' '", f.People.Select(p => $"{HostileValues.Show(p.Name)}/{p.Role}/{HostileValues.Show(p.Email)}/{HostileValues.Show(p.Phone)}"))}' {f.ShortNoticeAgreed}";
}
