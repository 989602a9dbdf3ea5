using Microsoft.Extensions.Localization;
using ParentPortal.Domain.Deadlines;
using ParentPortal.Features.Documents.Models;
using ParentPortal.Platform.Localisation;
using ParentPortal.Platform.Pdf;

namespace ParentPortal.Features.Documents.Composers;

/// <summary>Turns a <see cref="MediationCertificate"/> into blocks. Wording is neutral: it neither encourages nor discourages an appeal.</summary>
public static class CertificateComposer
{
    public const string Title = "Mediation certificate";

    private const string Tribunal = "the First-tier Tribunal (Special Educational Needs and Disability)";

    public static string Subtitle(CertificateKind kind) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, SubtitleTemplate(kind), StatutoryPeriods.ArrangeMediationDays);

    private static string Subtitle(CertificateKind kind, DocumentWords w) => w[SubtitleTemplate(kind), StatutoryPeriods.ArrangeMediationDays];

    private static string SubtitleTemplate(CertificateKind kind) => kind switch
    {
        CertificateKind.AfterInformationNotPursuing => "Issued after mediation information: mediation not pursued",
        CertificateKind.AfterMediation => "Issued after mediation",
        CertificateKind.LaDidNotArrangeInTime => "Issued because mediation could not be arranged within {0} days",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown certificate kind."),
    };

    /// <param name="createdAt">When the PDF is made: its metadata date (not printed; the issue date is).</param>
    /// <param name="text">The family's words, for a certificate in a language other than English.</param>
    public static PdfDocumentDefinition Compose(MediationCertificate certificate, DateTimeOffset createdAt, IStringLocalizer? text = null, IStringLocalizer? domain = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var c = certificate;
        if (text is null || PortalLanguages.Find(c.Language, includePseudo: true) is not { HasDocuments: true, IsEnglish: false } language)
        {
            return new PdfDocumentDefinition(Metadata(c, createdAt, DocumentWords.English, PortalLanguages.English), Blocks(c, DocumentWords.English));
        }

        // Issue 17: the certificate in the family's language, then the same facts in English, because the tribunal works in
        // English (as Welsh public bodies do: Welsh first). Each part is tagged with its language.
        using var scope = PortalLanguages.Use(language.Code);
        var words = DocumentWords.Current(text, domain);
        return new PdfDocumentDefinition(
            Metadata(c, createdAt, words, language.Code),
            [.. Blocks(c, words), new LanguageBlock(PortalLanguages.English, Blocks(c, DocumentWords.English))]);
    }

    private static DocumentMetadata Metadata(MediationCertificate c, DateTimeOffset createdAt, DocumentWords w, string language) =>
        new($"{w[Title]} {c.CertificateNumber}", c.IssuedBy.Organisation, createdAt, w["Certificate {0}", c.CertificateNumber], Subtitle(c.Kind, w), language, w["Page {0} of {1}"]);

    private static List<Block> Blocks(MediationCertificate c, DocumentWords w)
    {
        var details = new List<KeyValue>
        {
            new(w["Certificate number"], c.CertificateNumber),
            new(w["Date of issue"], w.Long(c.IssuedOn)),
            new(w[c.ApplicantIsYoungPerson ? "Young person" : "Parent or carer"], c.ApplicantName),
        };
        if (c.ChildName is { } child)
        {
            details.Add(new(w["Child"], child));
        }

        if (c.ChildDateOfBirth is { } born)
        {
            details.Add(new(w[c.ChildName is null ? "Date of birth" : "Child's date of birth"], w.Day(born)));
        }

        details.Add(new(w["Local authority"], c.LocalAuthority));
        details.Add(new(w["Decision"], w[c.Decision]));
        details.Add(new(w["Date of the decision letter"], w.Long(c.DecisionLetterDate)));
        if (c.Kind == CertificateKind.AfterMediation && c.MediationHeldOn is { } held)
        {
            details.Add(new(w["Date of mediation"], w.Long(held)));
        }

        details.Add(new(w["Issued by"], $"{c.IssuedBy.Name}, {w[c.IssuedBy.Role]}, {c.IssuedBy.Organisation}"));

        return
        [
            new HeadingBlock(w[Title], 1),
            new ParagraphBlock([TextRun.Strong(Subtitle(c.Kind, w))]),
            new KeyValueListBlock(details),
            new HeadingBlock(w["What this certificate confirms"]),
            new ParagraphBlock(WhatItConfirms(c, w)),
            new ParagraphBlock(w["This certificate does not record anything that was said or discussed, with the mediation adviser or in mediation. It confirms only the facts set out on this page."]),
            new KeepTogetherBlock(
            [
                new HeadingBlock(w["Appeal deadline"]),
                new ParagraphBlock(
                    [
                        TextRun.Strong(w["Any appeal to the tribunal about this decision must arrive by {0} on {1}.", w[PeriodText.AppealCutOff], w.Long(c.AppealDeadline.Date)]),
                        TextRun.Plain("\n" + w.Say(c.AppealDeadline.Reason)),
                    ],
                    ParagraphStyle.Callout),
                new ParagraphBlock(
                    w["Whether to appeal is your choice."] + " " + TribunalSentence(c.Kind, w),
                    ParagraphStyle.Small),
            ]),
            new KeepTogetherBlock(
            [
                new HeadingBlock(w["Check this certificate is genuine"]),
                VerificationQr(c.Verification, "certificate", w),
            ]),
        ];
    }

    internal static QrCodeBlock VerificationQr(DocumentVerification verification, string what, DocumentWords? words = null)
    {
        var w = words ?? DocumentWords.English;
        return new(
            verification.Url,
            [
                new ParagraphBlock([TextRun.Plain(w["Verification code:"] + " "), TextRun.Strong(verification.Code)]),
                new ParagraphBlock([TextRun.Plain(w["Scan the code, or go to"] + " "), TextRun.Strong(verification.Url)]),
                new ParagraphBlock(
                    w[$"The check shows the kind of document, when it was issued, the issuing organisation and whether this {what} has been withdrawn. It shows no names."],
                    ParagraphStyle.Small),
            ]);
    }

    // Each sentence whole, with what fills it as arguments, so a translator sees whole sentences. The legal sources are
    // cited in English in every language (the regulations' own titles).
    private static List<TextRun> WhatItConfirms(MediationCertificate c, DocumentWords w)
    {
        var who = c.ApplicantName;
        string[] sentences = c.Kind switch
        {
            CertificateKind.AfterInformationNotPursuing =>
            [
                w["{0} contacted the mediation adviser about the decision above and was given information about mediation.", who],
                w["They told the mediation adviser that they do not wish to take part in mediation."],
                w["This certificate is issued under {0}.", LegalSources.CertificateNotPursuingMediation],
            ],
            CertificateKind.AfterMediation =>
            [
                c.MediationHeldOn is { } held
                    ? w["{0} and {1} took part in mediation about the decision above on {2}.", who, c.LocalAuthority, w.Long(held)]
                    : w["{0} and {1} took part in mediation about the decision above.", who, c.LocalAuthority],
                w["This certificate confirms that mediation has taken place; it says nothing about whether agreement was reached."],
                w["It is issued under {0}.", LegalSources.CertificateAfterMediation],
            ],
            CertificateKind.LaDidNotArrangeInTime =>
            [
                w["{0} told the mediation adviser that they wanted mediation about the decision above.", who],
                w["{0} was not able to arrange the mediation within {1} days of being told.", c.LocalAuthority, StatutoryPeriods.ArrangeMediationDays],
                w["This certificate is issued under {0}. Mediation can still take place later if everyone agrees.", LegalSources.CertificateMediationNotArranged],
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(c), c.Kind, "Unknown certificate kind."),
        };
        return [TextRun.Plain(string.Join(' ', sentences))];
    }

    private static string TribunalSentence(CertificateKind kind, DocumentWords w) =>
        kind == CertificateKind.AfterMediation
            ? w["An appeal to {0} needs this certificate, whatever the outcome of the mediation.", w[Tribunal]]
            : w["An appeal to {0} needs this certificate.", w[Tribunal]];
}
