namespace ParentPortal.Domain.Triage;

/// <summary>Which pages a parent's answers lead to, in order, and where to go next.</summary>
public static class TriageFlow
{
    /// <summary>The pages that apply to these answers, up to and including a page that stops the journey.</summary>
    public static IReadOnlyList<Step> Steps(TriageAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var steps = new List<Step>();
        foreach (var step in TriageQuestions.All.Where(s => s.AppliesWhen(answers)))
        {
            steps.Add(step);
            if (step.StopsWhen(answers))
            {
                break;
            }
        }

        return steps;
    }

    public static bool IsDone(Step step, TriageAnswers answers, TriageContext context)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(answers);
        return answers.CompletedSteps.Contains(step.Key) && !step.StopsWhen(answers) && StepValidator.StoredAnswersAreValid(step, answers, context);
    }

    /// <summary>The first page still to answer (or whose answer an earlier change made invalid); null when every page is done.</summary>
    public static Step? FirstIncomplete(TriageAnswers answers, TriageContext context) =>
        Steps(answers).FirstOrDefault(s => !IsDone(s, answers, context));

    /// <summary>The journey has stopped at a page the parent cannot continue past with these answers.</summary>
    public static Step? StoppedAt(TriageAnswers answers) => Steps(answers) is { Count: > 0 } steps && steps[^1].StopsWhen(answers) ? steps[^1] : null;

    public static bool IsComplete(TriageAnswers answers, TriageContext context) =>
        StoppedAt(answers) is null && FirstIncomplete(answers, context) is null;

    /// <summary>The page after this one; null means go to "Check your answers".</summary>
    public static Step? Next(TriageAnswers answers, string currentKey)
    {
        var steps = Steps(answers);
        var index = IndexOf(steps, currentKey);
        return index >= 0 && index + 1 < steps.Count ? steps[index + 1] : null;
    }

    /// <summary>
    /// Where Continue goes: the next page not yet answered, skipping pages already answered (for example
    /// those carried over from "check what help fits"); null means every page is done.
    /// </summary>
    public static Step? NextIncomplete(TriageAnswers answers, TriageContext context, string currentKey)
    {
        var steps = Steps(answers);
        var index = IndexOf(steps, currentKey);
        return steps.Skip(index + 1).FirstOrDefault(s => !IsDone(s, answers, context))
            ?? steps.Take(Math.Max(index, 0)).FirstOrDefault(s => !IsDone(s, answers, context));
    }

    /// <summary>The page before this one; null on the first page.</summary>
    public static Step? Previous(TriageAnswers answers, string currentKey)
    {
        var steps = Steps(answers);
        var index = IndexOf(steps, currentKey);
        return index > 0 ? steps[index - 1] : null;
    }

    public static bool Applies(TriageAnswers answers, string stepKey) => IndexOf(Steps(answers), stepKey) >= 0;

    /// <summary>Keeps only the answers to questions these answers actually ask: nothing irrelevant is sent or stored.</summary>
    public static TriageAnswers Prune(TriageAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var steps = Steps(answers);
        var keys = steps.SelectMany(s => s.Fields.Where(f => f.RevealedBy is not { } reveal || answers.List(reveal.FieldKey).Contains(reveal.Value)).Select(f => f.Key));
        return answers.Only(keys, steps.Select(s => s.Key));
    }

    /// <summary>How far through the journey the answers are, for the progress indicator.</summary>
    public static (int Done, int Total) Progress(TriageAnswers answers, TriageContext context)
    {
        var steps = Steps(answers);
        return (steps.Count(s => IsDone(s, answers, context)), steps.Count);
    }

    private static int IndexOf(IReadOnlyList<Step> steps, string key)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }
}
