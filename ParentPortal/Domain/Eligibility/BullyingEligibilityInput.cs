namespace ParentPortal.Domain.Eligibility;

/// <summary>The complaint stages completed so far; <c>ReferredBySchool</c> because schools can refer cases they could not resolve.</summary>
public sealed record BullyingEligibilityInput(
    IReadOnlyCollection<CompletedComplaintStage> CompletedStages,
    bool RacistIncidents,
    bool ReferredBySchool = false);
