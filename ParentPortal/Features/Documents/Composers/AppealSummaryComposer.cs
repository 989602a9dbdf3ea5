using ParentPortal.Domain.Appeals;
using ParentPortal.Platform.Pdf;

namespace ParentPortal.Features.Documents.Composers;

/// <summary>
/// Turns an <see cref="AppealSummary"/> into blocks: what the tribunal's appeal form asks for that the portal already knows,
/// for the family to copy onto the form, and what only they can add. Not an issued document: no number, no verification.
/// </summary>
public static class AppealSummaryComposer
{
    public const string Title = "Your appeal: what the form asks for";

    public static PdfDocumentDefinition Compose(AppealSummary summary, string organisation, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var s = summary;
        var child = new List<KeyValue>
        {
            new("Appeal brought by", s.AppealByYoungPerson ? "The young person" : "The parent"),
        };
        if (s.ChildFirstName is not null)
        {
            child.Add(new("Name", $"{s.ChildFirstName} {s.ChildLastName}".Trim()));
        }

        if (s.ChildDateOfBirth is { } born)
        {
            child.Add(new("Date of birth", DocumentText.Long(born)));
        }

        if (s.ChildSchool is not null)
        {
            child.Add(new("School or college now", s.ChildSchool));
        }

        var decision = new List<KeyValue>
        {
            new("The decision", s.DecisionText),
            new("Local authority", s.LocalAuthority),
            new("Date of the decision letter", DocumentText.Long(s.DecisionLetterSent)),
        };
        if (s.PartsText.Count > 0)
        {
            decision.Add(new("Parts of the plan", string.Join("; ", s.PartsText)));
        }

        var mediation = new List<KeyValue>
        {
            new("Certificate needed", s.NeedsCertificate ? "Yes" : "No: the appeal is only about the school or college named in section I"),
        };
        if (s.CertificateNumber is { } number)
        {
            mediation.Add(new("Certificate number", number));
            mediation.Add(new("Certificate date", DocumentText.Long(s.CertificateIssuedOn!.Value)));
        }

        var appellant = new List<KeyValue> { new("Name", s.AppellantName) };
        if (s.AppellantEmail is not null)
        {
            appellant.Add(new("E-mail", s.AppellantEmail));
        }

        if (s.AppellantPhone is not null)
        {
            appellant.Add(new("Telephone", s.AppellantPhone));
        }

        if (s.NeedsInterpreter && s.Language is not null)
        {
            appellant.Add(new("Interpreter", s.Language));
        }

        if (s.AccessNeeds is not null)
        {
            appellant.Add(new("Help you need at a hearing", s.AccessNeeds));
        }

        var blocks = new List<Block>
        {
            new HeadingBlock(Title, 1),
            new KeyValueListBlock([new("Form", s.Form), new("Appeal deadline", DocumentText.Long(s.Deadline.Date)), new("Our reference", s.Reference)]),
            new ParagraphBlock(s.Deadline.Reason),
            new HeadingBlock("Who the appeal is about"),
            new KeyValueListBlock(child),
            new HeadingBlock("What you are appealing about"),
            new KeyValueListBlock(decision),
            new HeadingBlock("Mediation"),
            new KeyValueListBlock(mediation),
            new HeadingBlock("Your details"),
            new KeyValueListBlock(appellant),
            new HeadingBlock("What only you can add"),
            ListBlock.Of(s.StillToDo, numbered: true),
            new ParagraphBlock(
                $"Prepared on {DocumentText.Long(s.PreparedOn)} from what you told {organisation}. Check each detail against your papers. This is not the appeal: only the tribunal's form is.",
                ParagraphStyle.Small),
        };

        return new PdfDocumentDefinition(new DocumentMetadata($"Appeal summary {s.Reference}", organisation, createdAt, $"Appeal summary {s.Reference}"), blocks);
    }
}
