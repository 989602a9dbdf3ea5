using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ParentPortal.Platform.Identity.DevProvider;

/// <summary>
/// The development provider signs anyone in as anyone: it runs only while the portal listens on loopback addresses,
/// so a machine that has it switched on is never reachable from the network with it. Checked once Kestrel knows its
/// addresses; the portal then refuses to start.
/// </summary>
public sealed class LoopbackOnlyGuard(IServer server) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.Where(a => !IsLoopback(a)).ToList();
        if (exposed.Count > 0)
        {
            throw new InvalidOperationException(
                $"{DevIdentityProviderSetup.ConfigurationKey} is true but the portal listens on {string.Join(", ", exposed)}. " +
                "The development sign-in provider lets anyone sign in as anyone, so it only runs on loopback addresses (127.0.0.1, ::1, localhost).");
        }

        return Task.CompletedTask;
    }

    /// <summary>Whether a Kestrel address (such as <c>http://127.0.0.1:5000</c>, <c>http://[::]:80</c> or <c>http://+:80</c>) is loopback only.</summary>
    public static bool IsLoopback(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var host = address.Contains("://", StringComparison.Ordinal) ? address[(address.IndexOf("://", StringComparison.Ordinal) + 3)..] : address;
        host = host.Split('/')[0];
        if (host.StartsWith('['))
        {
            host = host[1..host.IndexOf(']', StringComparison.Ordinal)];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            host = host[..host.LastIndexOf(':')];
        }

        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
