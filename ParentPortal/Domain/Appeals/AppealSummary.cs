using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ParentPortal.Domain.Eligibility;

namespace ParentPortal.Domain.Appeals;

/// <summary>What the family tell us became of their appeal to the First-tier Tribunal (SEND), for the service's figures.</summary>
public enum AppealStatus
{
    /// <summary>They decided not to appeal.</summary>
    NotAppealing,

    /// <summary>They sent the appeal; no outcome yet.</summary>
    Appealed,

    /// <summary>The local authority conceded, or it was settled by agreement, before a hearing.</summary>
    ResolvedBeforeHearing,

    /// <summary>The family withdrew the appeal.</summary>
    Withdrawn,

    /// <summary>The tribunal decided for the family, in full.</summary>
    Upheld,

    /// <summary>The tribunal decided for the family on some points.</summary>
    PartlyUpheld,

    /// <summary>The tribunal decided for the local authority.</summary>
    Dismissed,
}

/// <param name="Reference">The portal's case reference.</param>
/// <param name="AppealByYoungPerson">The young person (16 to 25) appeals for themselves; otherwise the parent.</param>
/// <param name="AppellantName">Who appeals: the parent, or the young person.</param>
/// <param name="ChildFirstName">The child or young person the appeal is about.</param>
/// <param name="CertificateNumber">The live mediation certificate's number; null when none is issued (yet).</param>
/// <param name="Deadline">The last day to send the appeal, and the rule in words, from the rules engine.</param>
public sealed record AppealSummary(
    string Reference,
    SenDecision Decision,
    DisputedParts Parts,
    bool AppealByYoungPerson,
    string AppellantName,
    string? AppellantEmail,
    string? AppellantPhone,
    string? ChildFirstName,
    string? ChildLastName,
    DateOnly? ChildDateOfBirth,
    string? ChildSchool,
    string LocalAuthority,
    DateOnly DecisionLetterSent,
    string? CertificateNumber,
    DateOnly? CertificateIssuedOn,
    Deadlines.Deadline Deadline,
    string? Language,
    bool NeedsInterpreter,
    string? AccessNeeds,
    DateOnly PreparedOn)
{
    /// <summary>The tribunal's form for the decision: SEND35a for a refusal to assess, SEND35 for the rest.</summary>
    public string Form => Decision == SenDecision.RefusalToAssess ? "SEND35a" : "SEND35";

    /// <summary>
    /// Whether the appeal needs a mediation certificate: every appeal does, except one only about the school or other
    /// institution named in section I (Children and Families Act 2014, section 55(1) and (5)). Health and social care
    /// recommendations ride with an education appeal and do not change this.
    /// </summary>
    public bool NeedsCertificate => !(Decision == SenDecision.PlanContents && (Parts & (DisputedParts.SectionB | DisputedParts.SectionF | DisputedParts.SectionI)) == DisputedParts.SectionI);

    /// <summary>What the decision is, in the tribunal form's words.</summary>
    public string DecisionText => Decision switch
    {
        SenDecision.RefusalToAssess => "Refusal to carry out an EHC needs assessment",
        SenDecision.RefusalToIssuePlan => "Refusal to issue an EHC plan after an assessment",
        SenDecision.PlanContents => "The contents of the EHC plan",
        SenDecision.RefusalToReassess => "Refusal to carry out a re-assessment",
        SenDecision.RefusalToAmendAfterReview => "Refusal to amend the EHC plan after a review or re-assessment",
        SenDecision.DecisionToCeaseToMaintain => "Decision to cease to maintain the EHC plan",
        _ => "A decision that cannot be appealed to the tribunal",
    };

    /// <summary>The parts of the plan appealed, in the form's words (empty unless the appeal is about the plan's contents).</summary>
    public IReadOnlyList<string> PartsText =>
    [
        .. (Parts & DisputedParts.SectionB) != 0 ? ["Section B: special educational needs"] : Array.Empty<string>(),
        .. (Parts & DisputedParts.SectionF) != 0 ? ["Section F: special educational provision"] : Array.Empty<string>(),
        .. (Parts & DisputedParts.SectionI) != 0 ? ["Section I: the school or other institution named"] : Array.Empty<string>(),
        .. (Parts & DisputedParts.Health) != 0 ? ["Health needs and provision (sections C and G): a recommendation"] : Array.Empty<string>(),
        .. (Parts & DisputedParts.SocialCare) != 0 ? ["Social care needs and provision (sections D and H): a recommendation"] : Array.Empty<string>(),
    ];

    /// <summary>What the form must have with it, and what only the family can write.</summary>
    public IReadOnlyList<string> StillToDo =>
    [
        "Write your reasons for appealing, in your own words (the form's reasons section).",
        .. (Parts & DisputedParts.SectionI) != 0 ? ["Name the school or college you want, or the type of school, and say when you contacted it and what it said."] : Array.Empty<string>(),
        "Attach a copy of the local authority's decision letter.",
        .. Decision is SenDecision.PlanContents or SenDecision.RefusalToAmendAfterReview or SenDecision.DecisionToCeaseToMaintain ? ["Attach a copy of the EHC plan, with all its appendices."] : Array.Empty<string>(),
        .. NeedsCertificate ? [CertificateNumber is null ? "Attach your mediation certificate: you do not have one yet, and the tribunal needs it for this appeal." : "Attach a copy of your mediation certificate."] : Array.Empty<string>(),
        "Sign and date the form, and send it to the tribunal by the deadline.",
    ];

    public const string SchemaId = "https://parentportal.example/schemas/send35-appeal-summary.schema.json";

    /// <summary>The facts shaped like the SEND35 (or SEND35a) form's sections; what only the family can write is left out.</summary>
    public JsonObject ToSend35Json()
    {
        var json = new JsonObject
        {
            ["$schema"] = SchemaId,
            ["form"] = Form,
            ["portalReference"] = Reference,
            ["preparedOn"] = Iso(PreparedOn),
            ["appealDeadline"] = new JsonObject { ["date"] = Iso(Deadline.Date), ["rule"] = Deadline.Reason.English },
            ["section1ChildOrYoungPerson"] = new JsonObject
            {
                ["appealBroughtBy"] = AppealByYoungPerson ? "young-person" : "parent",
                ["firstName"] = ChildFirstName,
                ["lastName"] = ChildLastName,
                ["dateOfBirth"] = ChildDateOfBirth is { } born ? Iso(born) : null,
                ["currentSchoolOrCollege"] = ChildSchool,
            },
            ["section2AppealingAbout"] = new JsonObject
            {
                ["decision"] = DecisionCode(Decision),
                ["sectionB"] = Has(DisputedParts.SectionB),
                ["sectionF"] = Has(DisputedParts.SectionF),
                ["sectionI"] = Has(DisputedParts.SectionI),
                ["healthRecommendation"] = Has(DisputedParts.Health),
                ["socialCareRecommendation"] = Has(DisputedParts.SocialCare),
            },
            ["decisionLetter"] = new JsonObject
            {
                ["localAuthority"] = LocalAuthority,
                ["dateOfLetter"] = Iso(DecisionLetterSent),
            },
            ["mediation"] = new JsonObject
            {
                ["certificateRequired"] = NeedsCertificate,
                ["certificateNumber"] = CertificateNumber,
                ["certificateDate"] = CertificateIssuedOn is { } issued ? Iso(issued) : null,
            },
            ["appellant"] = new JsonObject
            {
                ["name"] = AppellantName,
                ["email"] = AppellantEmail,
                ["telephone"] = AppellantPhone,
            },
            ["hearingNeeds"] = new JsonObject
            {
                ["interpreterLanguage"] = NeedsInterpreter ? Language : null,
                ["accessNeeds"] = AccessNeeds,
            },
            ["stillToComplete"] = new JsonArray([.. StillToDo.Select(s => (JsonNode?)JsonValue.Create(s))]),
        };
        return json;
    }

    public string ToSend35JsonText() => ToSend35Json().ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static string DecisionCode(SenDecision decision) => decision switch
    {
        SenDecision.RefusalToAssess => "refusal-to-assess",
        SenDecision.RefusalToIssuePlan => "refusal-to-issue-plan",
        SenDecision.PlanContents => "plan-contents",
        SenDecision.RefusalToReassess => "refusal-to-reassess",
        SenDecision.RefusalToAmendAfterReview => "refusal-to-amend",
        SenDecision.DecisionToCeaseToMaintain => "cease-to-maintain",
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "Not a decision the tribunal hears."),
    };

    private bool Has(DisputedParts part) => (Parts & part) != 0;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
