using Microsoft.AspNetCore.Http.HttpResults;
using ParentPortal.Domain.Deadlines;
using ParentPortal.Platform.Calendar;

namespace ParentPortal.Features.Deadlines;

/// <summary>The JSON answer: each deadline as an ISO date (null when its dates were not given), with its reason and warnings.</summary>
public sealed record DeadlinesResponse(
    DateOnly? ContactMediationAdviserBy,
    DateOnly? AppealBy,
    DateOnly? CertificateDueBy,
    DateOnly? MediationHeldBy,
    DateOnly? HealthBodiesToldBy,
    DateOnly? AnnualReviewInviteBy,
    DateOnly? AnnualReviewAdviceBy,
    DateOnly? AnnualReviewReportBy,
    DateOnly? LaReviewDecisionBy,
    DateOnly? DraftPlanCommentsBy,
    IReadOnlyDictionary<string, string> Reasons,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Warnings)
{
    public static DeadlinesResponse From(DeadlineSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var named = Named(set).Where(p => p.Deadline is not null).ToList();
        return new DeadlinesResponse(
            set.ContactMediationAdviserBy?.Date,
            set.AppealBy?.Date,
            set.CertificateDueBy?.Date,
            set.MediationHeldBy?.Date,
            set.HealthBodiesToldBy?.Date,
            set.AnnualReviewInviteBy?.Date,
            set.AnnualReviewAdviceBy?.Date,
            set.AnnualReviewReportBy?.Date,
            set.LaReviewDecisionBy?.Date,
            set.DraftPlanCommentsBy?.Date,
            named.ToDictionary(p => p.Name, p => p.Deadline!.Reason.English),
            named.ToDictionary(p => p.Name, p => Warn(p.Deadline!)));
    }

    public static IEnumerable<(string Name, Deadline? Deadline)> Named(DeadlineSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        yield return ("contactMediationAdviserBy", set.ContactMediationAdviserBy);
        yield return ("appealBy", set.AppealBy);
        yield return ("certificateDueBy", set.CertificateDueBy);
        yield return ("mediationHeldBy", set.MediationHeldBy);
        yield return ("healthBodiesToldBy", set.HealthBodiesToldBy);
        yield return ("annualReviewInviteBy", set.AnnualReviewInviteBy);
        yield return ("annualReviewAdviceBy", set.AnnualReviewAdviceBy);
        yield return ("annualReviewReportBy", set.AnnualReviewReportBy);
        yield return ("laReviewDecisionBy", set.LaReviewDecisionBy);
        yield return ("draftPlanCommentsBy", set.DraftPlanCommentsBy);
    }

    private static IReadOnlyList<string> Warn(Deadline deadline) =>
        deadline.DependsOnUnpublishedBankHolidays
            ? [.. deadline.Warnings.Select(w => w.English), $"Bank holidays for {string.Join(" and ", deadline.YearsWithoutBankHolidayData)} are not published yet, so this date may move."]
            : [.. deadline.Warnings.Select(w => w.English)];
}

public static class DeadlinesApi
{
    public const string CorsPolicy = "public-read";

    public static IEndpointRouteBuilder MapDeadlinesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/deadlines", GetAsync)
            .AllowAnonymous()
            .RequireCors(CorsPolicy)
            .WithName("GetDeadlines")
            .Produces<DeadlinesResponse>()
            .ProducesValidationProblem();
        return endpoints;
    }

    private static async Task<Results<Ok<DeadlinesResponse>, ValidationProblem>> GetAsync(HttpRequest request, WorkingDayCalendarSource calendars, CancellationToken cancellationToken)
    {
        var query = DeadlineQuery.Parse(request.Query);
        if (query.Input is null)
        {
            return Problem(query.Errors);
        }

        var calculation = (await calendars.CalculatorAsync(cancellationToken)).Calculate(query.Input);
        return calculation.IsValid ? TypedResults.Ok(DeadlinesResponse.From(calculation.Deadlines)) : Problem(calculation.Errors);
    }

    private static ValidationProblem Problem(IReadOnlyList<DeadlineInputError> errors) =>
        TypedResults.ValidationProblem(
            errors.GroupBy(e => e.Parameter).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            detail: string.Join(" ", errors.Select(e => $"{e.Parameter}: {e.Message}.")),
            title: "Some of the dates need correcting");
}
