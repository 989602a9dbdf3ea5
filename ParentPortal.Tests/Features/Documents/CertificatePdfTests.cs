using ParentPortal.Domain.Deadlines;
using ParentPortal.Features.Documents.Composers;
using ParentPortal.Features.Documents.Models;
using UglyToad.PdfPig;

namespace ParentPortal.Tests.Features.Documents;

public sealed class CertificatePdfTests
{
    [Theory]
    [InlineData(CertificateKind.AfterInformationNotPursuing)]
    [InlineData(CertificateKind.AfterMediation)]
    [InlineData(CertificateKind.LaDidNotArrangeInTime)]
    public void Certificate_PrintsEveryField(CertificateKind kind)
    {
        var certificate = DocumentSamples.Certificate(kind);

        var bytes = DocumentSamples.Pdfs.Certificate(certificate, DocumentSamples.CreatedAt);
        var text = Assert.Single(PdfText.Pages(bytes));

        PdfText.AssertContains("Mediation certificate", text);
        PdfText.AssertContains(CertificateComposer.Subtitle(kind), text);
        PdfText.AssertContains("Certificate number MC-2026-004217", text);
        PdfText.AssertContains("Date of issue Monday 9 March 2026", text);
        PdfText.AssertContains("Parent or carer Siân O'Brien-Núñez", text);
        PdfText.AssertContains("Child Łukasz Dvořák", text);
        PdfText.AssertContains("Child's date of birth 14 July 2015", text);
        PdfText.AssertContains("Local authority Hertfordshire County Council", text);
        PdfText.AssertContains("Decision Refusal to carry out an EHC needs assessment", text);
        PdfText.AssertContains("Date of the decision letter Tuesday 20 January 2026", text);
        PdfText.AssertContains("Issued by Priya Shah, Mediation adviser, Hertfordshire SEND Mediation Service", text);
        PdfText.AssertContains("does not record anything that was said or discussed", text);
        PdfText.AssertContains("Verification code: 7KXM-2QPT-9HWR", text);
        PdfText.AssertContains("https://portal.example.org.uk/verify/7KXM-2QPT-9HWR", text);
    }

    [Fact]
    public void Certificate_PrintsTheAppealDeadlineAndItsReasonFromTheRulesEngine()
    {
        var certificate = DocumentSamples.Certificate();

        var text = PdfText.All(DocumentSamples.Pdfs.Certificate(certificate, DocumentSamples.CreatedAt));

        // The later of 2 months after the letter (20 March) and 1 month after the certificate (9 April).
        Assert.Equal(new DateOnly(2026, 4, 9), certificate.AppealDeadline.Date);
        PdfText.AssertContains("Any appeal to the tribunal about this decision must arrive by 5pm on Thursday 9 April 2026.", text);
        PdfText.AssertContains(certificate.AppealDeadline.Reason, text);
    }

    [Theory]
    [InlineData(CertificateKind.AfterInformationNotPursuing, "do not wish to take part in mediation", LegalSources.CertificateNotPursuingMediation)]
    [InlineData(CertificateKind.AfterMediation, "took part in mediation about the decision above on Wednesday 4 March 2026", LegalSources.CertificateAfterMediation)]
    [InlineData(CertificateKind.LaDidNotArrangeInTime, "was not able to arrange the mediation within 30 days", LegalSources.CertificateMediationNotArranged)]
    public void Certificate_SaysWhatItConfirmsForItsKind(CertificateKind kind, string wording, string source)
    {
        var text = PdfText.All(DocumentSamples.Pdfs.Certificate(DocumentSamples.Certificate(kind), DocumentSamples.CreatedAt));

        PdfText.AssertContains(wording, text);
        PdfText.AssertContains(source, text);
    }

    [Fact]
    public void Certificate_ForAYoungPerson_NamesThemAsTheYoungPerson()
    {
        var certificate = DocumentSamples.Certificate() with { ApplicantIsYoungPerson = true, ApplicantName = "Zoë Ngozi Ọlá", ChildName = null, ChildDateOfBirth = null };

        var text = PdfText.All(DocumentSamples.Pdfs.Certificate(certificate, DocumentSamples.CreatedAt));

        PdfText.AssertContains("Young person Zoë Ngozi Ọlá", text);
        Assert.DoesNotContain("Parent or carer", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Child", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Certificate_HasOnePageWithHeaderFooterAndMetadata()
    {
        var bytes = DocumentSamples.Pdfs.Certificate(DocumentSamples.Certificate(), DocumentSamples.CreatedAt);

        using var pdf = PdfDocument.Open(bytes);
        Assert.Equal(1, pdf.NumberOfPages);
        var text = PdfText.Pages(bytes)[0];
        Assert.StartsWith("Hertfordshire SEND Mediation Service Certificate MC-2026-004217", text, StringComparison.Ordinal);
        Assert.EndsWith("Page 1 of 1", text, StringComparison.Ordinal);
        Assert.Equal("Mediation certificate MC-2026-004217", pdf.Information.Title);
        Assert.Equal("Hertfordshire SEND Mediation Service", pdf.Information.Author);
        Assert.Equal("ParentPortal", pdf.Information.Creator);
        Assert.Equal(DocumentSamples.CreatedAt, pdf.Information.GetCreatedDateTimeOffset());
    }

    [Fact]
    public void Certificate_SameInput_GivesTheSameBytes()
    {
        var first = DocumentSamples.Pdfs.Certificate(DocumentSamples.Certificate(), DocumentSamples.CreatedAt);
        var second = DocumentSamples.Pdfs.Certificate(DocumentSamples.Certificate(), DocumentSamples.CreatedAt);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Certificate_RendersToPng_ForALook()
    {
        var bytes = DocumentSamples.Pdfs.Certificate(DocumentSamples.Certificate(CertificateKind.AfterMediation), DocumentSamples.CreatedAt);

        var pages = PdfText.RenderPng(bytes, "certificate-after-mediation");

        Assert.Single(pages);
    }
}
