using System.Security.Claims;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Meetings;
using ParentPortal.Domain.Privacy;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Features.Cases;

/// <summary>Someone attending a meeting, as staff type them.</summary>
public sealed class AttendeeForm
{
    public string? Name { get; set; }

    public AttendeeRole? Role { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && Role is null && string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(Phone);
}

public sealed class MeetingForm : IMeetingPlaceForm
{
    /// <summary>The meeting to change; null arranges a new one.</summary>
    public Guid? MeetingId { get; set; }

    public MeetingKind? Kind { get; set; }

    /// <summary>For an individual meeting, the party it is with.</summary>
    public MeetingParty? WithParty { get; set; }

    public DateOnly? Date { get; set; }

    public TimeOnly? Starts { get; set; }

    public TimeOnly? Ends { get; set; }

    public SessionFormat Format { get; set; } = SessionFormat.Online;

    public string? MeetingLink { get; set; }

    public string? VenueName { get; set; }

    public string? VenueAddress { get; set; }

    /// <summary>Who attends besides the family (who is invited through the case's own contact details).</summary>
    public List<AttendeeForm> People { get; set; } = [new()];

    /// <summary>The decision maker's portal account (an officer of the case's local authority), who alone signs the agreement for it.</summary>
    public int? LaDecisionMakerStaffId { get; set; }

    public bool ShortNoticeAgreed { get; set; }
}

/// <summary>
/// Arranges (or changes) a meeting on the case and sends it to everyone attending with a calendar file (the notice the rules
/// require, for the family): a joint mediation needs the local authority's decision maker (or, for bullying, the school's
/// representative) and enough notice unless the family agreed to less; individual meetings and call-backs need neither.
/// </summary>
public sealed class ScheduleMeetingHandler(CaseFiles cases, WorkingDayCalendarSource calendars, ServiceDirectory services)
{
    /// <summary>The most people a meeting's form takes besides the family.</summary>
    public const int MaxPeople = 15;

    private static readonly TextField PersonName = new("name", "The attendee's name", 200, IsName: true);
    private static readonly TextField PersonEmail = new("email", "The attendee's e-mail address", 320);
    private static readonly TextField PersonPhone = new("phone", "The attendee's phone number", 40);

    public Task<CaseChangeResult> HandleAsync(ClaimsPrincipal user, Guid caseId, MeetingForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        return cases.ChangeAsync(user, caseId, can => can.ScheduleMeeting, async (file, _) =>
        {
            var meetings = await file.MeetingsAsync(cancellationToken);
            var existing = form.MeetingId is { } id ? meetings.FirstOrDefault(m => m.Id == id) : null;
            if (form.MeetingId is not null && existing is not { IsOpen: true })
            {
                return CaseChangeResult.Refused("That meeting can no longer be changed: it has been held, skipped or cancelled. Arrange a new one if you need to.");
            }

            var errors = new List<FieldError>();
            var kind = existing?.Kind ?? form.Kind ?? MeetingPlan.MainKind(file.Route);
            var party = existing?.WithParty ?? form.WithParty;
            if (!MeetingPlan.KindsFor(file.Route).Contains(kind))
            {
                errors.Add(new("kind", "Choose what kind of meeting this is"));
            }
            else if (kind == MeetingKind.Individual && (party is null || !MeetingPlan.PartiesFor(file.Route).Contains(party.Value)))
            {
                errors.Add(new("kind", "Choose who the individual meeting is with"));
            }
            else if (existing is null && kind == MeetingKind.Individual && meetings.Any(m => m.Kind == MeetingKind.Individual && m.WithParty == party && m.IsOpen))
            {
                // One at a time per party (a second press of Save, or a second one by mistake): move the one arranged instead.
                errors.Add(new("kind", $"An individual meeting with {MeetingPlan.Describe(party!.Value)} is already arranged: change that one, or cancel it first"));
            }
            else if (existing is null && kind == MeetingPlan.MainKind(file.Route) && CaseFile.MainMeeting(meetings, file.Route) is { } main)
            {
                errors.Add(new("kind", main.HeldOn is null
                    ? $"The case already has its {MeetingPlan.Describe(main.Kind, null).ToLowerInvariant()}: change that one, or cancel it first"
                    : $"The {MeetingPlan.Describe(main.Kind, null).ToLowerInvariant()} has been held"));
            }

            var now = file.Now;
            DateTimeOffset? starts = form.Date is { } d && form.Starts is { } s ? UkDates.FromLocal(d, s) : null;
            DateTimeOffset? ends = form.Date is { } d2 && form.Ends is { } e ? UkDates.FromLocal(d2, e) : null;
            if (starts is null || ends is null)
            {
                errors.Add(new("date", "Enter the date, start time and end time"));
            }
            else if (starts <= now)
            {
                errors.Add(new("date", "The meeting must be in the future"));
            }
            else if (starts > now.AddYears(1))
            {
                errors.Add(new("date", "The meeting must be within the next year"));
            }
            else if (ends <= starts || ends > starts.Value.AddHours(8))
            {
                errors.Add(new("date", "The meeting must end after it starts, on the same day"));
            }

            // Issue 14 item 2: the days the family told us they cannot attend.
            if (errors.Count == 0 && starts is { } on && MeetingPlan.FamilyAttends(kind, party)
                && Unavailability.Read(file.Row.UnavailableDates, file.Today).Contains(UkDates.DateIn(on)))
            {
                errors.Add(new("date", $"The family told us they cannot attend on {UkDates.LongDate(UkDates.DateIn(on))}. Choose another day, or ask them first"));
            }

            var place = MeetingPlace.Read(form.Format, form.MeetingLink, form.VenueName, form.VenueAddress, "meeting", "Enter the neutral venue's name and address", errors);
            var people = ReadPeople(form.People, errors);

            // In an SEN mediation the decision maker may be one of the local authority's officers on the case (CaseParties): they
            // alone then sign the agreement for it (issue 13 item 5), and are invited at their account's address.
            var joint = kind == MeetingKind.Joint;
            var officer = joint && file.Route == AnswerKeys.Sen && form.LaDecisionMakerStaffId is { } officerId
                ? (await file.PartiesAsync(cancellationToken)).LaOfficers.FirstOrDefault(o => o.Id == officerId)
                : null;
            if (joint && file.Route == AnswerKeys.Sen && form.LaDecisionMakerStaffId is not null && officer is null)
            {
                errors.Add(new("decision-maker-account", "Select an officer of the family's local authority from the list, or no account"));
            }

            if (officer is not null)
            {
                var row = people.FirstOrDefault(p => p.Role == AttendeeRole.LaDecisionMaker);
                if (row is null)
                {
                    people.Add(new MeetingAttendee { Name = officer.Name, Role = AttendeeRole.LaDecisionMaker, Email = officer.Email, StaffId = officer.Id });
                }
                else
                {
                    row.StaffId = officer.Id;
                    row.Email ??= officer.Email;
                }
            }

            // Nothing goes to a party the family did not agree to (issue 13 item 1): the school is invited only when the family said
            // it may be contacted, the local authority only where it may see the case.
            if (people.Any(p => p.Email is not null && p.Role == AttendeeRole.SchoolRepresentative) && !file.Sharing.ContactSchool)
            {
                errors.Add(new("people", "The family has not agreed that we contact the school. Ask them, and record their answer under \"Contact and sharing\", before inviting the school's representative by e-mail."));
            }

            if (people.Any(p => p.Email is not null && p.Role == AttendeeRole.LaDecisionMaker) && file.Row.LocalAuthorityView == PartyView.Nothing)
            {
                errors.Add(new("people", "The family has not agreed that we contact the local authority. Ask them, and record their answer under \"Contact and sharing\", before inviting the local authority by e-mail."));
            }

            var deciderRole = file.Route == AnswerKeys.Bullying ? AttendeeRole.SchoolRepresentative : AttendeeRole.LaDecisionMaker;
            var decider = people.FirstOrDefault(p => p.Role == deciderRole);
            if (joint && decider is null && errors.Count == 0)
            {
                errors.Add(new("people", file.Route == AnswerKeys.Bullying
                    ? "Add the school's representative: someone who can act for the school must attend"
                    : "Add the local authority's decision maker: someone with authority to resolve the issues must attend"));
            }

            // Seed 003's order: each party's individual meeting comes before the joint one.
            if (errors.Count == 0 && starts is { } at && MeetingPlan.WhyOutOfOrder(kind, at,
                    meetings.Where(m => m.Id != existing?.Id && m.CancelledAt is null && m.SkippedReason is null).Select(m => (m.Kind, m.StartsAt))) is { } order)
            {
                errors.Add(new("date", order));
            }

            if (errors.Count == 0 && starts is { } start && kind == MeetingPlan.MainKind(file.Route) && !form.ShortNoticeAgreed)
            {
                var meetingDay = UkDates.DateIn(start);
                var noticeBy = CaseClocks.NoticeBy(file.Route, file.Profile.IsAnnualReview, meetingDay, await calendars.CalculatorAsync(cancellationToken));
                if (noticeBy is not null && noticeBy.Date < file.Today)
                {
                    errors.Add(new("date", $"Everyone must be told by {UkDates.LongDate(noticeBy.Date)} for a meeting on {UkDates.LongDate(meetingDay)}, which has passed. Choose a later date, or confirm the family has agreed to shorter notice."));
                }
            }

            if (errors.Count > 0)
            {
                return new CaseChangeResult(false, errors);
            }

            // The family's Independent Parental Supporter comes to the meetings the family attends, as their supporter.
            var ips = MeetingPlan.FamilyAttends(kind, party) ? await file.IpsAsync(cancellationToken) : null;
            if (ips is not null && !people.Any(p => string.Equals(p.Email, ips.Email, StringComparison.OrdinalIgnoreCase)))
            {
                people.Add(new MeetingAttendee { Name = ips.Name, Role = AttendeeRole.Supporter, Email = ips.Email, Phone = ips.Phone });
            }

            var meeting = existing ?? await file.AddMeetingAsync(kind, party, cancellationToken);
            var uninvited = existing is null ? [] : meeting.People
                .Where(p => p.Email is not null && p.InvitedOn is not null && !people.Any(n => string.Equals(n.Email, p.Email, StringComparison.OrdinalIgnoreCase)))
                .Select(p => new InvitedPerson(p.Name, p.Email!, p.Role)).ToList();
            meeting.Sequence = existing is null ? 0 : meeting.Sequence + 1;
            meeting.StartsAt = starts!.Value;
            meeting.EndsAt = ends!.Value;
            meeting.Format = form.Format;
            meeting.MeetingLink = place.Link;
            meeting.VenueName = place.VenueName;
            meeting.VenueAddress = place.VenueAddress;
            meeting.People.Clear();
            meeting.People.AddRange(people);
            meeting.LaDecisionMaker = joint ? decider?.Name : null;
            meeting.DecisionMakerStaffId = joint ? officer?.Id : null;
            meeting.ShortNoticeAgreed = form.ShortNoticeAgreed;
            meeting.UpdatedAt = now;

            var untold = await file.SendMeetingAsync(meeting, uninvited, await services.GetAsync(cancellationToken), cancellationToken);
            if (kind == MeetingPlan.MainKind(file.Route))
            {
                file.MoveIfAllowed(CaseStage.MeetingScheduled);
            }

            file.Record(existing is null ? "meeting-scheduled" : "meeting-changed",
                $"{MeetingPlan.Describe(meeting.Kind, meeting.WithParty)}: {UkDates.DateAndTime(meeting.StartsAt)}, {(meeting.Format == SessionFormat.Online ? "online" : meeting.VenueName)}");
            var supporter = ips is null ? "" : $" Their Independent Parental Supporter, {ips.Name}, is invited as the family's supporter.";
            return CaseChangeResult.Ok((untold == 0
                ? "Meeting saved, and everyone attending has been sent an invitation with a calendar file."
                : $"Meeting saved, and everyone with an e-mail address has been sent an invitation. {untold} {(untold == 1 ? "person has" : "people have")} no e-mail address: tell them by phone or post{(MeetingPlan.FamilyAttends(meeting.Kind, meeting.WithParty) && meeting.NoticeGivenOn is null ? ", and record when you told the family" : "")}.") + supporter);
        }, cancellationToken);
    }

    /// <summary>The attendees typed, blank rows left out; each needs a name and a role, and any address or number given must look like one.</summary>
    private static List<MeetingAttendee> ReadPeople(IReadOnlyList<AttendeeForm>? rows, List<FieldError> errors)
    {
        var people = new List<MeetingAttendee>();
        var typed = (rows ?? []).Select((row, i) => (Row: row, Index: i)).Where(r => !r.Row.IsEmpty).ToList();
        if (typed.Count > MaxPeople)
        {
            errors.Add(new("people", $"A meeting can have at most {MaxPeople} people besides the family"));
            return people;
        }

        foreach (var (row, i) in typed)
        {
            var rowErrors = new List<FieldError>();
            var name = PersonName.Read(row.Name, rowErrors);
            if (name is null && rowErrors.Count == 0)
            {
                rowErrors.Add(new("name", $"Enter the name of person {i + 1}"));
            }

            if (row.Role is null || !Enum.IsDefined(row.Role.Value))
            {
                rowErrors.Add(new("role", $"Choose the role of person {i + 1}"));
            }

            var email = PersonEmail.Read(row.Email, rowErrors);
            if (email is not null && !ContactText.IsEmailAddress(email))
            {
                rowErrors.Add(new("email", $"Enter person {i + 1}'s e-mail address in the correct format, like name@example.com"));
            }

            var phone = PersonPhone.Read(row.Phone, rowErrors);
            if (phone is not null && !ContactText.IsPhoneNumber(phone))
            {
                rowErrors.Add(new("phone", $"Enter person {i + 1}'s phone number in the correct format, like 0300 123 4567"));
            }

            errors.AddRange(rowErrors.Select(e => new FieldError($"person-{i}-{e.FieldKey}", e.Message)));
            if (rowErrors.Count == 0)
            {
                people.Add(new MeetingAttendee { Name = name!, Role = row.Role!.Value, Email = email, Phone = phone });
            }
        }

        return people;
    }
}
