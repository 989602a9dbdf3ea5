using System.Globalization;
using ParentPortal.Features.Documents.Models;
using ParentPortal.Platform.Pdf;

namespace ParentPortal.Features.Documents.Composers;

/// <summary>Turns a <see cref="FacilitatedMeetingRecord"/> into blocks.</summary>
public static class MeetingRecordComposer
{
    public const string Title = "Record of a facilitated meeting";

    public static string Describe(MeetingType type, string? other) => type switch
    {
        MeetingType.AnnualReview => "Annual review of an EHC plan",
        MeetingType.TeamAroundTheChild => "Team Around the Child meeting",
        MeetingType.DraftPlanDiscussion => "Discussion of a draft EHC plan",
        MeetingType.Other when !string.IsNullOrWhiteSpace(other) => other,
        MeetingType.Other => throw new ArgumentException("Say what the meeting was when its type is Other.", nameof(other)),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown meeting type."),
    };

    public static PdfDocumentDefinition Compose(FacilitatedMeetingRecord record, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(record);
        var r = record;
        var details = new List<KeyValue>
        {
            new("Reference", r.Reference),
            new("Meeting", Describe(r.Type, r.OtherMeetingType)),
            new("Date", DocumentText.Long(r.MeetingDate)),
        };
        if (r.ChildName is { } child)
        {
            details.Add(new("Child", child));
        }

        details.Add(new("Facilitator", $"{r.Facilitator.Name}, {r.Facilitator.Role}, {r.Facilitator.Organisation}"));

        var blocks = new List<Block>
        {
            new HeadingBlock(Title, 1),
            new KeyValueListBlock(details),
            new HeadingBlock("Who attended"),
            new TableBlock([new("Name", 1f), new("Role", 1.6f)], [.. r.Attendees.Select(p => (IReadOnlyList<string>)[p.Name, p.Role])]),
            new HeadingBlock("Agenda"),
            r.Agenda.Count == 0 ? new ParagraphBlock("No agenda was set.") : ListBlock.Of(r.Agenda, numbered: true),
            new HeadingBlock("Points discussed"),
            r.PointsDiscussed.Count == 0 ? new ParagraphBlock("None recorded.") : ListBlock.Of(r.PointsDiscussed),
            new HeadingBlock("Action points"),
            new TableBlock(
                [new("No.", 0.32f), new("Action", 2.6f), new("Who", 1.2f), new("By when", 0.95f)],
                [.. r.ActionPoints.Select((x, i) => (IReadOnlyList<string>)[(i + 1).ToString(CultureInfo.InvariantCulture), x.Action, x.Owner, DocumentText.Day(x.Due)])],
                "No action points were agreed."),
            new ParagraphBlock(
                $"This record was written by the facilitator, {r.Facilitator.Name}, who is independent of the school and the local authority, and is sent to everyone who attended.",
                ParagraphStyle.Small),
        };

        if (r.Verification is { } verification)
        {
            blocks.Add(new KeepTogetherBlock(
            [
                new HeadingBlock("Check this record is genuine"),
                CertificateComposer.VerificationQr(verification, "record"),
            ]));
        }

        return new PdfDocumentDefinition(new DocumentMetadata($"{Title} {r.Reference}", r.Organisation, createdAt, $"Meeting record {r.Reference}"), blocks);
    }
}
