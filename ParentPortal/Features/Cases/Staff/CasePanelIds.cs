using System.Security.Claims;
using ParentPortal.Platform.Cases;

namespace ParentPortal.Features.Cases.Staff;

/// <summary>The case page's field ids: "c-" + the handler's field key, so the error summary links to the field.</summary>
public static class CasePanelIds
{
    public const string Prefix = "c-";
}

/// <summary>How a panel on the case page runs its action through the page (one at a time, errors shown, the case reloaded after).</summary>
/// <param name="fieldKey">Renames a handler's field keys for a panel whose field has another id.</param>
public delegate Task<bool> CaseAction(Func<ClaimsPrincipal, Task<CaseChangeResult>> action, Func<string, string>? fieldKey = null);
