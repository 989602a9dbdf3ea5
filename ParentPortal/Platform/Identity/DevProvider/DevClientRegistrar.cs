using Microsoft.AspNetCore.Hosting.Server;
using OpenIddict.Abstractions;
using ParentPortal.Platform.Hosting;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ParentPortal.Platform.Identity.DevProvider;

/// <summary>
/// Registers the portal as the provider's client once Kestrel is listening, with redirect addresses
/// for the port it actually got, and for the public address behind a proxy.
/// </summary>
internal sealed class DevClientRegistrar(IServiceProvider services, IServer server, IConfiguration configuration) : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var existing = await manager.FindByClientIdAsync(DevIdentityProviderSetup.ClientId, cancellationToken);
        if (existing is not null)
        {
            await manager.DeleteAsync(existing, cancellationToken);
        }

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = DevIdentityProviderSetup.ClientId,
            ClientType = ClientTypes.Public,
            DisplayName = "ParentPortal (development)",
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Email,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        var publicBase = DeploymentSetup.PublicBaseAddress(configuration);
        foreach (var baseAddress in DevIdentityProviderSetup.BaseAddresses(server).Prepend(publicBase).OfType<string>())
        {
            descriptor.RedirectUris.Add(new Uri(baseAddress + "/signin-oidc"));
            descriptor.PostLogoutRedirectUris.Add(new Uri(baseAddress + "/signout-callback-oidc"));
        }

        await manager.CreateAsync(descriptor, cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
