using ParentPortal;
using ParentPortal.Data;
using ParentPortal.Features.Admin;
using ParentPortal.Features.Advisers;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Booking;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Features.Reports;
using ParentPortal.Platform;
using ParentPortal.Platform.Hosting;
using ParentPortal.Platform.Identity;
using ParentPortal.Platform.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddRepositoryDevelopmentSettings();
builder.AddPortalDeployment();
builder.AddPortalData();
builder.AddPortalPlatform();
builder.AddPortalAuthentication();
builder.AddPortalWeb();
builder.AddPortalMessaging();
builder.AddPortalApply();
builder.AddPortalBooking();
builder.AddPortalCases();
builder.AddPortalAdvisers();
builder.AddPortalDocuments();
builder.AddPortalAdmin();
builder.AddPortalReports();

var app = builder.Build();
await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
app.UsePortalPipeline();
app.MapPortalEndpoints();
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
