using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using ParentPortal.Platform.Identity;

namespace ParentPortal.Platform.Security;

/// <summary>
/// Settings under <c>Circuits</c>: the limits on interactive server rendering from Microsoft's threat-mitigation
/// guidance. Each interactive tab holds a circuit (state in the server's memory) for as long as it is open.
/// </summary>
public sealed class CircuitLimitOptions
{
    public const string Section = "Circuits";

    /// <summary>Open circuits (tabs and windows, including ones just disconnected) one signed-in person may hold.</summary>
    public int MaxPerUser { get; set; } = 10;

    /// <summary>Open circuits of visitors who are not signed in, from one network address (a school or office shares one).</summary>
    public int MaxPerAnonymousAddress { get; set; } = 30;

    /// <summary>Open circuits of visitors who are not signed in, across everyone: the public pages cannot fill the server.</summary>
    public int MaxAnonymous { get; set; } = 1000;

    /// <summary>How long a disconnected circuit is kept for its tab to reconnect.</summary>
    public TimeSpan DisconnectedRetention { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Disconnected circuits kept at once, across everyone; the oldest go first.</summary>
    public int MaxDisconnectedRetained { get; set; } = 100;

    public TimeSpan JSInteropTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Render batches sent and not yet acknowledged before the server waits for the browser.</summary>
    public int MaxBufferedRenderBatches { get; set; } = 10;

    /// <summary>The largest message a browser may send over the circuit, in bytes.</summary>
    public long MaxReceiveMessageSize { get; set; } = 32 * 1024;

    public static CircuitLimitOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(Section).Get<CircuitLimitOptions>() ?? new CircuitLimitOptions();
        if (options.MaxPerUser < 1 || options.MaxPerAnonymousAddress < 1 || options.MaxAnonymous < options.MaxPerAnonymousAddress || options.MaxDisconnectedRetained < 0 || options.MaxBufferedRenderBatches < 1 ||
            options.MaxReceiveMessageSize < 1024 || options.DisconnectedRetention < TimeSpan.Zero || options.JSInteropTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                "A Circuits setting is out of range: MaxPerUser, MaxPerAnonymousAddress and MaxBufferedRenderBatches must be at least 1, MaxAnonymous at least MaxPerAnonymousAddress, MaxReceiveMessageSize at least 1024, " +
                "MaxDisconnectedRetained and DisconnectedRetention not negative, JSInteropTimeout positive. See README.md.");
        }

        return options;
    }
}

/// <summary>
/// How many circuits each signed-in person, and each network address of visitors who are not signed in, has open across
/// the whole instance, and how many visitors' circuits are open in all.
/// </summary>
public sealed class OpenCircuits(CircuitLimitOptions options)
{
    private const string AnonymousPrefix = "address:";
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _anonymous;

    public int MaxPerUser => options.MaxPerUser;

    /// <summary>The key a visitor who is not signed in is counted under: their network address.</summary>
    public static string AnonymousKey(string? address) => AnonymousPrefix + (string.IsNullOrEmpty(address) ? "unknown" : address);

    /// <summary>
    /// Counts one more circuit for <paramref name="key"/> (a person's subject, or <see cref="AnonymousKey"/>), unless they
    /// already hold the most allowed (or, for visitors, all visitors together do).
    /// </summary>
    public bool TryOpen(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var anonymous = key.StartsWith(AnonymousPrefix, StringComparison.Ordinal);
        lock (_lock)
        {
            var open = _counts.GetValueOrDefault(key);
            if (open >= (anonymous ? options.MaxPerAnonymousAddress : options.MaxPerUser) || (anonymous && _anonymous >= options.MaxAnonymous))
            {
                return false;
            }

            _counts[key] = open + 1;
            if (anonymous)
            {
                _anonymous++;
            }

            return true;
        }
    }

    public void Close(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            var open = _counts.GetValueOrDefault(key);
            if (open == 0)
            {
                return;
            }

            if (key.StartsWith(AnonymousPrefix, StringComparison.Ordinal))
            {
                _anonymous--;
            }

            if (open == 1)
            {
                _counts.Remove(key);
            }
            else
            {
                _counts[key] = open - 1;
            }
        }
    }

    public int CountFor(string key)
    {
        lock (_lock)
        {
            return _counts.GetValueOrDefault(key);
        }
    }

    public int Anonymous
    {
        get
        {
            lock (_lock)
            {
                return _anonymous;
            }
        }
    }
}

/// <summary>
/// One per circuit. Counts the circuit against its signed-in person, or for a visitor who is not signed in against their
/// network address (and all visitors together), while it is open. One too many is refused: it handles nothing from the
/// browser (no rendering, no events, so it costs next to nothing while it lasts) and the tab is sent to a page that
/// explains, which also ends the circuit. The address is the connection's, after the forwarded-headers middleware (so
/// behind the proxy, the visitor's own when the proxy is listed in ForwardedHeaders:KnownProxies).
/// </summary>
public sealed partial class CircuitLimitHandler(
    OpenCircuits openCircuits,
    AuthenticationStateProvider authentication,
    NavigationManager navigation,
    IHttpContextAccessor connection,
    ILogger<CircuitLimitHandler> logger) : CircuitHandler
{
    public const string RefusedPath = "/too-many-windows";

    private string? _countedFor;
    private bool _refused;

    public bool Refused => _refused;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // The circuit's authentication state is set from the connection's user before circuit handlers run.
        var subject = (await authentication.GetAuthenticationStateAsync()).User.Subject();
        var key = subject ?? OpenCircuits.AnonymousKey(connection.HttpContext?.Connection.RemoteIpAddress?.ToString());
        if (openCircuits.TryOpen(key))
        {
            _countedFor = key;
            return;
        }

        _refused = true;
        LogRefused(logger, subject is null ? "a visitor who is not signed in" : "a signed-in person");
        var here = "/" + navigation.ToBaseRelativePath(navigation.Uri);
        navigation.NavigateTo(RefusedPath + "?returnUrl=" + Uri.EscapeDataString(LocalReturnUrl.Sanitize(here)), forceLoad: true, replace: true);
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_countedFor is { } subject)
        {
            openCircuits.Close(subject);
            _countedFor = null;
        }

        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context => _refused ? Task.CompletedTask : next(context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an interactive circuit for {Who}: the limit on open circuits was reached.")]
    private static partial void LogRefused(ILogger logger, string who);
}
