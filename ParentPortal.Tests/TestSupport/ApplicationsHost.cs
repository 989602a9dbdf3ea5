using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using ParentPortal.Platform.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using ParentPortal.Data;
using ParentPortal.Features.Admin.Privacy;
using ParentPortal.Features.Advisers;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Booking;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;

namespace ParentPortal.Tests.TestSupport;

/// <summary>The portal's real handlers (applications, sessions, cases, documents, privacy) on a real database, with a fake clock pinned to a date.</summary>
public sealed class ApplicationsHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database;
    private readonly WebApplication _app;

    private ApplicationsHost(TestDatabase database, WebApplication app, FakeTimeProvider clock)
    {
        _database = database;
        _app = app;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ApplicationsHost> StartAsync(TestDatabase? database = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        database ??= new SqliteTestDatabase();
        var clock = new FakeTimeProvider(Start);
        var app = await PortalServices.BuildInitializedAsync(
            database,
            configure: services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
            addFeatures: builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Applications:RetentionJobEnabled"] = "false",
                    ["Sessions:OfferExpiryJobEnabled"] = "false",
                    ["Retention:JobEnabled"] = "false",
                    ["Messaging:StaffDigestEnabled"] = "false",
                    // The real outbox with the folder sender, in a folder of this host's own; a test runs the processor itself.
                    ["Messaging:DispatcherEnabled"] = "false",
                    ["Messaging:Folder"] = Path.Combine(Path.GetTempPath(), "parentportal-tests", "host-outbox-" + Guid.NewGuid().ToString("N")),
                });
                if (settings is not null)
                {
                    builder.Configuration.AddInMemoryCollection(settings);
                }

                builder.AddPortalMessaging();
                builder.AddPortalApply();
                builder.AddPortalBooking();
                builder.AddPortalCases();
                builder.AddPortalAdvisers();
                builder.AddPortalDocuments();
                builder.AddPortalPrivacy();
            });
        return new ApplicationsHost(database, app, clock);
    }

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public Task<PortalDbContext> DbAsync() => _app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }
}
