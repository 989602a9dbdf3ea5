using Microsoft.EntityFrameworkCore;
using ParentPortal.Data;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Calendar;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Deadlines;
using ParentPortal.Domain.Meetings;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Platform.Hosting.Seeding;

/// <param name="Months">How far back from "now" the cases and calls go.</param>
/// <param name="Seed">The same seed, size and "now" always give the same data.</param>
public sealed record VolumeSize(int Cases, int Calls, int Months = 24, int Seed = 7)
{
    /// <summary>What the Development portal seeds: about a county's year of cases and calls, twice over.</summary>
    public static readonly VolumeSize Demo = new(400, 3000);
}

/// <summary>A member of staff the generated data names (calls are logged by advisers, cases assigned to mediators).</summary>
public sealed record VolumeStaff(int Id, string Subject, string Name);

/// <param name="DecisionMakers">An officer with an account for each local authority that has one, by the authority's id: named as its decision maker.</param>
public sealed record VolumeContext(IReadOnlyList<LocalAuthority> LocalAuthorities, IReadOnlyList<VolumeStaff> Advisers, VolumeStaff? Mediator, WorkingDayCalendar Calendar, IReadOnlyDictionary<int, VolumeStaff>? DecisionMakers = null);

/// <summary>Rows ready to add: families, their submitted cases with history and meetings, calls and survey answers.</summary>
public sealed record VolumeDataSet(
    IReadOnlyList<PortalUser> Users,
    IReadOnlyList<Application> Applications,
    IReadOnlyList<CaseEvent> Events,
    IReadOnlyList<AuditEntry> Audit,
    IReadOnlyList<CaseMeeting> Meetings,
    IReadOnlyList<CallLogEntry> Calls,
    IReadOnlyList<SatisfactionResponse> Responses);

/// <summary>
/// Realistic volumes for demos and load timings: hundreds of cases across the three routes and the local
/// authorities served, moved through their workflow with plausible dates (most, not all, within the statutory
/// time limits), thousands of helpline calls on working days, and survey answers for closed cases.
/// Deterministic: a seeded <see cref="Random"/> and dates relative to the "now" given. Nothing happens after "now".
/// Names are made up from common first names and surnames; no real family is described.
/// </summary>
public static class VolumeData
{
    public const string SubjectPrefix = "volume-family-";

    private static readonly string[] FirstNames =
    [
        "Alex", "Amira", "Ben", "Chloe", "Daniel", "Eilidh", "Fatima", "George", "Hana", "Isaac", "Jade", "Kwame", "Leah", "Mohammed",
        "Niamh", "Oliver", "Priya", "Rhys", "Sofia", "Tomasz", "Zoë", "Aisha", "Callum", "Dana", "Łucja", "Marek", "Nadia", "Owen",
        "Ruth", "Samir", "Tariq", "Yusuf", "Erin", "Jonah", "Keira", "Luca",
    ];

    private static readonly string[] Surnames =
    [
        "Ahmed", "Bennett", "Carter", "Dvořák", "Edwards", "Fletcher", "Green", "Hughes", "Iqbal", "Jones", "Khan", "Lewis", "Morgan",
        "Nowak", "O'Neill", "Patel", "Quinn", "Roberts", "Singh", "Thompson", "Usman", "Walker", "Young", "Zielińska", "Begum", "Clarke",
        "Davies", "Evans", "Hussain", "Mensah", "Okafor", "Price", "Shaw", "Turner", "Ward", "Wright",
    ];

    private static readonly (string Language, int Weight)[] OtherLanguages =
        [("Polish", 20), ("Urdu", 15), ("Bengali", 10), ("Punjabi", 10), ("Romanian", 10), ("Arabic", 9), ("Somali", 8), ("Portuguese", 8), ("Turkish", 5), ("Gujarati", 5)];

    // Topic keys as the call log stores them (Domain/Helpline/CallTopics).
    private static readonly (string Topic, string? Route, int Weight)[] Topics =
    [
        ("sen-support", CaseWorkflow.Sen, 20), ("ehc-assessment", CaseWorkflow.Sen, 14), ("ehc-plan", CaseWorkflow.Sen, 10), ("school-placement", CaseWorkflow.Sen, 4),
        ("tribunal", CaseWorkflow.Sen, 8), ("mediation", CaseWorkflow.Sen, 8), ("bullying", CaseWorkflow.Bullying, 16), ("exclusion", null, 4),
        ("facilitation", CaseWorkflow.Facilitation, 8), ("other", null, 8),
    ];

    private static readonly (CallerType Type, int Weight)[] CallerTypes =
        [(CallerType.Parent, 66), (CallerType.YoungPerson, 4), (CallerType.School, 15), (CallerType.Professional, 11), (CallerType.Other, 4)];

    private static readonly (CallOutcome Outcome, int Weight)[] Outcomes =
        [(CallOutcome.InformationGiven, 45), (CallOutcome.ApplicationStarted, 15), (CallOutcome.ReferredElsewhere, 12), (CallOutcome.CallBackArranged, 14), (CallOutcome.SessionBooked, 9), (CallOutcome.Other, 5)];

    private static readonly (string Language, int Weight)[] CallLanguages =
        [("English", 890), ("Polish", 25), ("Urdu", 18), ("Bengali", 12), ("Punjabi", 12), ("British Sign Language (BSL)", 10), ("Romanian", 10), ("Arabic", 8), ("Portuguese", 8), ("Somali", 7)];

    /// <summary>Working days taken to issue a certificate: most within the 3 allowed, some late.</summary>
    private static readonly (int Days, int Weight)[] CertificateDelays = [(1, 35), (2, 30), (3, 22), (4, 8), (5, 3), (7, 2)];

    // Fewer contacts in August and over Christmas, more in the autumn term and when plans are reviewed in spring.
    private static readonly int[] MonthWeights = [9, 10, 11, 9, 10, 9, 8, 4, 11, 12, 11, 6];

    /// <summary>Adds <see cref="VolumeSize.Demo"/>-style data in one save, only when the database has no cases yet. Returns the cases added.</summary>
    public static async Task<int> SeedAsync(PortalDbContext db, DateTimeOffset now, VolumeSize size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(size);
        if (await db.Applications.AnyAsync(a => a.Status == ApplicationStatus.Submitted, cancellationToken))
        {
            return 0;
        }

        var areas = await db.LocalAuthorities.AsNoTracking().Where(l => l.IsActive).OrderBy(l => l.Id).ToListAsync(cancellationToken);
        var staff = await db.StaffMembers.AsNoTracking().Include(s => s.Roles).Where(s => s.IsActive).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var advisers = staff.Where(s => s.Roles.Any(r => r.Role == PortalRoles.Adviser)).Select(s => new VolumeStaff(s.Id, s.Subject, s.DisplayName)).ToList();
        var mediator = staff.Where(s => s.Roles.Any(r => r.Role == PortalRoles.Mediator)).Select(s => new VolumeStaff(s.Id, s.Subject, s.DisplayName)).FirstOrDefault();
        if (advisers.Count == 0 && staff.Count > 0)
        {
            advisers.Add(new VolumeStaff(staff[0].Id, staff[0].Subject, staff[0].DisplayName));
        }

        var holidays = await db.BankHolidays.AsNoTracking().Select(h => new BankHoliday(h.Date, h.Title)).ToListAsync(cancellationToken);
        var decisionMakers = staff.Where(s => s.LocalAuthorityId is not null && s.Roles.Any(r => r.Role == PortalRoles.LaOfficer))
            .GroupBy(s => s.LocalAuthorityId!.Value).ToDictionary(g => g.Key, g => g.Select(s => new VolumeStaff(s.Id, s.Subject, s.DisplayName)).First());
        var data = Generate(size, new VolumeContext(areas, advisers, mediator, new WorkingDayCalendar(holidays), decisionMakers), now);

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Users.AddRange(data.Users);
        db.Applications.AddRange(data.Applications);
        db.CaseEvents.AddRange(data.Events);
        db.AuditEntries.AddRange(data.Audit);
        db.CaseMeetings.AddRange(data.Meetings);
        db.CallLog.AddRange(data.Calls);
        db.SatisfactionResponses.AddRange(data.Responses);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        db.ChangeTracker.Clear();
        return data.Applications.Count;
    }

    public static VolumeDataSet Generate(VolumeSize size, VolumeContext context, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(size);
        ArgumentNullException.ThrowIfNull(context);
        var generator = new Generator(size, context, now);
        return generator.Run();
    }

    private sealed class Generator(VolumeSize size, VolumeContext context, DateTimeOffset now)
    {
        private readonly Random _random = new(size.Seed);
        private readonly VolumeSize _size = size;
        private readonly VolumeContext _context = context;
        private readonly DateTimeOffset _now = now;
        private readonly DateOnly _today = UkDates.DateIn(now);
        private readonly HashSet<string> _references = new(StringComparer.Ordinal);
        private readonly List<PortalUser> _users = [];
        private readonly List<Application> _applications = [];
        private readonly List<CaseEvent> _events = [];
        private readonly List<AuditEntry> _audit = [];
        private readonly List<CaseMeeting> _meetings = [];
        private readonly List<CallLogEntry> _calls = [];
        private readonly List<SatisfactionResponse> _responses = [];

        private VolumeStaff Adviser => _context.Advisers.Count > 0 ? _context.Advisers[_random.Next(_context.Advisers.Count)] : new VolumeStaff(0, "system", "Portal");

        private VolumeStaff Mediator => _context.Mediator ?? Adviser;

        private DateOnly FirstDay => _today.AddMonths(-_size.Months);

        public VolumeDataSet Run()
        {
            for (var i = 1; i <= _size.Cases; i++)
            {
                AddCase(i);
            }

            if (_context.Advisers.Count > 0)
            {
                for (var i = 0; i < _size.Calls; i++)
                {
                    AddCall();
                }
            }

            return new VolumeDataSet(_users, _applications, _events, _audit, _meetings, _calls, _responses);
        }

        private void Add(object row)
        {
            switch (row)
            {
                case CaseEvent entry:
                    _events.Add(entry);
                    break;
                case AuditEntry audit:
                    _audit.Add(audit);
                    break;
                default:
                    throw new InvalidOperationException($"The demo volumes do not store {row.GetType().Name} rows.");
            }
        }

        private static CaseActor Family(PortalUser owner) => CaseActor.Family(owner.Subject, owner.DisplayName);

        private void AddCase(int number)
        {
            var submittedOn = SeasonalDay(workingDaysOnly: false, lastDay: _today.AddDays(-1));
            var submittedAt = At(submittedOn, 8, 22);
            var first = FirstNames[_random.Next(FirstNames.Length)];
            var surname = Surnames[_random.Next(Surnames.Length)];
            var owner = new PortalUser
            {
                Id = NewGuid(),
                Subject = SubjectPrefix + number.ToString("D5", System.Globalization.CultureInfo.InvariantCulture),
                DisplayName = $"{first} {surname}",
                Email = $"family{number:D5}@example.com",
                FirstSignedInAt = submittedAt.AddDays(-_random.Next(0, 6)).AddMinutes(-_random.Next(5, 600)),
                LastSignedInAt = submittedAt,
            };
            _users.Add(owner);

            var route = Pick([(CaseWorkflow.Sen, 60), (CaseWorkflow.Bullying, 25), (CaseWorkflow.Facilitation, 15)]);
            var area = _context.LocalAuthorities.Count == 0 || _random.Next(100) < 3 ? null : PickArea();
            // In the order the generator has always drawn them (the same seed gives the same data).
            var id = NewGuid();
            var answers = Answers(route, area, surname);
            var reference = NewReference();
            var application = new Application
            {
                Id = id,
                OwnerId = owner.Id,
                Status = ApplicationStatus.Submitted,
                Route = route,
                LocalAuthorityId = area?.Id,
                AnswersJson = answers.ToJson(),
                CreatedAt = owner.FirstSignedInAt,
                UpdatedAt = submittedAt,
                SubmittedAt = submittedAt,
                Reference = reference,
                SearchText = ApplicationSearchText.For(answers, owner.DisplayName, owner.Email, reference),
                CreatedBySubject = owner.Subject,
            };
            _applications.Add(application);
            CaseFile.ForHistory(application, Family(owner), submittedAt, Add).RecordSubmitted();

            var timeline = new Timeline(this, application);
            switch (route)
            {
                case CaseWorkflow.Sen:
                    SenCase(timeline, submittedOn);
                    break;
                case CaseWorkflow.Bullying:
                    BullyingCase(timeline, submittedOn);
                    break;
                default:
                    FacilitationCase(timeline, submittedOn);
                    break;
            }
        }

        private void SenCase(Timeline t, DateOnly submitted)
        {
            var info = WorkingDaysAfter(submitted, _random.Next(1, 8));
            if (!t.Move(CaseStage.InformationGiven, info, Adviser))
            {
                return;
            }

            t.Case.InformationGivenOn = info;
            var chosen = info.AddDays(_random.Next(0, 8));
            // About 42% of parents given mediation information go on to mediate (see the domain guide).
            var mediate = _random.Next(100) < 42;
            if (chosen > _today)
            {
                return;
            }

            t.Case.MediationChoice = mediate ? SessionChoice.TryMediation : SessionChoice.CertificateOnly;
            t.Case.MediationChoiceAt = At(chosen, 9, 17);
            if (!mediate)
            {
                t.Certificate(chosen, CertificateTrigger.NotPursuingMediation, Adviser);
                return;
            }

            var told = WorkingDaysAfter(chosen, _random.Next(0, 3));
            if (!t.Move(CaseStage.MediationBeingArranged, told, Adviser))
            {
                return;
            }

            t.Case.LaToldOfMediationOn = told;
            t.Case.AssignedStaffId = _context.Mediator?.Id;
            if (_random.Next(100) < 8)
            {
                t.Certificate(told.AddDays(StatutoryPeriods.ArrangeMediationDays), CertificateTrigger.LocalAuthorityCouldNotArrangeMediation, Adviser);
                return;
            }

            var meeting = _context.Calendar.NextWorkingDayOnOrAfter(told.AddDays(_random.Next(100) < 80 ? _random.Next(12, 29) : _random.Next(31, 50)));
            if (!Meeting(t, WorkingDaysAfter(told, _random.Next(2, 8)), meeting, mediation: true))
            {
                return;
            }

            var agreed = _random.Next(100) < 72;
            if (agreed)
            {
                t.Move(CaseStage.AgreementRecorded, meeting, Mediator);
                t.Move(CaseStage.AgreementSigned, WorkingDaysAfter(meeting, _random.Next(0, 2)), Mediator);
            }

            t.Certificate(meeting, CertificateTrigger.MediationConcluded, Mediator);
        }

        private void BullyingCase(Timeline t, DateOnly submitted)
        {
            var support = WorkingDaysAfter(submitted, _random.Next(1, 6));
            if (!t.Move(CaseStage.TelephoneSupport, support, Adviser))
            {
                return;
            }

            if (_random.Next(100) >= 35)
            {
                t.Close(support.AddDays(_random.Next(10, 40)), "Signposted to the school's governing board and the local advocacy service.", Adviser);
                return;
            }

            var arranged = WorkingDaysAfter(support, _random.Next(5, 20));
            if (!t.Move(CaseStage.MediationBeingArranged, arranged, Adviser))
            {
                return;
            }

            t.Case.AssignedStaffId = _context.Mediator?.Id;
            var meeting = _context.Calendar.NextWorkingDayOnOrAfter(arranged.AddDays(_random.Next(14, 40)));
            if (!Meeting(t, WorkingDaysAfter(arranged, _random.Next(2, 8)), meeting, mediation: true))
            {
                return;
            }

            if (_random.Next(100) < 60)
            {
                t.Move(CaseStage.AgreementRecorded, meeting, Mediator);
                t.Move(CaseStage.AgreementSigned, WorkingDaysAfter(meeting, _random.Next(0, 3)), Mediator);
            }

            t.Close(WorkingDaysAfter(meeting, _random.Next(5, 20)), "Mediation finished.", Mediator);
        }

        private void FacilitationCase(Timeline t, DateOnly submitted)
        {
            var scheduled = WorkingDaysAfter(submitted, _random.Next(3, 10));
            var meeting = _context.Calendar.NextWorkingDayOnOrAfter(scheduled.AddDays(_random.Next(14, 35)));
            if (!Meeting(t, scheduled, meeting, mediation: false))
            {
                return;
            }

            var written = WorkingDaysAfter(meeting, _random.Next(1, 10));
            if (t.Move(CaseStage.RecordWritten, written, Mediator))
            {
                t.Close(written.AddDays(_random.Next(5, 20)), "Record of the meeting sent to everyone who attended.", Mediator);
            }
        }

        /// <summary>Schedules the meeting, and holds it if its day has come; a few families withdraw first.</summary>
        private bool Meeting(Timeline t, DateOnly scheduled, DateOnly meeting, bool mediation)
        {
            if (scheduled >= meeting)
            {
                scheduled = _context.Calendar.SubtractWorkingDays(meeting, 6);
            }

            if (!t.Move(CaseStage.MeetingScheduled, scheduled, Adviser))
            {
                return false;
            }

            t.Case.AssignedStaffId ??= _context.Mediator?.Id;
            var online = _random.Next(100) < 70;
            var officer = t.Case.Route == AnswerKeys.Sen && t.Case.LocalAuthorityId is { } la && _context.DecisionMakers?.TryGetValue(la, out var found) == true ? found : null;
            var decider = t.Case.Route == AnswerKeys.Bullying
                ? new MeetingAttendee { Name = "Head of year", Role = AttendeeRole.SchoolRepresentative }
                : new MeetingAttendee { Name = officer?.Name ?? "SEN team manager", Role = AttendeeRole.LaDecisionMaker, StaffId = officer?.Id };
            var main = new CaseMeeting
            {
                Id = Guid.CreateVersion7(At(scheduled, 9, 17)),
                ApplicationId = t.Case.Id,
                Kind = mediation ? MeetingKind.Joint : MeetingKind.Facilitated,
                StartsAt = UkDates.FromLocal(meeting, new TimeOnly(10, 0)),
                EndsAt = UkDates.FromLocal(meeting, new TimeOnly(12, 30)),
                Format = online ? SessionFormat.Online : SessionFormat.InPerson,
                MeetingLink = online ? $"https://meet.example.org/{t.Case.Reference}" : null,
                VenueName = online ? null : "Community Centre",
                VenueAddress = online ? null : "12 High Street",
                People = mediation
                    ? [decider]
                    : [new MeetingAttendee { Name = "SENCo", Role = AttendeeRole.SchoolRepresentative }, new MeetingAttendee { Name = "Local authority caseworker", Role = AttendeeRole.LaDecisionMaker }],
                LaDecisionMaker = mediation ? decider.Name : null,
                DecisionMakerStaffId = mediation ? officer?.Id : null,
                NoticeGivenOn = scheduled,
                UpdatedAt = At(scheduled, 9, 17),
            };
            _meetings.Add(main);
            if (_random.Next(100) < 5)
            {
                t.Close(_context.Calendar.SubtractWorkingDays(meeting, 2), "The family withdrew before the meeting.", Adviser);
                return false;
            }

            if (!t.Move(CaseStage.MeetingHeld, meeting, Mediator))
            {
                return false;
            }

            t.Case.MeetingHeldOn = meeting;
            main.HeldOn = meeting;
            if (mediation)
            {
                // Each party met the mediator on their own first (seed 003), on the working day before.
                var before = _context.Calendar.SubtractWorkingDays(meeting, 1);
                foreach (var party in MeetingPlan.PartiesFor(t.Case.Route))
                {
                    _meetings.Add(new CaseMeeting
                    {
                        Id = Guid.CreateVersion7(At(scheduled, 9, 18)),
                        ApplicationId = t.Case.Id,
                        Kind = MeetingKind.Individual,
                        WithParty = party,
                        StartsAt = UkDates.FromLocal(before, party == MeetingParty.Family ? new TimeOnly(10, 0) : new TimeOnly(14, 0)),
                        EndsAt = UkDates.FromLocal(before, party == MeetingParty.Family ? new TimeOnly(11, 0) : new TimeOnly(15, 0)),
                        Format = SessionFormat.Online,
                        MeetingLink = $"https://meet.example.org/{t.Case.Reference}-{party.ToString().ToLowerInvariant()}",
                        NoticeGivenOn = party == MeetingParty.Family ? scheduled : null,
                        HeldOn = before,
                        UpdatedAt = At(scheduled, 9, 18),
                    });
                }
            }

            return true;
        }

        private void AddCall()
        {
            var day = SeasonalDay(workingDaysOnly: true, lastDay: _today);
            var (topic, route, _) = Topics[PickIndex(Topics.Select(t => t.Weight))];
            var language = Pick(CallLanguages);
            var area = _context.LocalAuthorities.Count == 0 || _random.Next(100) < 6 ? null : PickArea();
            var started = At(day, 9, 17);
            if (started > _now)
            {
                started = _now.AddMinutes(-_random.Next(30, 600));
            }

            _calls.Add(new CallLogEntry
            {
                StartedAt = started,
                DurationMinutes = 3 + (int)Math.Round(Math.Abs(NextGaussian()) * 12),
                CallerType = Pick(CallerTypes),
                Topic = topic,
                Route = route,
                LocalAuthorityId = area?.Id,
                Language = language,
                InterpreterUsed = language != "English" && (language == "British Sign Language (BSL)" || _random.Next(100) < 75),
                Outcome = Pick(Outcomes),
                StaffId = Adviser.Id,
            });
        }

        private TriageAnswers Answers(string route, LocalAuthority? area, string surname)
        {
            var values = new Dictionary<string, string>
            {
                [AnswerKeys.Route] = route,
                [AnswerKeys.Applicant] = route == CaseWorkflow.Sen && _random.Next(100) < 6 ? AnswerKeys.YoungPerson : "parent",
                [AnswerKeys.LocalAuthority] = area?.Code ?? AnswerKeys.OutsideArea,
                [AnswerKeys.ChildFirstName] = FirstNames[_random.Next(FirstNames.Length)],
                [AnswerKeys.ChildLastName] = surname,
                [AnswerKeys.ContactMethod] = "email",
            };
            var language = _random.Next(100);
            if (language < 88)
            {
                values[AnswerKeys.Language] = "english";
            }
            else if (language < 90)
            {
                values[AnswerKeys.Language] = "bsl";
            }
            else
            {
                values[AnswerKeys.Language] = "other";
                values[AnswerKeys.LanguageOther] = Pick(OtherLanguages);
                values[AnswerKeys.Interpreter] = _random.Next(100) < 65 ? "yes" : "no";
            }

            if (route == CaseWorkflow.Sen)
            {
                values[AnswerKeys.SenDecision] = Pick([("plan-contents", 59), ("refusal-to-assess", 27), ("refusal-to-issue-plan", 8), ("cease-to-maintain", 6)]);
            }

            return TriageAnswers.From(values);
        }

        /// <summary>A day in the window, more often in busy months; for calls, a working day.</summary>
        private DateOnly SeasonalDay(bool workingDaysOnly, DateOnly lastDay)
        {
            var span = lastDay.DayNumber - FirstDay.DayNumber;
            while (true)
            {
                var day = FirstDay.AddDays(_random.Next(span + 1));
                if (workingDaysOnly && !_context.Calendar.IsWorkingDay(day))
                {
                    continue;
                }

                if (_random.Next(12) < MonthWeights[day.Month - 1])
                {
                    return day;
                }
            }
        }

        /// <summary>An instant on that day in England, between the hours given, in UTC (as the portal stores times).</summary>
        private DateTimeOffset At(DateOnly day, int fromHour, int toHour) =>
            UkDates.FromLocal(day, new TimeOnly(_random.Next(fromHour, toHour), _random.Next(0, 60)));

        private DateOnly WorkingDaysAfter(DateOnly day, int days) =>
            days == 0 ? _context.Calendar.NextWorkingDayOnOrAfter(day) : _context.Calendar.AddWorkingDays(day, days);

        private LocalAuthority PickArea()
        {
            // The first area (the largest county) has about half the work.
            var areas = _context.LocalAuthorities;
            return areas.Count == 1 || _random.Next(100) < 50 ? areas[0] : areas[1 + _random.Next(areas.Count - 1)];
        }

        private T Pick<T>((T Value, int Weight)[] choices) => choices[PickIndex(choices.Select(c => c.Weight))].Value;

        private int PickIndex(IEnumerable<int> weights)
        {
            var list = weights.ToList();
            var roll = _random.Next(list.Sum());
            for (var i = 0; i < list.Count; i++)
            {
                roll -= list[i];
                if (roll < 0)
                {
                    return i;
                }
            }

            return list.Count - 1;
        }

        private double NextGaussian() =>
            Math.Sqrt(-2.0 * Math.Log(1.0 - _random.NextDouble())) * Math.Cos(2.0 * Math.PI * _random.NextDouble());

        private Guid NewGuid()
        {
            Span<byte> bytes = stackalloc byte[16];
            _random.NextBytes(bytes);
            return new Guid(bytes);
        }

        private string NewReference()
        {
            Span<char> chars = stackalloc char[9];
            string reference;
            do
            {
                for (var i = 0; i < chars.Length; i++)
                {
                    chars[i] = i == 4 ? '-' : ApplicationReference.Alphabet[_random.Next(ApplicationReference.Alphabet.Length)];
                }

                reference = new string(chars);
            }
            while (!_references.Add(reference));

            return reference;
        }

        /// <summary>One case's history: each move is recorded only if its day has come, and nothing after a move that has not.</summary>
        private sealed class Timeline(Generator generator, Application application)
        {
            private bool _stopped;
            private DateTimeOffset _last = application.SubmittedAt!.Value;

            public Application Case => application;

            public bool Move(CaseStage to, DateOnly on, VolumeStaff actor)
            {
                if (_stopped || on > generator._today)
                {
                    _stopped = true;
                    return false;
                }

                var at = generator.At(on, 9, 17);
                if (at <= _last)
                {
                    at = _last.AddMinutes(generator._random.Next(5, 90));
                }

                if (at > generator._now)
                {
                    _stopped = true;
                    return false;
                }

                var file = CaseFile.ForHistory(application, new CaseActor(actor.Subject, actor.Name, "staff"), at, generator.Add);
                file.MoveTo(to);
                file.Record("stage-changed");
                application.UpdatedAt = at;
                _last = at;
                return true;
            }

            /// <summary>The certificate clock starts on <paramref name="triggered"/>; it is issued a few working days later, then the case closes.</summary>
            public void Certificate(DateOnly triggered, CertificateTrigger trigger, VolumeStaff actor)
            {
                if (_stopped || triggered > generator._today)
                {
                    return;
                }

                application.CertificateTriggeredOn = triggered;
                application.CertificateTrigger = trigger;
                var issued = generator._context.Calendar.AddWorkingDays(triggered, generator.Pick(CertificateDelays));
                if (!Move(CaseStage.CertificateIssued, issued, actor))
                {
                    return;
                }

                application.CertificateIssuedOn = issued;
                Close(issued.AddDays(generator._random.Next(7, 30)), "Certificate issued.", actor);
            }

            public void Close(DateOnly on, string note, VolumeStaff actor)
            {
                if (!Move(CaseStage.Closed, on, actor))
                {
                    return;
                }

                application.ClosedAt = _last;
                application.ClosingNote = note;
                application.SurveyRequestedAt = _last;
                if (generator._random.Next(100) >= 45)
                {
                    return;
                }

                var answered = _last.AddDays(generator._random.Next(1, 15)).AddMinutes(generator._random.Next(0, 600));
                if (answered <= generator._now)
                {
                    generator._responses.Add(new SatisfactionResponse
                    {
                        ApplicationId = application.Id,
                        Rating = generator.Pick([(5, 45), (4, 30), (3, 12), (2, 8), (1, 5)]),
                        SubmittedAt = answered,
                    });
                }
            }
        }
    }
}
