using ParentPortal.Domain.Triage;

namespace ParentPortal.Domain.Meetings;

/// <summary>What a case meeting is for (issue 13 item 4).</summary>
public enum MeetingKind
{
    /// <summary>A (pre-)meeting with one party on their own, before the joint mediation (seed 003).</summary>
    Individual,

    /// <summary>The joint mediation meeting between the family and the school or the local authority.</summary>
    Joint,

    /// <summary>A meeting chaired by an independent facilitator (an annual review, a planning meeting).</summary>
    Facilitated,

    /// <summary>A telephone-support call-back with the family.</summary>
    CallBack,
}

/// <summary>A party to the dispute, whose individual meeting comes before the joint one.</summary>
public enum MeetingParty
{
    Family,
    School,
    LocalAuthority,
}

/// <summary>Who an attendee is at a meeting.</summary>
public enum AttendeeRole
{
    Parent,
    YoungPerson,
    Child,
    Supporter,
    Advocate,
    LaDecisionMaker,
    SchoolRepresentative,
    HealthRepresentative,
    Interpreter,
    Mediator,
}

/// <summary>A meeting as the plan's rules see it.</summary>
public sealed record PlannedMeeting(MeetingKind Kind, MeetingParty? WithParty, bool Cancelled, DateOnly? HeldOn, string? SkippedReason);

/// <summary>
/// The case's plan of meetings (seed 003): in a mediation each party meets the mediator on their own first, then they meet
/// together. The joint meeting cannot be marked held until each party's individual meeting is held or skipped with a reason.
/// </summary>
public static class MeetingPlan
{
    /// <summary>The parties who meet the mediator on their own before a joint mediation on this route; none for facilitation.</summary>
    public static IReadOnlyList<MeetingParty> PartiesFor(string? route) => route switch
    {
        AnswerKeys.Bullying => [MeetingParty.Family, MeetingParty.School],
        AnswerKeys.Sen => [MeetingParty.Family, MeetingParty.LocalAuthority],
        _ => [],
    };

    /// <summary>The meeting the case is for: the joint mediation, or the facilitated meeting.</summary>
    public static MeetingKind MainKind(string? route) => route == AnswerKeys.Facilitation ? MeetingKind.Facilitated : MeetingKind.Joint;

    /// <summary>The kinds of meeting staff can arrange on this route, the main one first.</summary>
    public static IReadOnlyList<MeetingKind> KindsFor(string? route) => route == AnswerKeys.Facilitation
        ? [MeetingKind.Facilitated, MeetingKind.CallBack]
        : [MeetingKind.Joint, MeetingKind.Individual, MeetingKind.CallBack];

    /// <summary>Whether the family attends a meeting of this kind (so is invited to it and told of it).</summary>
    public static bool FamilyAttends(MeetingKind kind, MeetingParty? withParty) => kind != MeetingKind.Individual || withParty == MeetingParty.Family;

    /// <summary>Why the main meeting cannot be marked held yet, or null when it can: a party's individual meeting is neither held nor skipped.</summary>
    public static string? WhyMainCannotBeHeld(string? route, IEnumerable<PlannedMeeting> meetings)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        if (MainKind(route) != MeetingKind.Joint)
        {
            return null;
        }

        var all = meetings.ToList();
        var waiting = PartiesFor(route)
            .Where(p => !all.Any(m => m.Kind == MeetingKind.Individual && m.WithParty == p && (m.HeldOn is not null || m.SkippedReason is not null)))
            .Select(Describe)
            .ToList();
        return waiting.Count == 0
            ? null
            : $"Each party meets the mediator on their own before the joint meeting. Mark the individual meeting with {string.Join(" and with ", waiting)} as held, or record why it was not needed, first.";
    }

    /// <summary>
    /// Why a meeting of <paramref name="kind"/> starting at <paramref name="startsAt"/> would break the plan's order (seed 003:
    /// individual meetings first, then the joint one), given the case's other meetings still on; null when it keeps it.
    /// </summary>
    public static string? WhyOutOfOrder(MeetingKind kind, DateTimeOffset startsAt, IEnumerable<(MeetingKind Kind, DateTimeOffset StartsAt)> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        var list = others.ToList();
        return kind switch
        {
            MeetingKind.Individual when list.Any(o => o.Kind == MeetingKind.Joint && o.StartsAt <= startsAt) =>
                "An individual meeting comes before the joint meeting: choose an earlier time, or move the joint meeting first",
            MeetingKind.Joint when list.Any(o => o.Kind == MeetingKind.Individual && o.StartsAt >= startsAt) =>
                "The joint meeting comes after each party's individual meeting: choose a later time, or move the individual meeting first",
            _ => null,
        };
    }

    public static string Describe(MeetingParty party) => party switch
    {
        MeetingParty.Family => "the family",
        MeetingParty.School => "the school",
        _ => "the local authority",
    };

    /// <summary>"Joint mediation meeting", "Individual meeting with the school", ...</summary>
    public static string Describe(MeetingKind kind, MeetingParty? withParty) => kind switch
    {
        MeetingKind.Individual => "Individual meeting with " + Describe(withParty ?? MeetingParty.Family),
        MeetingKind.Joint => "Joint mediation meeting",
        MeetingKind.Facilitated => "Facilitated meeting",
        _ => "Telephone support call-back",
    };

    public static string Describe(AttendeeRole role) => role switch
    {
        AttendeeRole.Parent => "Parent or carer",
        AttendeeRole.YoungPerson => "Young person",
        AttendeeRole.Child => "Child",
        AttendeeRole.Supporter => "Supporter or Independent Parental Supporter",
        AttendeeRole.Advocate => "Advocate",
        AttendeeRole.LaDecisionMaker => "Local authority decision maker",
        AttendeeRole.SchoolRepresentative => "School representative",
        AttendeeRole.HealthRepresentative => "Health representative",
        AttendeeRole.Interpreter => "Interpreter",
        _ => "Mediator or facilitator",
    };

    /// <summary>
    /// Roles on the family's side: their e-mail addresses appear only in their own calendar file, never in the copies the
    /// other parties get (the family agreed to the school or LA being contacted, not to it having their addresses).
    /// </summary>
    public static bool FamilySide(AttendeeRole role) => role is AttendeeRole.Parent or AttendeeRole.YoungPerson or AttendeeRole.Child or AttendeeRole.Supporter or AttendeeRole.Advocate;
}
