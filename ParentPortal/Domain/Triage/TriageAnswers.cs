using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using ParentPortal.Domain.Eligibility;

namespace ParentPortal.Domain.Triage;

/// <summary>
/// A parent's answers: a value per field (checkboxes as comma-separated option values, dates as
/// yyyy-MM-dd) and the pages they have completed. Immutable; every change returns a new value.
/// </summary>
public sealed class TriageAnswers
{
    public static readonly TriageAnswers Empty = new(new Dictionary<string, string>(), []);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly FrozenDictionary<string, string> _values;

    private TriageAnswers(IReadOnlyDictionary<string, string> values, IEnumerable<string> completedSteps)
    {
        _values = values.ToFrozenDictionary(StringComparer.Ordinal);
        CompletedSteps = completedSteps.ToFrozenSet(StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, string> Values => _values;

    public IReadOnlySet<string> CompletedSteps { get; }

    public string? this[string key] => _values.TryGetValue(key, out var value) ? value : null;

    public static TriageAnswers From(IReadOnlyDictionary<string, string> values, IEnumerable<string>? completedSteps = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(values, completedSteps ?? []);
    }

    public static TriageAnswers FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Empty;
        }

        var stored = JsonSerializer.Deserialize<Stored>(json, Json) ?? new Stored();
        return new(stored.Values ?? [], stored.Done ?? []);
    }

    public string ToJson() => JsonSerializer.Serialize(new Stored { Values = new(_values), Done = [.. CompletedSteps.Order(StringComparer.Ordinal)] }, Json);

    /// <summary>Sets a page's values (null removes a value) and marks the page completed.</summary>
    public TriageAnswers WithStep(string stepKey, IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var next = new Dictionary<string, string>(_values, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (value is null)
            {
                next.Remove(key);
            }
            else
            {
                next[key] = value;
            }
        }

        return new(next, CompletedSteps.Append(stepKey));
    }

    public TriageAnswers Only(IEnumerable<string> keys, IEnumerable<string> steps)
    {
        var keep = keys.ToHashSet(StringComparer.Ordinal);
        return new(_values.Where(p => keep.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value), CompletedSteps.Intersect(steps, StringComparer.Ordinal));
    }

    public IReadOnlyList<string> List(string key) =>
        this[key] is { Length: > 0 } value ? value.Split(',', StringSplitOptions.RemoveEmptyEntries) : [];

    public DateOnly? Date(string key) =>
        this[key] is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public string? Route => this[AnswerKeys.Route];

    public bool IsYoungPerson => this[AnswerKeys.Applicant] == AnswerKeys.YoungPerson;

    public bool IsProfessional => this[AnswerKeys.Applicant] == "professional";

    public SenDecision? SenDecision => this[AnswerKeys.SenDecision] switch
    {
        "refusal-to-assess" => Eligibility.SenDecision.RefusalToAssess,
        "refusal-to-issue-plan" => Eligibility.SenDecision.RefusalToIssuePlan,
        "plan-contents" => Eligibility.SenDecision.PlanContents,
        "refusal-to-reassess" => Eligibility.SenDecision.RefusalToReassess,
        "refusal-to-amend" => Eligibility.SenDecision.RefusalToAmendAfterReview,
        "cease-to-maintain" => Eligibility.SenDecision.DecisionToCeaseToMaintain,
        "something-else" => Eligibility.SenDecision.SomethingElse,
        _ => null,
    };

    public DisputedParts DisputedParts => List(AnswerKeys.SenDisputedParts).Aggregate(DisputedParts.None, (parts, value) => parts | value switch
    {
        "section-b" => DisputedParts.SectionB,
        "section-f" => DisputedParts.SectionF,
        "section-i" => DisputedParts.SectionI,
        "health" => DisputedParts.Health,
        "social-care" => DisputedParts.SocialCare,
        _ => DisputedParts.None,
    });

    public MeetingType? MeetingType => this[AnswerKeys.MeetingType] switch
    {
        "annual-review" => Eligibility.MeetingType.AnnualReview,
        "team-around-the-child" => Eligibility.MeetingType.TeamAroundTheChild,
        "draft-plan" => Eligibility.MeetingType.DraftEhcPlanDiscussion,
        "other" => Eligibility.MeetingType.Other,
        _ => null,
    };

    public IReadOnlyList<CompletedComplaintStage> ComplaintStages => List(AnswerKeys.BullyingStages)
        .Select(value => value switch
        {
            "informal" => new CompletedComplaintStage(ComplaintStage.RaisedInformallyWithTeacher, Date(AnswerKeys.BullyingInformalDate)),
            "formal" => new CompletedComplaintStage(ComplaintStage.FormalComplaintToHeadteacher, Date(AnswerKeys.BullyingFormalDate)),
            "panel" => new CompletedComplaintStage(ComplaintStage.GoverningBoardPanel, Date(AnswerKeys.BullyingPanelDate)),
            _ => null,
        })
        .OfType<CompletedComplaintStage>()
        .ToList();

    public bool ReferredBySchool => IsProfessional && this[AnswerKeys.ProfessionalType] == "school";

    private sealed class Stored
    {
        public Dictionary<string, string>? Values { get; set; }

        public List<string>? Done { get; set; }
    }
}
