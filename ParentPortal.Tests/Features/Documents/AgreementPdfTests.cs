using System.Globalization;
using System.Text.RegularExpressions;
using ParentPortal.Features.Documents;
using ParentPortal.Features.Documents.Composers;
using ParentPortal.Features.Documents.Models;

namespace ParentPortal.Tests.Features.Documents;

public sealed partial class AgreementPdfTests
{
    [Fact]
    public void Agreement_PrintsEveryField()
    {
        var agreement = DocumentSamples.Agreement();

        var text = PdfText.All(DocumentSamples.Pdfs.Agreement(agreement, DocumentSamples.CreatedAt));

        PdfText.AssertContains("Mediation agreement", text);
        PdfText.AssertContains("Reference MA-2026-000318", text);
        PdfText.AssertContains("Date of mediation Wednesday 4 March 2026", text);
        PdfText.AssertContains("Child Zoë Ngozi Ọlá", text);
        PdfText.AssertContains("Local authority Hertfordshire County Council", text);
        PdfText.AssertContains("Local authority's decision maker Marcus Bell, SEN team manager, Hertfordshire County Council", text);
        PdfText.AssertContains("Siân O'Brien-Núñez Parent Party", text);
        PdfText.AssertRow(text, "Marcus Bell", "SEN team manager, Hertfordshire County Council", "Party: the local authority's decision maker");
        PdfText.AssertRow(text, "Tomás Ferreira", "Mediator, Hertfordshire SEND Mediation Service", "Attending");
        PdfText.AssertContains("Grace Adeyemi Independent Parental Supporter Attending", text);
        foreach (var issue in agreement.Issues)
        {
            PdfText.AssertContains(issue, text);
        }

        PdfText.AssertContains("No. What will be done Who By when", text);
        foreach (var (action, i) in agreement.Actions.Select((a, i) => (a, i)))
        {
            PdfText.AssertRow(text, $"{i + 1} {action.What}", action.Who, action.By.ToString("d MMMM yyyy", CultureInfo.InvariantCulture));
        }

        PdfText.AssertContains("Matters not agreed • Whether Zoë should attend a specialist setting from September.", text);
        PdfText.AssertContains(MediationAgreement.StandardConfidentialityStatement, text);
        PdfText.AssertContains("Verification code: QF3T-8NVA-K2YP", text);
    }

    [Fact]
    public void Agreement_ListsEverySignatureAndTheContentHash()
    {
        var agreement = DocumentSamples.Agreement();

        var text = PdfText.All(DocumentSamples.Pdfs.Agreement(agreement, DocumentSamples.CreatedAt));

        // 18:42 UTC on 5 March is 6:42pm in London (GMT); 9:15 UTC on 6 March is 9:15am.
        // The two boxes of a row share lines, so PdfPig reads them interleaved.
        PdfText.AssertInOrder("Parent Siân O'Brien-Núñez Signed electronically on 5 March 2026 at 6:42pm (UK time)", text);
        PdfText.AssertInOrder("Local authority decision maker Marcus Bell Signed electronically on 6 March 2026 at 9:15am (UK time)", text);
        PdfText.AssertContains("Mediator Tomás Ferreira Not signed yet", text);
        PdfText.AssertContains("Content fingerprint (SHA-256): " + AgreementContent.Hash(agreement), text);
    }

    [Fact]
    public void Agreement_WithoutADecisionMaker_IsRefused()
    {
        var agreement = DocumentSamples.Agreement() with { Attendees = [new Attendee("Siân O'Brien-Núñez", "Parent", IsParty: true)] };

        var error = Assert.Throws<ArgumentException>(() => AgreementComposer.Compose(agreement, DocumentSamples.CreatedAt));

        Assert.Contains("decision maker", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LongAgreement_RunsOverSeveralPages_WithPageNumbersRepeatedHeadersAndNoSplitRows()
    {
        var agreement = DocumentSamples.Agreement(actions: 60);

        var bytes = DocumentSamples.Pdfs.Agreement(agreement, DocumentSamples.CreatedAt);
        var pages = PdfText.Pages(bytes);

        Assert.True(pages.Count >= 4, $"expected at least 4 pages, got {pages.Count}");
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.EndsWith($"Page {i + 1} of {pages.Count}", pages[i], StringComparison.Ordinal);
            Assert.StartsWith("Hertfordshire SEND Mediation Service Agreement MA-2026-000318", pages[i], StringComparison.Ordinal);
        }

        // Every page the actions table reaches starts it with the header row.
        var tablePages = pages.Select((p, i) => (p, i)).Where(x => ActionRow().IsMatch(x.p)).Select(x => x.i).ToList();
        Assert.True(tablePages.Count >= 3);
        Assert.All(tablePages, i => Assert.Contains("No. What will be done Who By when", pages[i], StringComparison.Ordinal));

        // Each row is whole on one page: its number, all of its text, its owner and its date, before the next row starts.
        for (var n = 4; n <= 60; n++)
        {
            var action = agreement.Actions[n - 1];
            var start = $"{n} Action {n}:";
            var page = Assert.Single(pages, p => p.Contains(start, StringComparison.Ordinal));
            var row = page[page.IndexOf(start, StringComparison.Ordinal)..];
            var next = row.IndexOf($"{n + 1} Action {n + 1}:", StringComparison.Ordinal);
            row = next > 0 ? row[..next] : row[..row.IndexOf("Page ", StringComparison.Ordinal)];
            PdfText.AssertInOrder(action.What, row);
            PdfText.AssertInOrder(action.Who, row);
            PdfText.AssertInOrder(action.By.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), row);
        }
    }

    [Fact]
    public void LongAgreement_RendersToPng_ForALook()
    {
        var bytes = DocumentSamples.Pdfs.Agreement(DocumentSamples.Agreement(actions: 60), DocumentSamples.CreatedAt);

        var pngs = PdfText.RenderPng(bytes, "agreement-60-actions");

        Assert.True(pngs.Count >= 4);
    }

    [GeneratedRegex(@"Action \d+: the SEN team")]
    private static partial Regex ActionRow();
}
