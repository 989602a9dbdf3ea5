using ParentPortal.Features.Documents.Composers;
using ParentPortal.Features.Documents.Models;

namespace ParentPortal.Tests.Features.Documents;

public sealed class MeetingRecordPdfTests
{
    [Fact]
    public void MeetingRecord_PrintsEveryField()
    {
        var record = DocumentSamples.MeetingRecord();

        var bytes = DocumentSamples.Pdfs.MeetingRecord(record, DocumentSamples.CreatedAt);
        var text = PdfText.All(bytes);

        PdfText.AssertContains("Record of a facilitated meeting", text);
        PdfText.AssertContains("Reference FM-2026-000057", text);
        PdfText.AssertContains("Meeting Annual review of an EHC plan", text);
        PdfText.AssertContains("Date Wednesday 11 February 2026", text);
        PdfText.AssertContains("Child Zoë Ngozi Ọlá", text);
        PdfText.AssertContains("Facilitator Tomás Ferreira, Facilitator, Hertfordshire SEND Mediation Service", text);
        PdfText.AssertInOrder("Name Role Siân O'Brien-Núñez Parent Rachel Green SENCo, Oakfield Primary School Marcus Bell SEN officer, Hertfordshire County Council", text);
        PdfText.AssertContains("1. Introductions and purpose of the meeting 2. Zoë's progress since the last review 3. Changes to Section F 4. Next steps", text);
        foreach (var point in record.PointsDiscussed)
        {
            PdfText.AssertContains("• " + point, text);
        }

        PdfText.AssertContains("No. Action Who By when", text);
        PdfText.AssertRow(text, "1 Ask the speech and language therapist for updated advice", "Rachel Green", "25 February 2026");
        PdfText.AssertRow(text, "2 Send the review report to everyone who attended", "Marcus Bell", "25 February 2026");
        PdfText.AssertContains("Verification code: M4RX-T7QD-2KWN", text);
        var pages = PdfText.Pages(bytes);
        Assert.EndsWith($"Page {pages.Count} of {pages.Count}", pages[^1], StringComparison.Ordinal);
        PdfText.RenderPng(bytes, "meeting-record");
    }

    [Theory]
    [InlineData(MeetingType.TeamAroundTheChild, null, "Team Around the Child meeting")]
    [InlineData(MeetingType.DraftPlanDiscussion, null, "Discussion of a draft EHC plan")]
    [InlineData(MeetingType.Other, "Transition planning meeting", "Transition planning meeting")]
    public void MeetingRecord_NamesTheMeetingType(MeetingType type, string? other, string expected)
    {
        var record = DocumentSamples.MeetingRecord() with { Type = type, OtherMeetingType = other };

        var text = PdfText.All(DocumentSamples.Pdfs.MeetingRecord(record, DocumentSamples.CreatedAt));

        PdfText.AssertContains("Meeting " + expected, text);
    }

    [Fact]
    public void MeetingRecord_OfTypeOtherWithoutADescription_IsRefused()
    {
        var record = DocumentSamples.MeetingRecord() with { Type = MeetingType.Other, OtherMeetingType = " " };

        Assert.Throws<ArgumentException>(() => MeetingRecordComposer.Compose(record, DocumentSamples.CreatedAt));
    }
}
