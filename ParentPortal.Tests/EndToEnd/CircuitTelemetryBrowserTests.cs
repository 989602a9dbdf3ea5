using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.EndToEnd;

/// <summary>
/// Issue 18 item 5, in a real browser over a real WebSocket: with telemetry on, Blazor's built-in circuit metrics and
/// its circuit span reach the exporter (here the in-memory one) when a page becomes interactive.
/// </summary>
[Collection(SecondBrowserTestGroup.Name)]
public sealed class CircuitTelemetryBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private readonly List<Metric> _metrics = [];
    private readonly List<Activity> _spans = [];
    private PortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = new PortalFactory(
            _database,
            settings: new Dictionary<string, string?> { ["Telemetry:Enabled"] = "true" },
            services: services =>
            {
                services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(_metrics));
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
            });
        _portal.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await browser.CloseTestPagesAsync();
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task AnInteractivePage_CountsItsCircuit_AndTracesItsStart()
    {
        // The family's pages are server-rendered and hold no circuit; the adviser console is interactive.
        var page = await browser.NewPageAsync(_portal.BaseAddress);
        await page.SignInAsync("Priya Shah", "/advisers");
        await page.WaitForInteractiveAsync();

        Assert.True(_portal.Services.GetRequiredService<MeterProvider>().ForceFlush());
        // The exporter adds on its own threads without a lock the test can take: copy, never enumerate the live list.
        var names = _metrics.ToArray().Select(m => m.Name).Distinct().ToList();

        Assert.Contains("aspnetcore.components.circuit.active", names);
        Assert.Contains("aspnetcore.components.circuit.connected", names);
        var spans = _spans.ToArray();
        Assert.DoesNotContain(spans, s => s.Source.Name == "Microsoft.AspNetCore" && s.DisplayName.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Source.Name == "Microsoft.AspNetCore.Components" && s.DisplayName.StartsWith("Route /advisers ->", StringComparison.Ordinal));
        Assert.True(
            spans.Any(s => s.Source.Name == "Microsoft.AspNetCore.Components.Server.Circuits" && s.DisplayName.StartsWith("Circuit ", StringComparison.Ordinal)),
            string.Join(", ", spans.Select(s => s.Source.Name + ":" + s.DisplayName).Distinct()));
    }
}
