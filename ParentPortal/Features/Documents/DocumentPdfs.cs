using ParentPortal.Features.Documents.Composers;
using ParentPortal.Features.Documents.Models;
using Microsoft.Extensions.Localization;
using ParentPortal.Platform.Localisation;
using ParentPortal.Platform.Pdf;

namespace ParentPortal.Features.Documents;

/// <summary>
/// The one thing a feature needs to produce a document's PDF: compose the model, lay it out, write it.
/// Throws <see cref="UnsupportedTextException"/> (or its <see cref="MissingGlyphsException"/>) when a name or other text
/// cannot be printed correctly: show its message to staff and do not issue the document.
/// </summary>
public sealed class DocumentPdfs(PdfRenderer renderer, IStringLocalizer<FamilyText>? text = null, IStringLocalizer<TriageText>? domain = null)
{
    public void WriteCertificate(MediationCertificate certificate, DateTimeOffset createdAt, Stream output) =>
        renderer.Render(CertificateComposer.Compose(certificate, createdAt, text, domain), output);

    public byte[] Certificate(MediationCertificate certificate, DateTimeOffset createdAt) =>
        renderer.RenderToBytes(CertificateComposer.Compose(certificate, createdAt, text, domain));

    public byte[] Agreement(MediationAgreement agreement, DateTimeOffset createdAt) =>
        renderer.RenderToBytes(AgreementComposer.Compose(agreement, createdAt));

    public byte[] AppealSummary(Domain.Appeals.AppealSummary summary, string organisation, DateTimeOffset createdAt) =>
        renderer.RenderToBytes(AppealSummaryComposer.Compose(summary, organisation, createdAt));

    public byte[] MeetingRecord(FacilitatedMeetingRecord record, DateTimeOffset createdAt) =>
        renderer.RenderToBytes(MeetingRecordComposer.Compose(record, createdAt));

    /// <summary>Lays out the agreement without writing it: throws <see cref="UnsupportedTextException"/> when it cannot be printed.</summary>
    public void CheckAgreementPrints(MediationAgreement agreement, DateTimeOffset createdAt) => renderer.Layout(AgreementComposer.Compose(agreement, createdAt));

    /// <summary>A certificate to issue: its PDF, and its blocks as JSON for the HTML view.</summary>
    public IssuedFile CertificateFile(MediationCertificate certificate, DateTimeOffset createdAt) => Issue(CertificateComposer.Compose(certificate, createdAt, text, domain));

    public IssuedFile AgreementFile(MediationAgreement agreement, DateTimeOffset createdAt) => Issue(AgreementComposer.Compose(agreement, createdAt));

    public IssuedFile MeetingRecordFile(FacilitatedMeetingRecord record, DateTimeOffset createdAt) => Issue(MeetingRecordComposer.Compose(record, createdAt));

    private IssuedFile Issue(PdfDocumentDefinition document) => new(renderer.RenderToBytes(document), DocumentDefinitionJson.Serialize(document));
}

/// <summary>An issued document: the PDF of record (its hash is what is verified and signed) and the same blocks as JSON.</summary>
public sealed record IssuedFile(byte[] Pdf, string ViewJson);
