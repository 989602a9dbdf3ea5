using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ParentPortal.Domain.Cases;
using ParentPortal.Platform.Access;

namespace ParentPortal.Platform.Cases;

/// <summary>Where on a case's pages a panel from another feature is shown.</summary>
public enum CasePanelPlace
{
    /// <summary>The staff case page, with the family's details (for example the invitation to take over a phone application).</summary>
    StaffFamily,

    /// <summary>The staff case page, its documents.</summary>
    StaffDocuments,

    /// <summary>The staff case page, work for the case done elsewhere (for example booking an information session for the family).</summary>
    StaffLinks,

    /// <summary>The family's "Your applications", under each application they have sent.</summary>
    FamilyCase,
}

/// <summary>
/// What a panel knows of the case it is shown on: enough to decide what to show. It loads anything else through its own
/// feature's handlers, which check who is asking again. <paramref name="Can"/> is null on the family's pages.
/// </summary>
/// <param name="Clocks">The keys of the statutory clocks running (see <see cref="CaseClocks"/>), e.g. "certificate".</param>
/// <param name="Loaded">Changes each time the page reloads the case, so a panel knows to reload too.</param>
public sealed record CasePanelContext(Guid CaseId, string Reference, string Route, CaseStage Stage, CaseCapabilities? Can, bool AwaitingFamilyClaim, IReadOnlySet<string> Clocks, int Loaded = 0);

/// <summary>A panel: a component with a <c>Case</c> parameter and, on staff pages, an <c>OnChanged</c> callback with the message to show.</summary>
public abstract class CasePanel : ComponentBase
{
    [Parameter, EditorRequired]
    public CasePanelContext Case { get; set; } = default!;

    /// <summary>The panel changed the case: the page shows the message and reloads.</summary>
    [Parameter]
    public EventCallback<string> OnChanged { get; set; }
}

/// <summary>
/// The panels features add to a case's pages. A feature never renders another feature's component by its type: it adds its
/// own panel here (<see cref="CasePanelsSetup.AddCasePanel{TPanel}"/>) and the page shows what is registered for each place,
/// in order, so Cases, Documents, Advisers and Booking meet on one page without knowing each other.
/// </summary>
public sealed class CasePanels(IEnumerable<CasePanels.Registration> registrations)
{
    private readonly Registration[] _all = [.. registrations.OrderBy(r => r.Order)];

    public IEnumerable<Type> For(CasePanelPlace place) => _all.Where(r => r.Place == place).Select(r => r.Panel);

    public sealed record Registration(CasePanelPlace Place, Type Panel, int Order);
}

public static class CasePanelsSetup
{
    public static IServiceCollection AddCasePanel<TPanel>(this IServiceCollection services, CasePanelPlace place, int order = 0)
        where TPanel : CasePanel
    {
        services.AddSingleton(new CasePanels.Registration(place, typeof(TPanel), order));
        services.TryAddSingleton<CasePanels>();
        return services;
    }
}
