using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;

namespace ParentPortal.Features.Reports;

/// <summary>What the report calls each stored value.</summary>
public static class ReportLabels
{
    public const string NoRoute = "Route not recorded";
    public const string NoArea = "Outside the areas served";
    public const string NoLanguage = "Not recorded";

    public static string CallerType(CallerType type) => type switch
    {
        Data.Entities.CallerType.Parent => "Parent or carer",
        Data.Entities.CallerType.YoungPerson => "Young person",
        Data.Entities.CallerType.School => "School",
        Data.Entities.CallerType.Professional => "Other professional",
        Data.Entities.CallerType.Other => "Someone else",
        _ => type.ToString(),
    };

    public static string Outcome(CallOutcome outcome) => outcome switch
    {
        CallOutcome.InformationGiven => "Information given",
        CallOutcome.ApplicationStarted => "Application started",
        CallOutcome.ReferredElsewhere => "Referred elsewhere",
        CallOutcome.CallBackArranged => "Call back arranged",
        CallOutcome.SessionBooked => "Session booked",
        CallOutcome.Other => "Something else",
        _ => outcome.ToString(),
    };

    public static string Route(string? route) => route switch
    {
        CaseWorkflow.Sen => "SEN disagreement",
        CaseWorkflow.Bullying => "Bullying complaint",
        CaseWorkflow.Facilitation => "Facilitated meeting",
        null or "" => NoRoute,
        _ => route,
    };

    public static readonly IReadOnlyList<string> Routes = [CaseWorkflow.Sen, CaseWorkflow.Bullying, CaseWorkflow.Facilitation];
}
