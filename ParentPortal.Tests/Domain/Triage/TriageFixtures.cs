using ParentPortal.Domain.Triage;

namespace ParentPortal.Tests.Domain.Triage;

/// <summary>Answers built page by page through the real validator, as a parent would give them.</summary>
public static class TriageFixtures
{
    public static readonly DateOnly Today = new(2026, 11, 20);

    public static readonly TriageContext Context = new(Today, [new Option("herts", "Hertfordshire"), new Option("beds", "Bedford Borough")]);

    public static IReadOnlyDictionary<string, Dictionary<string, string?>> SenPages() => new Dictionary<string, Dictionary<string, string?>>
    {
        ["route"] = new() { ["route"] = "sen" },
        ["applicant"] = new() { ["applicant"] = "parent" },
        ["your-name"] = new() { ["parent-name"] = "Sam Taylor" },
        ["local-authority"] = new() { ["local-authority"] = "herts" },
        ["sen-decision"] = new() { ["sen-decision"] = "refusal-to-assess" },
        ["sen-letter-date"] = new() { ["sen-letter-date"] = "2026-10-01" },
        ["sen-appeal"] = new() { ["sen-appeal"] = "not-sure" },
        ["sen-mediation"] = new() { ["sen-mediation"] = "undecided" },
    }.Concat(Common()).ToDictionary();

    public static IReadOnlyDictionary<string, Dictionary<string, string?>> BullyingPages() => new Dictionary<string, Dictionary<string, string?>>
    {
        ["route"] = new() { ["route"] = "bullying" },
        ["applicant"] = new() { ["applicant"] = "parent" },
        ["your-name"] = new() { ["parent-name"] = "Sam Taylor" },
        ["local-authority"] = new() { ["local-authority"] = "beds" },
        ["bullying-stages"] = new() { ["bullying-stages"] = "informal,formal,panel", ["bullying-informal-date"] = "2026-05-01", ["bullying-formal-date"] = "2026-06-01", ["bullying-panel-date"] = "2026-09-15" },
        ["bullying-outcome"] = new() { ["bullying-outcome"] = "The panel did not uphold the complaint." },
        ["bullying-racist"] = new() { ["bullying-racist"] = "no" },
        ["bullying-hopes"] = new() { ["bullying-hopes"] = "A plan to keep my son safe at lunchtimes." },
    }.Concat(Common()).Append(new("call-times", new() { ["call-times"] = "morning" })).ToDictionary();

    public static IReadOnlyDictionary<string, Dictionary<string, string?>> FacilitationPages() => new Dictionary<string, Dictionary<string, string?>>
    {
        ["route"] = new() { ["route"] = "facilitation" },
        ["applicant"] = new() { ["applicant"] = "parent" },
        ["your-name"] = new() { ["parent-name"] = "Sam Taylor" },
        ["local-authority"] = new() { ["local-authority"] = "herts" },
        ["meeting-type"] = new() { ["meeting-type"] = "annual-review" },
        ["meeting-date"] = new() { ["meeting-date-known"] = "yes", ["meeting-date"] = "2027-01-20" },
        ["meeting-attendees"] = new() { ["meeting-attendees"] = "Parent, SENCo, class teacher" },
        ["facilitation-help"] = new() { ["facilitation-help"] = "chair,record" },
    }.Concat(Common()).ToDictionary();

    public static TriageAnswers Build(IReadOnlyDictionary<string, Dictionary<string, string?>> pages)
    {
        var answers = TriageAnswers.Empty;
        foreach (var (stepKey, values) in pages)
        {
            var step = TriageQuestions.Find(stepKey) ?? throw new InvalidOperationException("No step " + stepKey);
            var result = StepValidator.Validate(step, values, answers, Context);
            if (!result.IsValid)
            {
                throw new InvalidOperationException($"{stepKey}: {string.Join("; ", result.Errors.Select(e => e.Message))}");
            }

            answers = answers.WithStep(stepKey, result.Values);
        }

        return answers;
    }

    private static Dictionary<string, Dictionary<string, string?>> Common() => new()
    {
        ["child-name"] = new() { ["child-first-name"] = "Siân", ["child-last-name"] = "O'Brien-Núñez" },
        ["child-date-of-birth"] = new() { ["child-date-of-birth"] = "2015-03-27" },
        ["child-school"] = new() { ["child-school"] = "Hillside Primary" },
        ["ehc-plan"] = new() { ["ehc-plan"] = "no" },
        ["contact"] = new() { ["contact-phone"] = "07700 900 982", ["contact-email"] = "parent@example.com", ["contact-method"] = "email" },
        ["language"] = new() { ["language"] = "english" },
        ["access-needs"] = new() { ["access-needs"] = "no" },
        ["supporter"] = new() { ["supporter"] = "none" },
        ["consent"] = new() { ["consent-contact"] = "school,local-authority", ["consent-share"] = "summary" },
    };
}
