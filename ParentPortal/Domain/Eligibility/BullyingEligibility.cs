namespace ParentPortal.Domain.Eligibility;

/// <summary>
/// The bullying complaint route: for parents who have exhausted the school's complaints procedure without
/// resolution. Telephone support comes first; complex cases can go on to mediation. No statutory clock.
/// </summary>
public static class BullyingEligibility
{
    public static BullyingEligibilityResult Assess(BullyingEligibilityInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.CompletedStages);

        var completed = input.CompletedStages.Select(s => s.Stage).ToHashSet();
        var finalStageDone = completed.Contains(ComplaintStage.GoverningBoardPanel);
        var eligible = finalStageDone || input.ReferredBySchool;

        var explanations = new List<string>();
        var steps = new List<string>();
        string reason;
        if (eligible)
        {
            reason = input.ReferredBySchool && !finalStageDone
                ? "The school has referred the case, so the service can help: the first step is telephone support from the helpline, which helps you find your best next step and can point you to other services, and more complex cases can go on to full mediation."
                : "You have completed the school's complaints procedure, so the service can help: the first step is telephone support from the helpline, which helps you find your best next step and can point you to other services, and more complex cases can go on to full mediation.";
            explanations.Add("Mediation happens only if everyone agrees to take part.");
        }
        else
        {
            reason = "The service is for parents who have completed the school's complaints procedure without the problem being resolved, so the first step is to finish that procedure.";
            var latest = completed.Count == 0 ? -1 : completed.Max(s => (int)s);
            steps.AddRange(Enum.GetValues<ComplaintStage>().Where(s => (int)s > latest).Select(Step));
            explanations.Add("If the school's procedure ends without the problem being resolved, you can come back to the service.");
        }

        explanations.Add("There is no legal time limit for this route; the service records which stages of the school's procedure were completed and when.");

        if (input.RacistIncidents)
        {
            explanations.Add("Because racist incidents are involved, you can also be offered the separate advocacy service for minority ethnic parents; the two services work independently but liaise as needed.");
        }

        return new BullyingEligibilityResult(eligible, input.RacistIncidents, reason, steps, explanations);
    }

    public static string Step(ComplaintStage stage) => stage switch
    {
        ComplaintStage.RaisedInformallyWithTeacher => "Raise your concerns informally with your child's class teacher or form tutor.",
        ComplaintStage.FormalComplaintToHeadteacher => "Make a formal complaint in writing to the headteacher, following the school's complaints procedure.",
        ComplaintStage.GoverningBoardPanel => "Ask for your complaint to be heard by a panel of the school's governing board, the final stage of the procedure.",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown complaint stage."),
    };
}
