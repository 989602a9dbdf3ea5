using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParentPortal.Data;
using ParentPortal.Features.Admin.BankHolidays;
using ParentPortal.Platform.Calendar;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Admin.BankHolidays;

public sealed class ImportBankHolidaysTests : IAsyncLifetime
{
    private static readonly DateOnly OneOff = new(2026, 5, 13);
    private readonly SqliteTestDatabase _database = new();
    private WebApplication _app = null!;

    private ImportBankHolidaysHandler Handler => _app.Services.GetRequiredService<ImportBankHolidaysHandler>();

    private WorkingDayCalendarSource Calendars => _app.Services.GetRequiredService<WorkingDayCalendarSource>();

    public async Task InitializeAsync() =>
        _app = await PortalServices.BuildInitializedAsync(_database, configure: services =>
        {
            services.AddSingleton<WorkingDayCalendarSource>();
            services.AddTransient<ImportBankHolidaysHandler>();
        });

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task NewDatabase_HasTheShippedBankHolidays_2018To2030()
    {
        var calendar = await Calendars.GetAsync();

        Assert.Equal(Enumerable.Range(2018, 13), calendar.CoveredYears);
        Assert.True(calendar.IsBankHoliday(new DateOnly(2022, 9, 19)), "the 2022 state funeral is a one-off in the shipped data");
    }

    [Fact]
    public async Task Import_ByAManager_AddsTheOneOffAndTheCalendarChangesAtOnce()
    {
        Assert.True((await Calendars.GetAsync()).IsWorkingDay(OneOff));

        var result = await Handler.HandleAsync(TestUsers.Make("demo-manager", "Martin Fowler-Hughes", PortalRoles.Manager), "bank-holidays.json", BankHolidayFiles.ShippedPlusOneOff(OneOff));

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains("2018 to 2030", result.Message, StringComparison.Ordinal);
        Assert.False((await Calendars.GetAsync()).IsWorkingDay(OneOff));
        await using var db = await Factory().CreateDbContextAsync();
        var import = await db.BankHolidayImports.OrderByDescending(i => i.Id).FirstAsync();
        Assert.Equal("demo-manager", import.ImportedBy);
    }

    [Fact]
    public async Task Import_KeepsYearsTheFileDoesNotCover()
    {
        const string only2026 = """
            { "england-and-wales": { "division": "england-and-wales", "events": [
              { "title": "New Year's Day", "date": "2026-01-01", "notes": "", "bunting": true },
              { "title": "Extra bank holiday for testing", "date": "2026-05-13", "notes": "", "bunting": true }
            ] } }
            """;

        var result = await Handler.HandleAsync(TestUsers.Make("demo-manager", "Martin Fowler-Hughes", PortalRoles.Manager), "2026.json", only2026);

        Assert.True(result.Succeeded, result.Message);
        var calendar = await Calendars.GetAsync();
        Assert.Equal(Enumerable.Range(2018, 13), calendar.CoveredYears);
        Assert.Equal(2, calendar.BankHolidays.Count(h => h.Date.Year == 2026));
        Assert.Equal(8, calendar.BankHolidays.Count(h => h.Date.Year == 2025));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json at all")]
    [InlineData("{\"scotland\": {\"division\": \"scotland\", \"events\": []}}")]
    [InlineData("{\"england-and-wales\": {\"division\": \"england-and-wales\", \"events\": [{\"title\": \"X\", \"date\": \"2026-02-30\"}]}}")]
    public async Task Import_OfAMalformedFile_IsRefusedWithAMessage_AndChangesNothing(string json)
    {
        var before = (await Calendars.GetAsync()).BankHolidays;

        var result = await Handler.HandleAsync(TestUsers.Make("demo-manager", "Martin Fowler-Hughes", PortalRoles.Manager), "bad.json", json);

        Assert.False(result.Succeeded);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
        Assert.DoesNotContain("Exception", result.Message, StringComparison.Ordinal);
        Calendars.Invalidate();
        Assert.Equal(before, (await Calendars.GetAsync()).BankHolidays);
    }

    [Fact]
    public async Task Import_OfAHugeFile_IsRefused()
    {
        var result = await Handler.HandleAsync(TestUsers.Make("demo-manager", "Martin Fowler-Hughes", PortalRoles.Manager), "big.json", new string(' ', ImportBankHolidaysHandler.MaxFileBytes + 1));

        Assert.False(result.Succeeded);
        Assert.Contains("too large", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PortalRoles.Adviser)]
    [InlineData(PortalRoles.Mediator)]
    [InlineData(PortalRoles.LaOfficer)]
    public async Task Import_ByStaffWhoAreNotManagers_IsRefused(string role)
    {
        var result = await Handler.HandleAsync(TestUsers.Staff(role), "bank-holidays.json", BankHolidayFiles.ShippedPlusOneOff(OneOff));

        Assert.False(result.Succeeded);
        Assert.True((await Calendars.GetAsync()).IsWorkingDay(OneOff));
    }

    [Fact]
    public async Task Import_ByAParentOrSomeoneSignedOut_IsRefused()
    {
        Assert.False((await Handler.HandleAsync(TestUsers.Parent(), "f.json", BankHolidayFiles.ShippedPlusOneOff(OneOff))).Succeeded);
        Assert.False((await Handler.HandleAsync(TestUsers.Anonymous(), "f.json", BankHolidayFiles.ShippedPlusOneOff(OneOff))).Succeeded);
        Assert.True((await Calendars.GetAsync()).IsWorkingDay(OneOff));
    }

    private IDbContextFactory<PortalDbContext> Factory() => _app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
}
