using ParentPortal.Domain.Deadlines;
using ParentPortal.Features.Documents.Models;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Pdf;

namespace ParentPortal.Features.Documents.Composers;

/// <summary>Turns a <see cref="MediationAgreement"/> into blocks: the agreed content, then the signatures bound to its hash.</summary>
public static class AgreementComposer
{
    public const string Title = "Mediation agreement";

    /// <exception cref="ArgumentException">No attendee is marked as the other party's decision maker.</exception>
    public static PdfDocumentDefinition Compose(MediationAgreement agreement, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var a = agreement;
        var decisionMaker = a.Attendees.FirstOrDefault(p => p.IsDecisionMaker)
            ?? throw new ArgumentException(a.IsWithSchool
                ? "The agreement must name the school's representative."
                : "The agreement must name the local authority's decision maker (SEND Regulations 2014, regulation 38).", nameof(agreement));

        var details = a.School is { } school
            ? new List<KeyValue>
            {
                new("Reference", a.Reference),
                new("Date of mediation", DocumentText.Long(a.MediationDate)),
                new("School", school),
                new("School's representative", $"{decisionMaker.Name}, {decisionMaker.Role}"),
            }
            : new List<KeyValue>
            {
                new("Reference", a.Reference),
                new("Date of mediation", DocumentText.Long(a.MediationDate)),
                new("Local authority", a.LocalAuthority),
                new("Local authority's decision maker", $"{decisionMaker.Name}, {decisionMaker.Role}"),
            };
        if (a.ChildName is { } child)
        {
            details.Insert(3, new("Child", child));
        }

        var blocks = new List<Block>
        {
            new HeadingBlock(Title, 1),
            new KeyValueListBlock(details),
            new HeadingBlock("Who took part"),
            new TableBlock(
                [new("Name", 1.1f), new("Role", 1.5f), new("Taking part as", 1.1f)],
                [.. a.Attendees.Select(p => (IReadOnlyList<string>)[p.Name, p.Role, Capacity(p, a.IsWithSchool)])]),
            new HeadingBlock("What the mediation was about"),
            ListBlock.Of(a.Issues),
            new HeadingBlock("What was agreed"),
            new TableBlock(
                [new("No.", 0.32f), new("What will be done", 2.6f), new("Who", 1.2f), new("By when", 0.95f)],
                [.. a.Actions.Select((x, i) => (IReadOnlyList<string>)[(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), x.What, x.Who, DocumentText.Day(x.By)])],
                "No actions were agreed."),
            new ParagraphBlock(
                a.IsWithSchool
                    ? "Everyone who took part will do what they agreed by the dates above. This mediation is voluntary and independent of the local authority."
                    : "The local authority will do what it agreed on matters that can be appealed within the time limits that would apply after a tribunal order, "
                      + $"and other agreed actions within {StatutoryPeriods.AgreedActionsDays / 7} weeks, unless everyone agreed other dates in writing ({LegalSources.AgreedActions}).",
                ParagraphStyle.Small),
            new HeadingBlock("Matters not agreed"),
            a.MattersNotAgreed.Count == 0 ? new ParagraphBlock("None.") : ListBlock.Of(a.MattersNotAgreed),
            new HeadingBlock("Confidentiality"),
            new ParagraphBlock(a.ConfidentialityStatement),
        };

        var hash = AgreementContent.Hash(a);
        var signatures = a.Signatures.Select(s => new SignatureEntry(
            s.Name, s.Role, s.SignedAt is not { } at ? null
                : s.OnPaper ? $"Signed on paper on {DocumentText.Day(UkDates.DateIn(at))}, recorded by the service"
                : $"Signed electronically on {DocumentText.DateTime(at)}")).ToList();
        blocks.Add(new KeepTogetherBlock(
        [
            new HeadingBlock("Signatures"),
            new ParagraphBlock(
                (a.Signatures.Any(s => s.OnPaper)
                    ? "Each person signed in the portal with their own account, except a signature marked as given on paper: the service recorded it from a paper copy with exactly this wording, and keeps that copy. "
                    : "Each person signed in the portal with their own account. ")
                + "A signature applies to the exact content above, identified by the fingerprint below: "
                + "if the agreement is changed after anyone has signed, the signatures no longer apply and everyone is asked to sign again."
                + (a.IsWithSchool ? " The school's representative has no account in the portal and does not sign here: the mediator sends the school its copy." : ""),
                ParagraphStyle.Small),
            signatures.Count == 0 ? new ParagraphBlock("No one has signed yet.") : new SignatureBlock(signatures),
            new ParagraphBlock([TextRun.Plain("Content fingerprint (SHA-256): "), TextRun.Strong(hash)], ParagraphStyle.Small),
        ]));

        if (a.Verification is { } verification)
        {
            blocks.Add(new KeepTogetherBlock(
            [
                new HeadingBlock("Check this agreement is genuine"),
                CertificateComposer.VerificationQr(verification, "agreement"),
            ]));
        }

        return new PdfDocumentDefinition(new DocumentMetadata($"{Title} {a.Reference}", a.Organisation, createdAt, $"Agreement {a.Reference}"), blocks);
    }

    private static string Capacity(Attendee attendee, bool withSchool) => attendee switch
    {
        { IsDecisionMaker: true } when withSchool => "Party: for the school",
        { IsDecisionMaker: true } => "Party: the local authority's decision maker",
        { IsParty: true } => "Party",
        _ => "Attending",
    };
}
