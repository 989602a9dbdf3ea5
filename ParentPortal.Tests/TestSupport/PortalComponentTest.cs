using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using ParentPortal.Features.Apply;
using ParentPortal.Platform.Identity;
using ParentPortal.Platform.Settings;

namespace ParentPortal.Tests.TestSupport;

/// <summary>
/// bUnit set up once for MudBlazor and the portal: loose JS interop, MudBlazor services, the portal's
/// real authorization policies, and a real seeded SQLite database behind the data services.
/// </summary>
public abstract class PortalComponentTest : BunitContext, IClassFixture<SeededDatabase>, IAsyncLifetime
{
    private readonly SignedInUser _user = new();

    protected PortalComponentTest(SeededDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        // The portal's real policies and authorization service, replacing bUnit's placeholders.
        Services.AddAuthorizationCore();
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationService, DefaultAuthorizationService>());
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>());
        PortalPolicies.AddTo(new AuthorizationBuilder(Services));
        Services.Replace(ServiceDescriptor.Singleton<AuthenticationStateProvider>(_user));
        Services.AddCascadingAuthenticationState();
        Services.AddSingleton<AntiforgeryStateProvider>(new FixedAntiforgeryState());
        Services.AddSingleton(database.Services.GetRequiredService<ServiceDirectory>());
        Services.AddSingleton(database.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ParentPortal.Data.PortalDbContext>>());
        Services.AddSingleton(TimeProvider.System);
        Services.AddLogging();
        global::ParentPortal.Platform.Localisation.LocalisationSetup.AddPortalLocalisation(Services, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        foreach (var descriptor in database.ApplicationServices)
        {
            Services.Add(descriptor);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are only asynchronously disposable.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    /// <summary>Signs a user in for the components under test, with staff roles as the portal would add them.</summary>
    protected void SignIn(string subject, string name, params string[] roles) => _user.Set(subject, name, roles);

    private sealed class SignedInUser : AuthenticationStateProvider
    {
        private ClaimsPrincipal _principal = new(new ClaimsIdentity());

        public void Set(string subject, string name, string[] roles)
        {
            var identity = new ClaimsIdentity([new Claim("sub", subject), new Claim("name", name)], "test", "name", PortalRoles.ClaimType);
            identity.AddClaims(roles.Select(r => new Claim(PortalRoles.ClaimType, r)));
            _principal = new ClaimsPrincipal(identity);
            NotifyAuthenticationStateChanged(GetAuthenticationStateAsync());
        }

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(_principal));
    }

    private sealed class FixedAntiforgeryState : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}

/// <summary>A migrated, seeded SQLite database with the portal's data services, shared by one test class.</summary>
public sealed class SeededDatabase : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private Microsoft.AspNetCore.Builder.WebApplication? _app;

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>The database file, for a test that locks it from another process.</summary>
    public string FilePath => _database.FilePath;

    public async Task InitializeAsync() =>
        _app = await PortalServices.BuildInitializedAsync(
            _database,
            addFeatures: builder =>
            {
                builder.Configuration["Applications:RetentionJobEnabled"] = "false";
                builder.AddPortalApply();
            });

    /// <summary>The application feature's handlers, resolved from this database's services, for components that use them.</summary>
    public IEnumerable<ServiceDescriptor> ApplicationServices =>
    [
        ServiceDescriptor.Singleton(Services.GetRequiredService<ParentPortal.Platform.Settings.TriageContextSource>()),
        ServiceDescriptor.Singleton(Services.GetRequiredService<ParentPortal.Platform.Calendar.WorkingDayCalendarSource>()),
        ServiceDescriptor.Transient(_ => Services.GetRequiredService<ParentPortal.Features.Apply.GetApplicationHandler>()),
        ServiceDescriptor.Transient(_ => Services.GetRequiredService<ParentPortal.Features.Apply.SaveStepHandler>()),
        ServiceDescriptor.Transient(_ => Services.GetRequiredService<ParentPortal.Features.Apply.StartApplicationHandler>()),
        ServiceDescriptor.Transient(_ => Services.GetRequiredService<ParentPortal.Features.Apply.SubmitApplicationHandler>()),
        ServiceDescriptor.Transient(_ => Services.GetRequiredService<ParentPortal.Features.Apply.ListApplicationsHandler>()),
    ];

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
