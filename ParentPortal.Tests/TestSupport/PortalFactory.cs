using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ParentPortal.Tests.TestSupport;

/// <summary>
/// The real portal, started in the test process on Kestrel at a loopback port, with its real
/// development OpenID provider and a real database. Only the clock can be swapped.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;
    private readonly string _environment;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly FakeTimeProvider? _clock;
    private readonly CapturedLogs? _logs;
    private readonly Action<IServiceCollection>? _services;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CapturedLogs> ProblemsByAuthority = new();

    /// <summary>Warnings and errors the portal logged, whatever its log settings: a timed-out browser test prints them.</summary>
    public CapturedLogs Problems { get; } = new(LogLevel.Warning);

    /// <param name="logs">Also receives everything logged at its level or above, whatever the portal's log settings.</param>
    /// <param name="services">Adds to the portal's services after its own (a test's job, an in-memory telemetry exporter).</param>
    public PortalFactory(
        TestDatabase database,
        int port = 0,
        string environment = "Development",
        IReadOnlyDictionary<string, string?>? settings = null,
        FakeTimeProvider? clock = null,
        CapturedLogs? logs = null,
        bool listenOnEveryAddress = false,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        _database = database;
        _environment = environment;
        _settings = settings ?? new Dictionary<string, string?>();
        _clock = clock;
        _logs = logs;
        if (listenOnEveryAddress)
        {
            UseKestrel(options => options.ListenAnyIP(port));
        }
        else
        {
            UseKestrel(port);
        }
    }

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var uri = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal) + "/");
            ProblemsByAuthority[uri.Authority] = Problems;
            return uri;
        }
    }

    /// <summary>Where the development message sender writes this portal's e-mails.</summary>
    public string OutboxFolder { get; } = Path.Combine(Path.GetTempPath(), "parentportal-tests", "outbox-" + Guid.NewGuid().ToString("N"));

    /// <summary>The last warnings and errors logged by the portal a page is on, for a timed-out test's message.</summary>
    public static string RecentProblems(string pageUrl, int count = 15) =>
        Uri.TryCreate(pageUrl, UriKind.Absolute, out var uri) && ProblemsByAuthority.TryGetValue(uri.Authority, out var logs)
            ? string.Join(Environment.NewLine, logs.Entries.TakeLast(count))
            : "(no portal logs for this address)";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A client that keeps cookies and does not follow redirects, for checking each hop.</summary>
    public HttpClient CreateHttpClient(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = BaseAddress,
        };

    /// <summary>
    /// Errors the portal logged (an unhandled exception in a circuit, a failed request) are appended to
    /// artifacts/portal-errors.log when it stops; ./test.sh prints the end of that file when a run fails, so a failure on
    /// CI that showed only "Something went wrong" in the browser still says what went wrong on the server.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        var errors = Problems.Entries.Where(e => e.Level >= LogLevel.Error).ToList();
        if (errors.Count > 0)
        {
            var text = $"--- {DateTimeOffset.UtcNow:O} portal {string.Join(" ", ProblemsByAuthority.Where(p => p.Value == Problems).Select(p => p.Key))}{Environment.NewLine}"
                + string.Join(Environment.NewLine, errors.Select(e => e.ToString().Length > 4000 ? e.ToString()[..4000] : e.ToString())) + Environment.NewLine;
            lock (ErrorFileLock)
            {
                File.AppendAllText(RepositoryPaths.Artifacts("portal-errors.log"), text);
            }
        }

        await base.DisposeAsync();
    }

    private static readonly Lock ErrorFileLock = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(_environment);
        // UseSetting (not ConfigureAppConfiguration) so the values are there while Program.cs reads them.
        builder.UseSetting("ConnectionStrings:Portal", _database.ConnectionString);
        builder.UseSetting("Database:Provider", _database.Provider.ToString());
        builder.UseSetting("Messaging:Folder", OutboxFolder);
        // The repository's Development settings seed hundreds of demo cases; a test asks for them by name.
        builder.UseSetting("Database:SeedVolumes", "false");
        // The retention clean-up deletes by age; a test that wants it runs RetentionJob itself.
        builder.UseSetting("Retention:JobEnabled", "false");
        // The staff digest goes out at 8am on working days by the real clock; a test that wants it runs StaffDigestJob itself.
        builder.UseSetting("Messaging:StaffDigestEnabled", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // A browser holding a circuit open would otherwise make every shutdown wait the default 30 s.
        builder.ConfigureServices(services => services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2)));
        builder.ConfigureLogging(logging => logging.AddProvider(Problems).AddFilter<CapturedLogs>(null, LogLevel.Warning));
        if (_logs is not null)
        {
            // A rule for this provider alone: the portal's own Logging:LogLevel settings then do not apply to it.
            builder.ConfigureLogging(logging => logging.AddProvider(_logs).AddFilter<CapturedLogs>(null, _logs.MinimumLevel));
        }

        if (_clock is not null)
        {
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock)));
        }

        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }
}
