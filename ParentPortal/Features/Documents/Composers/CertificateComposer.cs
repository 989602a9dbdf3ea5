using ParentPortal.Domain.Deadlines;
using ParentPortal.Features.Documents.Models;
using ParentPortal.Platform.Pdf;

namespace ParentPortal.Features.Documents.Composers;

/// <summary>Turns a <see cref="MediationCertificate"/> into blocks. Wording is neutral: it neither encourages nor discourages an appeal.</summary>
public static class CertificateComposer
{
    public const string Title = "Mediation certificate";

    private const string Tribunal = "the First-tier Tribunal (Special Educational Needs and Disability)";

    public static string Subtitle(CertificateKind kind) => kind switch
    {
        CertificateKind.AfterInformationNotPursuing => "Issued after mediation information: mediation not pursued",
        CertificateKind.AfterMediation => "Issued after mediation",
        CertificateKind.LaDidNotArrangeInTime => $"Issued because mediation could not be arranged within {StatutoryPeriods.ArrangeMediationDays} days",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown certificate kind."),
    };

    /// <param name="createdAt">When the PDF is made: its metadata date (not printed; the issue date is).</param>
    public static PdfDocumentDefinition Compose(MediationCertificate certificate, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var c = certificate;
        var details = new List<KeyValue>
        {
            new("Certificate number", c.CertificateNumber),
            new("Date of issue", DocumentText.Long(c.IssuedOn)),
            new(c.ApplicantIsYoungPerson ? "Young person" : "Parent or carer", c.ApplicantName),
        };
        if (c.ChildName is { } child)
        {
            details.Add(new("Child", child));
        }

        if (c.ChildDateOfBirth is { } born)
        {
            details.Add(new(c.ChildName is null ? "Date of birth" : "Child's date of birth", DocumentText.Day(born)));
        }

        details.Add(new("Local authority", c.LocalAuthority));
        details.Add(new("Decision", c.Decision));
        details.Add(new("Date of the decision letter", DocumentText.Long(c.DecisionLetterDate)));
        if (c.Kind == CertificateKind.AfterMediation && c.MediationHeldOn is { } held)
        {
            details.Add(new("Date of mediation", DocumentText.Long(held)));
        }

        details.Add(new("Issued by", $"{c.IssuedBy.Name}, {c.IssuedBy.Role}, {c.IssuedBy.Organisation}"));

        var blocks = new List<Block>
        {
            new HeadingBlock(Title, 1),
            new ParagraphBlock([TextRun.Strong(Subtitle(c.Kind))]),
            new KeyValueListBlock(details),
            new HeadingBlock("What this certificate confirms"),
            new ParagraphBlock(WhatItConfirms(c)),
            new ParagraphBlock(
                "This certificate does not record anything that was said or discussed, with the mediation adviser or in mediation. "
                + "It confirms only the facts set out on this page."),
            new KeepTogetherBlock(
            [
                new HeadingBlock("Appeal deadline"),
                new ParagraphBlock(
                    [
                        TextRun.Strong($"Any appeal to the tribunal about this decision must arrive by {PeriodText.AppealCutOff} on {DocumentText.Long(c.AppealDeadline.Date)}."),
                        TextRun.Plain("\n" + c.AppealDeadline.Reason),
                    ],
                    ParagraphStyle.Callout),
                new ParagraphBlock(
                    $"Whether to appeal is your choice. {TribunalSentence(c.Kind)}",
                    ParagraphStyle.Small),
            ]),
            new KeepTogetherBlock(
            [
                new HeadingBlock("Check this certificate is genuine"),
                VerificationQr(c.Verification, "certificate"),
            ]),
        };

        return new PdfDocumentDefinition(
            new DocumentMetadata($"{Title} {c.CertificateNumber}", c.IssuedBy.Organisation, createdAt, $"Certificate {c.CertificateNumber}", Subtitle(c.Kind)),
            blocks);
    }

    internal static QrCodeBlock VerificationQr(DocumentVerification verification, string what) => new(
        verification.Url,
        [
            new ParagraphBlock([TextRun.Plain("Verification code: "), TextRun.Strong(verification.Code)]),
            new ParagraphBlock([TextRun.Plain($"Scan the code, or go to "), TextRun.Strong(verification.Url)]),
            new ParagraphBlock(
                $"The check shows the kind of document, when it was issued, the issuing organisation and whether this {what} has been withdrawn. It shows no names.",
                ParagraphStyle.Small),
        ]);

    private static List<TextRun> WhatItConfirms(MediationCertificate c)
    {
        var who = c.ApplicantName;
        var text = c.Kind switch
        {
            CertificateKind.AfterInformationNotPursuing =>
                $"{who} contacted the mediation adviser about the decision above and was given information about mediation. "
                + $"They told the mediation adviser that they do not wish to take part in mediation. "
                + $"This certificate is issued under {LegalSources.CertificateNotPursuingMediation}.",
            CertificateKind.AfterMediation =>
                $"{who} and {c.LocalAuthority} took part in mediation about the decision above"
                + (c.MediationHeldOn is { } held ? $" on {DocumentText.Long(held)}. " : ". ")
                + $"This certificate confirms that mediation has taken place; it says nothing about whether agreement was reached. "
                + $"It is issued under {LegalSources.CertificateAfterMediation}.",
            CertificateKind.LaDidNotArrangeInTime =>
                $"{who} told the mediation adviser that they wanted mediation about the decision above. "
                + $"{c.LocalAuthority} was not able to arrange the mediation within {StatutoryPeriods.ArrangeMediationDays} days of being told. "
                + $"This certificate is issued under {LegalSources.CertificateMediationNotArranged}. Mediation can still take place later if everyone agrees.",
            _ => throw new ArgumentOutOfRangeException(nameof(c), c.Kind, "Unknown certificate kind."),
        };
        return [TextRun.Plain(text)];
    }

    private static string TribunalSentence(CertificateKind kind) =>
        kind == CertificateKind.AfterMediation
            ? $"An appeal to {Tribunal} needs this certificate, whatever the outcome of the mediation."
            : $"An appeal to {Tribunal} needs this certificate.";
}
