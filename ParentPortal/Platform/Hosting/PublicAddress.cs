using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ParentPortal.Platform.Hosting;

/// <summary>
/// The portal's own address for anything printed or e-mailed (a document's verification link): <c>Portal:PublicBaseUrl</c>,
/// which start-up requires outside Development. Never the address a request or a browser claims: whoever signs an
/// agreement last would otherwise choose the link printed on it. In Development without the setting it is the address
/// the portal listens on.
/// </summary>
public sealed class PublicAddress(IConfiguration configuration, IServiceProvider services)
{
    private const string Fallback = "http://localhost";

    /// <summary>Scheme, host and port without a trailing slash, e.g. <c>https://mediation.example.org</c>.</summary>
    public string Root => DeploymentSetup.PublicBaseAddress(configuration) ?? Listening() ?? Fallback;

    /// <summary>An absolute address for a path on the portal, e.g. <c>/verify/ABCD</c>.</summary>
    public string For(string path) => Root + "/" + path.TrimStart('/');

    private string? Listening()
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses?.FirstOrDefault()?.Replace("[::1]", "localhost", StringComparison.Ordinal).TrimEnd('/');
    }
}
