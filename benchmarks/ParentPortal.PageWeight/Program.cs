using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using ParentPortal.LoadRun;

// Page weight and cost per request, as a published build serves them (issue 18, items 2 and 4). Not part of ./test.sh;
// see docs/load-run.md ("Page weight").
//
//   1. Publishes the portal (dotnet publish -c Release) and starts it in Production on a new SQLite file.
//   2. Puts the repository's nginx file in front of it, with TLS (a self-signed certificate made for the run) on loopback.
//   3. Opens the start page in a new Chromium profile and counts the bytes that came over the network (Chrome DevTools
//      Protocol: Network.loadingFinished's encodedDataLength, which is headers and body as sent, compressed), then
//      follows the header's "Check deadlines" link (a second page, as a family moves on) and counts again.
//   4. Asks the portal directly (no nginx) for the start page, /deadlines with a date and /api/deadlines many times and
//      divides the portal process's CPU time by the number of requests.
//
//   --requests N   requests per address for the CPU figures (default 2000, after 200 to warm up)
//   --publish DIR  use an existing publish folder instead of publishing
//   --out FILE     also write the report there (default artifacts/page-weight/<time>.md)
var options = Options.Parse(args);
var root = FindRoot();
var work = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "parentportal-pageweight-" + Guid.NewGuid().ToString("N"))).FullName;
var report = new StringBuilder();
void Line(string text)
{
    Console.WriteLine(text);
    report.AppendLine(text);
}

try
{
    var publish = options.Publish ?? await PublishAsync(root, Path.Combine(work, "publish"));
    Console.WriteLine("Watching the machine for 10 s before starting...");
    var quietness = await Machine.QuietnessAsync(TimeSpan.FromSeconds(10));

    var portalPort = FreePort();
    var proxyPort = FreePort();
    var publicAddress = new Uri($"https://127.0.0.1:{proxyPort}/");
    var settings = new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Database:Provider"] = "Sqlite",
        ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(work, "portal.db")}",
        ["Messaging:Folder"] = Path.Combine(work, "outbox"),
        // Nobody signs in here; the handler reads the provider's metadata only when someone does.
        ["Authentication:OpenIdConnect:Authority"] = "https://sign-in.invalid/",
        ["Authentication:OpenIdConnect:ClientId"] = "page-weight",
        ["ForwardedHeaders:KnownProxies"] = "127.0.0.1",
        ["Portal:PublicBaseUrl"] = publicAddress.ToString().TrimEnd('/'),
        ["Logging:LogLevel:Default"] = "Warning",
        ["RateLimits:SignInPerMinute"] = "100000",
    };
    Console.WriteLine("Starting the published portal (Release, Production, SQLite)...");
    await using var portal = await PortalInstance.StartAsync(Path.Combine(publish, "ParentPortal.dll"), publish, portalPort, settings);
    await using var proxy = await TlsProxy.StartAsync(root, work, proxyPort, portal.BaseAddress);

    Line($"# Page weight and cost per request, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
    Line("");
    Line($"- Machine: {Machine.Describe()}");
    Line($"- Before the run: {quietness}");
    Line($"- Portal: `dotnet publish -c Release`, ASPNETCORE_ENVIRONMENT=Production, SQLite; behind `deploy/nginx/parentportal.conf` ({TlsProxy.Version()}) with TLS and HTTP/2 on loopback");
    Line($"- Command: `dotnet run -c Release --project benchmarks/ParentPortal.PageWeight`{(args.Length > 0 ? " -- " + string.Join(' ', args) : "")}");
    Line("");

    await MeasureWeightAsync(publicAddress, Line);
    await MeasureCpuAsync(portal, options.Requests, Line);

    var outFile = options.Out ?? Path.Combine(root, "artifacts", "page-weight", $"{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.md");
    Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);
    await File.WriteAllTextAsync(outFile, report.ToString());
    Console.WriteLine($"Report: {outFile}");
    return 0;
}
finally
{
    try
    {
        Directory.Delete(work, recursive: true);
    }
    catch (IOException)
    {
        // A file still held open by a process that is stopping: the temporary folder is cleaned up by the system.
    }
}

static async Task MeasureWeightAsync(Uri publicAddress, Action<string> line)
{
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Headless = true });
    await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = publicAddress.ToString(), IgnoreHTTPSErrors = true });
    var page = await context.NewPageAsync();
    var network = await NetworkTally.StartAsync(context, page);

    await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
    var first = network.TakeAll();

    await page.GetByRole(AriaRole.Link, new() { Name = "Check deadlines" }).First.ClickAsync();
    // The page's own heading, not the address: an interactive page changes the address before it asks the server.
    await page.GetByRole(AriaRole.Heading, new() { Name = "Check your appeal and mediation deadlines" }).WaitForAsync();
    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    var second = network.TakeAll();

    await page.GotoAsync("/privacy", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
    var third = network.TakeAll();

    line("## Bytes over the network (Chromium, new profile)");
    line("");
    line("Each row: what was transferred (headers and body as sent, compressed) for one request; the totals are what the targets count.");
    line("");
    foreach (var (title, requests, target) in new[]
             {
                 ("First visit: the start page, new profile", first, 150),
                 ("Second page: the header's \"Check deadlines\" link", second, 30),
                 ("Third page, loaded in full (the address typed): /privacy", third, 30),
             })
    {
        var total = requests.Sum(r => r.Bytes);
        line($"### {title}: **{Kb(total)} KB** (target at most {target} KB: {(total <= target * 1024 ? "met" : $"misses by {Kb(total - (target * 1024))} KB")})");
        line("");
        line("| Request | Type | Encoding | Cache | KB |");
        line("|---|---|---|---|---|");
        foreach (var request in requests.OrderByDescending(r => r.Bytes))
        {
            line($"| `{Shorten(request.Url)}` | {request.Type} | {request.Encoding} | {request.Cache} | {Kb(request.Bytes)} |");
        }

        line("");
    }
}

static async Task MeasureCpuAsync(PortalInstance portal, int requests, Action<string> line)
{
    var today = DateOnly.FromDateTime(DateTime.UtcNow);
    var letter = today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    var addresses = new[]
    {
        ("The start page", "/"),
        ("The deadline checker, empty", "/deadlines"),
        ("The deadline checker, with a decision letter date", $"/deadlines?decisionLetterSent={letter}"),
        ("The JSON API, with a decision letter date", $"/api/deadlines?decisionLetterSent={letter}"),
    };
    using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 4, AutomaticDecompression = DecompressionMethods.None };
    using var client = new HttpClient(handler) { BaseAddress = portal.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    line("## Server CPU per request (the portal directly, 4 connections)");
    line("");
    line($"The portal process's CPU time (user and system, from /proc) over {requests} requests, after 200 to warm up.");
    line("");
    line("| Address | CPU per request | Wall time per request | Response |");
    line("|---|---|---|---|");
    foreach (var (title, address) in addresses)
    {
        await HammerAsync(client, address, 200);
        var cpuBefore = portal.CpuTime();
        var clock = Stopwatch.StartNew();
        var status = await HammerAsync(client, address, requests);
        var cpu = portal.CpuTime() - cpuBefore;
        var wall = clock.Elapsed;
        line(string.Create(CultureInfo.InvariantCulture,
            $"| {title}: `{address.Replace(letter, "<10 days ago>", StringComparison.Ordinal)}` | **{cpu.TotalMilliseconds / requests:0.00} ms** | {wall.TotalMilliseconds / requests * 4:0.00} ms | {status} |"));
    }

    line("");
    line("Target (issue 18): the start page and /deadlines at most 2 ms of server CPU per request.");
}

static async Task<string> HammerAsync(HttpClient client, string address, int count)
{
    var next = -1;
    var statuses = new System.Collections.Concurrent.ConcurrentDictionary<HttpStatusCode, int>();
    var length = 0L;
    await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
    {
        while (Interlocked.Increment(ref next) < count)
        {
            using var response = await client.GetAsync(new Uri(address, UriKind.Relative));
            var body = await response.Content.ReadAsByteArrayAsync();
            Interlocked.Exchange(ref length, body.Length);
            statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
        }
    }));
    return string.Join(", ", statuses.Select(s => $"{(int)s.Key} x{s.Value}")) + $", {Kb(length)} KB uncompressed";
}

static async Task<string> PublishAsync(string root, string output)
{
    Console.WriteLine("Publishing the portal (Release)...");
    var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in new[] { "publish", Path.Combine(root, "ParentPortal", "ParentPortal.csproj"), "-c", "Release", "-o", output, "--nologo" })
    {
        start.ArgumentList.Add(argument);
    }

    using var process = Process.Start(start)!;
    var stdout = process.StandardOutput.ReadToEndAsync();
    var stderr = process.StandardError.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"dotnet publish failed:\n{await stdout}\n{await stderr}");
    }

    return output;
}

static string Kb(long bytes) => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);

static string Shorten(string url)
{
    var path = new Uri(url).PathAndQuery;
    return path.Length > 70 ? path[..67] + "..." : path;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string FindRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ParentPortal.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? throw new InvalidOperationException("Cannot find ParentPortal.sln above " + AppContext.BaseDirectory);
}

internal sealed record Options(int Requests, string? Publish, string? Out)
{
    public static Options Parse(string[] args)
    {
        var requests = 2000;
        string? publish = null, output = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--requests":
                    requests = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--publish":
                    publish = Path.GetFullPath(args[++i]);
                    break;
                case "--out":
                    output = Path.GetFullPath(args[++i]);
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}. Options: --requests N, --publish DIR, --out FILE.");
            }
        }

        return new Options(requests, publish, output);
    }
}

/// <summary>One request's transfer, from the DevTools protocol.</summary>
internal sealed record Transfer(string Url, string Type, string Encoding, string Cache, long Bytes);

/// <summary>Counts what the page's requests transferred, from Chrome DevTools Protocol network events.</summary>
internal sealed class NetworkTally
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Url, string Type, string Encoding, string Cache)> _responses = [];
    private readonly List<Transfer> _finished = [];

    private NetworkTally()
    {
    }

    public static async Task<NetworkTally> StartAsync(IBrowserContext context, IPage page)
    {
        var tally = new NetworkTally();
        var session = await context.NewCDPSessionAsync(page);
        session.Event("Network.responseReceived").OnEvent += (_, e) => tally.Response(e);
        session.Event("Network.loadingFinished").OnEvent += (_, e) => tally.Finished(e);
        session.Event("Network.requestServedFromCache").OnEvent += (_, e) => tally.FromCache(e);
        await session.SendAsync("Network.enable");
        return tally;
    }

    /// <summary>Every request finished since the last call, once the page has gone quiet.</summary>
    public IReadOnlyList<Transfer> TakeAll()
    {
        lock (_gate)
        {
            var all = _finished.ToList();
            _finished.Clear();
            return all;
        }
    }

    private void Response(JsonElement? e)
    {
        if (e is not { } value)
        {
            return;
        }

        var response = value.GetProperty("response");
        var headers = response.GetProperty("headers");
        var encoding = headers.EnumerateObject().FirstOrDefault(h => h.Name.Equals("content-encoding", StringComparison.OrdinalIgnoreCase)).Value;
        var cache = headers.EnumerateObject().FirstOrDefault(h => h.Name.Equals("cache-control", StringComparison.OrdinalIgnoreCase)).Value;
        var fromCache = response.TryGetProperty("fromDiskCache", out var disk) && disk.GetBoolean() ? "from disk cache; " : "";
        lock (_gate)
        {
            _responses[value.GetProperty("requestId").GetString()!] = (
                response.GetProperty("url").GetString()!,
                value.GetProperty("type").GetString()!,
                encoding.ValueKind == JsonValueKind.String ? encoding.GetString()! : "none",
                fromCache + (cache.ValueKind == JsonValueKind.String ? cache.GetString()! : "no cache-control"));
        }
    }

    private void FromCache(JsonElement? e)
    {
        if (e is { } value && value.TryGetProperty("requestId", out var id))
        {
            lock (_gate)
            {
                if (_responses.TryGetValue(id.GetString()!, out var response))
                {
                    _responses[id.GetString()!] = response with { Cache = "from memory cache; " + response.Cache };
                }
            }
        }
    }

    private void Finished(JsonElement? e)
    {
        if (e is not { } value)
        {
            return;
        }

        var id = value.GetProperty("requestId").GetString()!;
        var bytes = (long)value.GetProperty("encodedDataLength").GetDouble();
        lock (_gate)
        {
            var (url, type, encoding, cache) = _responses.GetValueOrDefault(id, ("(no response)", "?", "?", "?"));
            if (url.StartsWith("data:", StringComparison.Ordinal))
            {
                return;
            }

            _finished.Add(new Transfer(url, type, encoding, cache, bytes));
        }
    }
}

/// <summary>
/// Debian's nginx as its own process with the repository's <c>deploy/nginx/parentportal.conf</c>, listening with TLS
/// (a self-signed certificate for 127.0.0.1 made here) and passing to one portal instance.
/// </summary>
internal sealed class TlsProxy : IAsyncDisposable
{
    private const string NginxPath = "/usr/sbin/nginx";
    private readonly Process _process;

    private TlsProxy(Process process) => _process = process;

    public static string Version()
    {
        var start = new ProcessStartInfo(NginxPath, "-v") { RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var text = process.StandardError.ReadToEnd().Trim();
        process.WaitForExit();
        return text.Replace("nginx version: ", "", StringComparison.Ordinal);
    }

    public static async Task<TlsProxy> StartAsync(string root, string work, int port, Uri instance)
    {
        if (!File.Exists(NginxPath))
        {
            throw new InvalidOperationException($"{NginxPath} is missing: apt-get install nginx (./test.sh installs it).");
        }

        var directory = Directory.CreateDirectory(Path.Combine(work, "nginx")).FullName;
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllTextAsync(Path.Combine(directory, "cert.pem"), certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(directory, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        }

        var site = (await File.ReadAllTextAsync(Path.Combine(root, "deploy", "nginx", "parentportal.conf")))
            .Replace("{{LISTEN}}", $"127.0.0.1:{port} ssl http2", StringComparison.Ordinal)
            .Replace("{{SERVERS}}", $"    server {instance.Host}:{instance.Port};", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(directory, "parentportal.conf"), site);
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log notice;
            events { worker_connections 512; }
            http {
                client_body_temp_path {{directory}}/client_body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                access_log off;
                ssl_certificate {{directory}}/cert.pem;
                ssl_certificate_key {{directory}}/key.pem;
                ssl_protocols TLSv1.2 TLSv1.3;
                include /etc/nginx/mime.types;
                include {{directory}}/parentportal.conf;
            }
            """);
        var start = new ProcessStartInfo(NginxPath) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", directory + "/", "-c", config })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("nginx exited: " + await File.ReadAllTextAsync(Path.Combine(directory, "error.log")));
            }

            try
            {
                using var response = await client.GetAsync(new Uri($"https://127.0.0.1:{port}/health"));
                if (response.IsSuccessStatusCode)
                {
                    return new TlsProxy(process);
                }
            }
            catch (HttpRequestException)
            {
                // Still starting.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("nginx did not answer with TLS within 30 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
