using System.Globalization;
using Microsoft.Extensions.Primitives;
using ParentPortal.Domain.Deadlines;

namespace ParentPortal.Features.Deadlines;

/// <summary>
/// Reads the deadline dates from a query string, for the public page and the JSON endpoint alike, so
/// both give the same answers and the same messages. Dates are ISO (yyyy-MM-dd), as a date input sends them.
/// </summary>
public static class DeadlineQuery
{
    public const string CertificateTriggerParameter = "certificateTrigger";

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [DeadlineParameters.DecisionLetterSent] = "The date the decision letter was sent",
        [DeadlineParameters.CertificateIssued] = "The date the mediation certificate was issued",
        [DeadlineParameters.CertificateTriggeredOn] = "The date the adviser was told, or the mediation ended",
        [DeadlineParameters.LaToldOfMediationOn] = "The date the local authority was told mediation is wanted",
        [DeadlineParameters.AnnualReviewMeetingOn] = "The date of the annual review meeting",
        [DeadlineParameters.DraftPlanSentOn] = "The date the draft EHC plan was sent",
    };

    public static readonly IReadOnlyDictionary<string, CertificateTrigger> TriggerValues = new Dictionary<string, CertificateTrigger>
    {
        ["notPursuingMediation"] = CertificateTrigger.NotPursuingMediation,
        ["mediationConcluded"] = CertificateTrigger.MediationConcluded,
        ["localAuthorityCouldNotArrangeMediation"] = CertificateTrigger.LocalAuthorityCouldNotArrangeMediation,
    };

    public static DeadlineQueryResult Parse(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = query.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var errors = new List<DeadlineInputError>();
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);

        DateOnly? Read(string name)
        {
            if (!values.TryGetValue(name, out var given) || given.Count == 0)
            {
                return null;
            }

            if (given.Count > 1)
            {
                errors.Add(new(name, $"{Labels[name]} was given more than once: give it once"));
                return null;
            }

            var text = (given[0] ?? "").Trim();
            raw[name] = text.Length > 40 ? text[..40] : text;
            if (text.Length == 0)
            {
                return null;
            }

            if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            errors.Add(new(name, $"{Labels[name]} must be a real date, written as year-month-day, for example 2026-03-27"));
            return null;
        }

        var input = new DeadlineInput(
            Read(DeadlineParameters.DecisionLetterSent),
            Read(DeadlineParameters.CertificateIssued),
            Read(DeadlineParameters.CertificateTriggeredOn),
            Read(DeadlineParameters.LaToldOfMediationOn),
            ReadTrigger(values, errors, raw),
            ReadHealthIssues(values, errors, raw),
            Read(DeadlineParameters.AnnualReviewMeetingOn),
            Read(DeadlineParameters.DraftPlanSentOn));

        // The rules' own checks (no date at all, a certificate before the letter, ...) only make sense
        // once every date given has been read; a parameter never gets two messages.
        foreach (var error in input.Validate())
        {
            if (!errors.Any(e => e.Parameter == error.Parameter))
            {
                errors.Add(error);
            }
        }

        var ordered = errors.OrderBy(e => IndexOf(e.Parameter)).ToList();
        return new DeadlineQueryResult(ordered.Count == 0 ? input : null, ordered, raw);
    }

    private static CertificateTrigger? ReadTrigger(Dictionary<string, StringValues> values, List<DeadlineInputError> errors, Dictionary<string, string> raw)
    {
        if (!values.TryGetValue(CertificateTriggerParameter, out var given) || given.Count == 0 || string.IsNullOrWhiteSpace(given[0]))
        {
            return null;
        }

        var text = given[0]!.Trim();
        raw[CertificateTriggerParameter] = text.Length > 60 ? text[..60] : text;
        if (given.Count == 1 && TriggerValues.TryGetValue(text, out var trigger))
        {
            return trigger;
        }

        errors.Add(new(CertificateTriggerParameter, "Select what started the certificate's 3 working days"));
        return null;
    }

    /// <summary>"true" (a ticked box sends it) or "false"; anything else is an error.</summary>
    private static bool ReadHealthIssues(Dictionary<string, StringValues> values, List<DeadlineInputError> errors, Dictionary<string, string> raw)
    {
        if (!values.TryGetValue(DeadlineParameters.HealthIssues, out var given) || given.Count == 0 || string.IsNullOrWhiteSpace(given[0]))
        {
            return false;
        }

        var text = given[0]!.Trim();
        raw[DeadlineParameters.HealthIssues] = text.Length > 10 ? text[..10] : text;
        if (given.Count == 1 && bool.TryParse(text, out var health))
        {
            return health;
        }

        errors.Add(new(DeadlineParameters.HealthIssues, "Say whether there are health or social care issues with true or false"));
        return false;
    }

    private static int IndexOf(string parameter)
    {
        var index = DeadlineParameters.All.ToList().IndexOf(parameter);
        return index < 0 ? int.MaxValue : index;
    }
}

/// <param name="Input">The dates, when every one given is valid; otherwise null.</param>
/// <param name="Errors">At most one message per parameter, in the order the parameters appear on the page.</param>
/// <param name="RawValues">What was typed, to show back in the form.</param>
public sealed record DeadlineQueryResult(DeadlineInput? Input, IReadOnlyList<DeadlineInputError> Errors, IReadOnlyDictionary<string, string> RawValues)
{
    public string Raw(string parameter) => RawValues.TryGetValue(parameter, out var value) ? value : "";

    public string? ErrorFor(string parameter) => Errors.FirstOrDefault(e => e.Parameter == parameter)?.Message;
}
