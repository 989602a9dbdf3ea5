using Microsoft.AspNetCore.Components;

namespace ParentPortal.Features.Apply.Components;

/// <summary>
/// The journey's pages live at /apply/{id}/... for the family and /advisers/applications/{id}/... for an
/// adviser filling it in over the phone: the same pages, the same handlers and checks.
/// </summary>
public sealed record JourneyPaths(Guid Id, bool ForStaff)
{
    public static JourneyPaths From(NavigationManager navigation, Guid id)
    {
        ArgumentNullException.ThrowIfNull(navigation);
        return new(id, navigation.ToBaseRelativePath(navigation.Uri).StartsWith("advisers/", StringComparison.OrdinalIgnoreCase));
    }

    public string Base => ForStaff ? $"advisers/applications/{Id}" : $"apply/{Id}";

    public string Step(string key) => $"{Base}/{key}";

    public string CheckAnswers => $"{Base}/check-answers";

    public string Confirmation => $"{Base}/confirmation";

    /// <summary>Where "Save and come back later" goes: the family's list, or the case for an adviser.</summary>
    public string Home => ForStaff ? $"advisers/cases/{Id}" : "applications";
}
