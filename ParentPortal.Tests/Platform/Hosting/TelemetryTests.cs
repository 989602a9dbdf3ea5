using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ParentPortal.Data;
using ParentPortal.Platform.Hosting;
using ParentPortal.Platform.Messaging;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Platform.Hosting;

/// <summary>
/// Issue 18 item 5: with telemetry turned on, the portal's traces and metrics reach an exporter (here OpenTelemetry's
/// in-memory one, added to the running portal's providers): requests, database commands, job rounds and messages sent,
/// with nothing personal in them. Off unless configured: without settings there is no tracer at all.
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public Task InitializeAsync()
    {
        _database = new SqliteTestDatabase();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Enabled_RequestsDatabaseJobsAndTheOutbox_AreTracedAndCounted_WithNoPersonalData()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        await using var portal = new PortalFactory(
            _database,
            settings: new Dictionary<string, string?> { ["Telemetry:Enabled"] = "true" },
            services: services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
                services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
            });

        var (client, _) = await PortalHttpSession.SignInAsync(portal, "demo-parent", "/applications");
        using (client)
        {
            using var page = await client.GetAsync(new Uri("/applications", UriKind.Relative));
            Assert.True(page.IsSuccessStatusCode);
        }

        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
            {
                Kind = "test-message",
                ToAddress = "sam.taylor@example.com",
                ToName = "Sam Taylor",
                Subject = "Traced",
                Body = "Hello Sam Taylor.",
                About = new MessageAbout(),
            }, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        // Sent by the portal's dispatcher or by this call, whichever claims it first: either way, a span.
        await portal.Services.GetRequiredService<OutboxProcessor>().ProcessDueAsync();
        var seen = await EventuallyAsync(() => Snapshot(spans), s =>
            s.Any(a => a.DisplayName == "outbox send" && (string?)a.GetTagItem("parentportal.message.outcome") == "sent")
            && s.Any(a => a.DisplayName.StartsWith("job ", StringComparison.Ordinal)));

        // The sign-in's last hop and the test's own request.
        var requests = seen.Where(a => a.Source.Name == "Microsoft.AspNetCore" && a.GetTagItem("http.route") as string == "/applications").ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(ActivityKind.Server, r.Kind));
        Assert.Contains(seen, a => a.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal) && a.Kind == ActivityKind.Client);
        var send = seen.First(a => a.DisplayName == "outbox send");
        Assert.Equal("test-message", send.GetTagItem("parentportal.message.kind"));
        var round = seen.First(a => a.DisplayName.StartsWith("job ", StringComparison.Ordinal));
        Assert.Equal(PortalMetrics.Outcomes.Ran, round.GetTagItem("parentportal.job.outcome"));
        foreach (var span in seen)
        {
            foreach (var (key, value) in span.TagObjects)
            {
                var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                Assert.DoesNotContain("Sam Taylor", text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("sam.taylor@", text, StringComparison.OrdinalIgnoreCase);
                Assert.False(key.Contains("parameter", StringComparison.OrdinalIgnoreCase), $"{span.DisplayName} carries {key}");
            }
        }

        var meterProvider = portal.Services.GetRequiredService<MeterProvider>();
        Assert.True(meterProvider.ForceFlush());
        var names = Snapshot(metrics).Select(m => m.Name).ToHashSet();
        Assert.Contains("http.server.request.duration", names);
        Assert.Contains("parentportal.job.rounds", names);
        Assert.Contains("parentportal.job.round.duration", names);
        Assert.Contains("parentportal.outbox.messages", names);
        Assert.Contains(names, n => n.StartsWith("dotnet.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NotConfigured_NoTracerOrMeterProviderIsBuilt()
    {
        await using var portal = new PortalFactory(_database);
        portal.StartServer();

        Assert.Null(portal.Services.GetService<TracerProvider>());
        Assert.Null(portal.Services.GetService<MeterProvider>());
    }

    // The exporter adds on its own threads without a lock the test can take: copy, never enumerate the live list.
    private static List<T> Snapshot<T>(List<T> items) => [.. items.ToArray()];

    /// <summary>Spans are exported as each ends, on whichever thread ends it: look again until what the test needs is there.</summary>
    private static async Task<List<T>> EventuallyAsync<T>(Func<List<T>> read, Func<List<T>, bool> done)
    {
        var limit = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var items = read();
            if (done(items))
            {
                return items;
            }

            if (DateTime.UtcNow > limit)
            {
                throw new TimeoutException("Still waiting for spans; seen: " + string.Join(", ", items.OfType<Activity>().Select(a => a.DisplayName).Distinct()));
            }

            await Task.Delay(25);
        }
    }
}
