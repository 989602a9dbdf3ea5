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
        if (options.MaxPerUser < 1 || options.MaxDisconnectedRetained < 0 || options.MaxBufferedRenderBatches < 1 ||
            options.MaxReceiveMessageSize < 1024 || options.DisconnectedRetention < TimeSpan.Zero || options.JSInteropTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                "A Circuits setting is out of range: MaxPerUser and MaxBufferedRenderBatches must be at least 1, MaxReceiveMessageSize at least 1024, " +
                "MaxDisconnectedRetained and DisconnectedRetention not negative, JSInteropTimeout positive. See README.md.");
        }

        return options;
    }
}

/// <summary>How many circuits each signed-in person has open, across the whole instance.</summary>
public sealed class OpenCircuits(CircuitLimitOptions options)
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public int MaxPerUser => options.MaxPerUser;

    /// <summary>Counts one more circuit for <paramref name="subject"/>, unless they already hold the most allowed.</summary>
    public bool TryOpen(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        lock (_lock)
        {
            var open = _counts.GetValueOrDefault(subject);
            if (open >= options.MaxPerUser)
            {
                return false;
            }

            _counts[subject] = open + 1;
            return true;
        }
    }

    public void Close(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        lock (_lock)
        {
            var open = _counts.GetValueOrDefault(subject);
            if (open <= 1)
            {
                _counts.Remove(subject);
            }
            else
            {
                _counts[subject] = open - 1;
            }
        }
    }

    public int CountFor(string subject)
    {
        lock (_lock)
        {
            return _counts.GetValueOrDefault(subject);
        }
    }
}

/// <summary>
/// One per circuit. Counts the circuit against its signed-in person while it is open. One too many is refused: it
/// handles nothing from the browser (no rendering, no events, so it costs next to nothing while it lasts) and the tab
/// is sent to a page that explains, which also ends the circuit. People who are not signed in are not counted.
/// </summary>
public sealed partial class CircuitLimitHandler(
    OpenCircuits openCircuits,
    AuthenticationStateProvider authentication,
    NavigationManager navigation,
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
        if (subject is null)
        {
            return;
        }

        if (openCircuits.TryOpen(subject))
        {
            _countedFor = subject;
            return;
        }

        _refused = true;
        LogRefused(logger, openCircuits.MaxPerUser);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an interactive circuit: the signed-in user already has {MaxPerUser} open.")]
    private static partial void LogRefused(ILogger logger, int maxPerUser);
}
