using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using ParentPortal.Data;
using ParentPortal.Features.Reports;

namespace ParentPortal.Tests.TestSupport;

/// <summary>The portal's real report handlers on a real, migrated and seeded database, with a fake clock.</summary>
public sealed class ReportsHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 7, 15, 9, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database;
    private readonly WebApplication _app;

    private ReportsHost(TestDatabase database, WebApplication app, FakeTimeProvider clock)
    {
        _database = database;
        _app = app;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    public static async Task<ReportsHost> StartAsync(TestDatabase database)
    {
        var clock = new FakeTimeProvider(Now);
        var app = await PortalServices.BuildInitializedAsync(
            database,
            configure: services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
            addFeatures: builder =>
            {
                builder.AddPortalReports();
            });
        return new ReportsHost(database, app, clock);
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
