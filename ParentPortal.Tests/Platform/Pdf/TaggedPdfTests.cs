using System.Text;
using ParentPortal.Domain.Appeals;
using ParentPortal.Domain.Deadlines;
using ParentPortal.Domain.Eligibility;
using ParentPortal.Features.Documents.Models;
using ParentPortal.Platform.Pdf;
using ParentPortal.Tests.Features.Documents;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Writer;

namespace ParentPortal.Tests.Platform.Pdf;

/// <summary>
/// Every document the portal issues is a tagged PDF/UA-1 document: checked by an independent checker (Python and
/// qpdf, not the writer's own code), by poppler's pdfinfo and pdffonts, and read back with pdftotext.
/// </summary>
public sealed class TaggedPdfTests
{
    public static TheoryData<string> DocumentKinds => new(Documents.Keys);

    private static readonly Dictionary<string, Func<byte[]>> Documents = new(StringComparer.Ordinal)
    {
        ["certificate-not-pursuing"] = () => DocumentSamples.Pdfs.Certificate(DocumentSamples.Certificate(CertificateKind.AfterInformationNotPursuing), DocumentSamples.CreatedAt),
        ["certificate-after-mediation"] = () => DocumentSamples.Pdfs.Certificate(DocumentSamples.Certificate(CertificateKind.AfterMediation), DocumentSamples.CreatedAt),
        ["certificate-la-late"] = () => DocumentSamples.Pdfs.Certificate(DocumentSamples.Certificate(CertificateKind.LaDidNotArrangeInTime), DocumentSamples.CreatedAt),
        ["agreement-60-actions"] = () => DocumentSamples.Pdfs.Agreement(DocumentSamples.Agreement(actions: 60), DocumentSamples.CreatedAt),
        ["meeting-record"] = () => DocumentSamples.Pdfs.MeetingRecord(DocumentSamples.MeetingRecord(), DocumentSamples.CreatedAt),
        ["appeal-summary"] = () => DocumentSamples.Pdfs.AppealSummary(AppealSummarySample(), "Hertfordshire SEND Mediation Service", DocumentSamples.CreatedAt),
    };

    [Theory]
    [MemberData(nameof(DocumentKinds))]
    public void EveryDocumentKind_PassesThePdfUaChecker(string kind)
    {
        var pdf = Documents[kind]();

        var (exitCode, report) = PdfText.PdfUaCheck(pdf, "ua-" + kind);

        Assert.True(exitCode == 0, report);
        Assert.Contains("PDF/UA-1: passed", report, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DocumentKinds))]
    public void EveryDocumentKind_IsTaggedWithEmbeddedSubsetFontsThatMapToUnicode(string kind)
    {
        var pdf = Documents[kind]();

        var (_, info) = PdfText.Tool(pdf, "ua-" + kind, "pdfinfo");
        var (_, fonts) = PdfText.Tool(pdf, "ua-" + kind, "pdffonts");

        Assert.Contains("Tagged:          yes", info, StringComparison.Ordinal);
        var rows = fonts.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, row =>
        {
            Assert.Contains("CID TrueType      Identity-H       yes yes yes", row, StringComparison.Ordinal);
            Assert.Matches("^[A-Z]{6}\\+", row);
        });
    }

    [Fact]
    public void TheChecker_FailsAnUntaggedPdf()
    {
        // An ordinary PDF as most libraries write it: text with a standard font, no tags, no language.
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        page.AddText("Mediation certificate", 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);

        var (exitCode, report) = PdfText.PdfUaCheck(builder.Build(), "ua-untagged");

        Assert.Equal(1, exitCode);
        Assert.Contains("01-001: no StructTreeRoot", report, StringComparison.Ordinal);
    }

    [Fact]
    public void TheChecker_FailsADocumentWithoutThePdfUaIdentifier()
    {
        var pdf = Documents["certificate-after-mediation"]();
        // The XMP packet is stored uncompressed: change the part number in place, keeping every offset.
        var text = Encoding.Latin1.GetString(pdf);
        Assert.Contains("<pdfuaid:part>1</pdfuaid:part>", text, StringComparison.Ordinal);
        var altered = Encoding.Latin1.GetBytes(text.Replace("<pdfuaid:part>1</pdfuaid:part>", "<pdfuaid:part>9</pdfuaid:part>", StringComparison.Ordinal));

        var (exitCode, report) = PdfText.PdfUaCheck(altered, "ua-no-identifier");

        Assert.Equal(1, exitCode);
        Assert.Contains("06-002", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Structure_FollowsTheBlocks_AndTheRepeatedTableHeaderIsTaggedOnce()
    {
        var agreement = AgreementComposerOutput(60);
        var layout = DocumentSamples.Renderer.Layout(agreement);

        var roles = layout.Structure.DescendantsAndSelf().Select(e => e.Role).ToList();

        Assert.Equal("Document", roles[0]);
        Assert.Equal("H1", roles[1]);
        Assert.True(layout.Pages.Count > 2);
        var actionsTable = layout.Structure.DescendantsAndSelf().First(e => e.Role == "Table" && e.Children.Count > 50);
        var headerCells = actionsTable.Children[0].Children;
        Assert.All(headerCells, c => Assert.Equal(("TH", "Column"), (c.Role, c.Scope)));
        Assert.Equal(61, actionsTable.Children.Count);
        // On the later pages the header row is drawn again, as an artifact: untagged text in the body area.
        var repeated = layout.Pages.Skip(1).SelectMany(p => p.Ops.OfType<TextOp>())
            .Where(t => t.Node is null && t.Baseline > PdfLayoutEngine.BodyTop && t.Baseline < PdfLayoutEngine.BodyBottom);
        Assert.NotEmpty(repeated);
        Assert.Contains(layout.Structure.DescendantsAndSelf(), e => e.Role == "L" && e.Children.All(i => i.Role == "LI" && i.Children.Select(c => c.Role).SequenceEqual(["Lbl", "LBody"])));
    }

    [Fact]
    public void TheQrCode_IsAFigureWithAlternativeText()
    {
        var layout = DocumentSamples.Renderer.Layout(new PdfDocumentDefinition(NamePrintingTests.Metadata("QR"), [new QrCodeBlock("https://portal.example.org.uk/verify/7KXM-2QPT-9HWR", [new ParagraphBlock("Scan the code")])]));

        var qr = Assert.Single(layout.Pages[0].Ops.OfType<QrOp>());

        Assert.Equal("Figure", qr.Node?.Role);
        Assert.Equal("QR code linking to https://portal.example.org.uk/verify/7KXM-2QPT-9HWR", qr.Node?.Alt);
    }

    [Fact]
    public void ReadingOrder_AsPdftotextReadsIt_IsTheOrderOfTheCertificate()
    {
        var pdf = Documents["certificate-after-mediation"]();

        var (_, text) = PdfText.Tool(pdf, "ua-reading-order", "pdftotext");

        PdfText.AssertInOrder(
            "Mediation certificate Issued after mediation Certificate number MC-2026-004217 Parent or carer Siân O'Brien-Núñez What this certificate confirms Appeal deadline Check this certificate is genuine Page 1 of 1",
            PdfText.Words(text));
    }

    [Fact]
    public void TheDocumentSaysItsLanguageAndTitle()
    {
        var pdf = Documents["certificate-after-mediation"]();
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);

        var catalog = document.Structure.Catalog.CatalogDictionary;

        Assert.Equal("en-GB", ((UglyToad.PdfPig.Tokens.StringToken)catalog.Data["Lang"]).Data);
        Assert.Equal("Mediation certificate MC-2026-004217", document.Information.Title);
        Assert.True(catalog.ContainsKey(UglyToad.PdfPig.Tokens.NameToken.Create("ViewerPreferences")));
        Assert.True(catalog.ContainsKey(UglyToad.PdfPig.Tokens.NameToken.Create("MarkInfo")));
    }

    [Fact]
    public void SameInput_SameBytes()
    {
        Assert.Equal(Documents["agreement-60-actions"](), Documents["agreement-60-actions"]());
    }

    private static PdfDocumentDefinition AgreementComposerOutput(int actions) =>
        ParentPortal.Features.Documents.Composers.AgreementComposer.Compose(DocumentSamples.Agreement(actions), DocumentSamples.CreatedAt);

    internal static AppealSummary AppealSummarySample() => new(
        Reference: "SEN-2026-000123",
        Decision: SenDecision.RefusalToAssess,
        Parts: DisputedParts.None,
        AppealByYoungPerson: false,
        AppellantName: "Siân O'Brien-Núñez",
        AppellantEmail: "sian@example.org",
        AppellantPhone: "07700 900123",
        ChildFirstName: "Łukasz",
        ChildLastName: "Dvořák",
        ChildDateOfBirth: new DateOnly(2015, 7, 14),
        ChildSchool: "Oak Tree Primary School",
        LocalAuthority: "Hertfordshire County Council",
        DecisionLetterSent: DateOnly.FromDateTime(DocumentSamples.CreatedAt.UtcDateTime).AddDays(-40),
        CertificateNumber: "MC-2026-004217",
        CertificateIssuedOn: DateOnly.FromDateTime(DocumentSamples.CreatedAt.UtcDateTime),
        Deadline: new Deadline(DateOnly.FromDateTime(DocumentSamples.CreatedAt.UtcDateTime).AddMonths(1), "One month after the certificate was issued.", [], []),
        Language: "Polish",
        NeedsInterpreter: true,
        AccessNeeds: "Step-free access",
        PreparedOn: DateOnly.FromDateTime(DocumentSamples.CreatedAt.UtcDateTime));
}
