namespace ParentPortal.Features.Documents.Models;

public enum MeetingType
{
    AnnualReview,
    TeamAroundTheChild,
    DraftPlanDiscussion,
    Other,
}

/// <param name="Owner">Who will do it.</param>
public sealed record ActionPoint(string Action, string Owner, DateOnly Due);

/// <summary>The facilitator's written record of a meeting they organised and chaired.</summary>
/// <param name="OtherMeetingType">What the meeting was, when <see cref="Type"/> is <see cref="MeetingType.Other"/>.</param>
public sealed record FacilitatedMeetingRecord(
    string Reference,
    string Organisation,
    MeetingType Type,
    string? OtherMeetingType,
    DateOnly MeetingDate,
    string? ChildName,
    Issuer Facilitator,
    IReadOnlyList<Attendee> Attendees,
    IReadOnlyList<string> Agenda,
    IReadOnlyList<string> PointsDiscussed,
    IReadOnlyList<ActionPoint> ActionPoints,
    DocumentVerification? Verification = null);
