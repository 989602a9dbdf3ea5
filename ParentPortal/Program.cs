using ParentPortal;
using ParentPortal.Data;
using ParentPortal.Features.Applications;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Deployment;
using ParentPortal.Features.Documents;
using ParentPortal.Features.Identity;
using ParentPortal.Features.Manage;
using ParentPortal.Features.Messaging;
using ParentPortal.Features.Reports;
using ParentPortal.Features.Privacy;
using ParentPortal.Features.Sessions;

var builder = WebApplication.CreateBuilder(args);
builder.AddRepositoryDevelopmentSettings();
builder.AddPortalDeployment();
builder.AddPortalData();
builder.AddPortalAuthentication();
builder.AddPortalWeb();
builder.AddPortalMessaging();
builder.AddPortalApplications();
builder.AddPortalSessions();
builder.AddPortalCases();
builder.AddPortalDocuments();
builder.AddPortalSettings();
builder.AddPortalReports();
builder.AddPortalPrivacy();

var app = builder.Build();
await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
app.UsePortalPipeline();
app.MapPortalEndpoints();
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
