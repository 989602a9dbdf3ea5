using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using ParentPortal.Components.Shared;
using ParentPortal.Domain.Triage;

namespace ParentPortal.Features.Admin.Settings;

/// <summary>Carries "saved" messages from a settings form to the page it returns to, within one circuit.</summary>
public sealed class SettingsNotice
{
    private string? _message;

    public void Set(string? message) => _message = message;

    public string? Take()
    {
        var message = _message;
        _message = null;
        return message;
    }
}

/// <summary>
/// What every settings page shares: the signed-in user, one submit at a time, field errors with a
/// focused error summary, and the message a previous page left.
/// </summary>
public abstract class SettingsPage : ComponentBase
{
    private bool _focusSummary;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private SettingsNotice Notice { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>Set by the page with <c>@ref</c>, so a failed submit can move focus to it.</summary>
    protected ErrorSummary? Summary { get; set; }

    protected string? Message { get; private set; }

    protected bool Busy { get; private set; }

    /// <summary>The page's own path, for the error summary's links.</summary>
    protected string PagePath => Navigation.ToBaseRelativePath(Navigation.Uri);

    protected string TitlePrefix => Errors.Count > 0 ? "Error: " : "";

    protected string? Error(string key) => Errors.For(key);

    protected async Task<ClaimsPrincipal> UserAsync() => (await AuthenticationState).User;

    protected override void OnInitialized() => Message = Notice.Take();

    /// <summary>
    /// Runs one change; on success goes to <paramref name="returnTo"/> with the handler's message. A full
    /// reload (<paramref name="forceLoad"/>) starts a new circuit, so the message does not travel with it.
    /// </summary>
    protected async Task SubmitAsync(Func<ClaimsPrincipal, Task<SettingsResult>> change, string returnTo, bool forceLoad = false)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Busy)
        {
            return;
        }

        Busy = true;
        try
        {
            var result = await change(await UserAsync());
            if (result.Succeeded)
            {
                Notice.Set(result.Message);
                Navigation.NavigateTo(returnTo, forceLoad);
                return;
            }

            Errors = result.Errors;
            _focusSummary = true;
        }
        finally
        {
            Busy = false;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusSummary && Summary is not null)
        {
            _focusSummary = false;
            await Summary.FocusAsync();
        }
    }
}
