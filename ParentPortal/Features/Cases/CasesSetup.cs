using ParentPortal.Features.Cases.Family;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Hosting;

namespace ParentPortal.Features.Cases;

public static class CasesSetup
{
    public static WebApplicationBuilder AddPortalCases(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddTransient<CaseQueueQuery>();
        services.AddTransient<CaseDetailsQuery>();
        services.AddTransient<CaseAnswersQuery>();
        services.AddTransient<FamilySearchQuery>();
        services.AddTransient<ChangeStageHandler>();
        services.AddTransient<ScheduleMeetingHandler>();
        services.AddTransient<MarkMeetingHeldHandler>();
        services.AddTransient<SkipIndividualMeetingHandler>();
        services.AddTransient<CancelMeetingHandler>();
        services.AddTransient<ShareAgendaHandler>();
        services.AddTransient<AssignMediatorHandler>();
        services.AddTransient<FileWithAreaHandler>();
        services.AddTransient<HandOverCaseHandler>();
        services.AddTransient<TakeCaseHandler>();
        services.AddTransient<AddNoteHandler>();
        services.AddTransient<RecordDecisionHandler>();
        services.AddTransient<ChangeDecisionHandler>();
        services.AddTransient<KeepDecisionHandler>();
        services.AddTransient<CorrectFamilyDetailsHandler>();
        services.AddTransient<HandleCorrectionHandler>();
        services.AddTransient<StaffDigestJob>();
        services.AddTransient<DigestChoiceHandler>();
        services.AddTransient<RecordLaCannotArrangeHandler>();
        services.AddTransient<RecordLaToldHandler>();
        services.AddTransient<RecordSharingAnswerHandler>();
        services.AddTransient<RecordHealthToldHandler>();
        services.AddTransient<RecordMeetingNoticeHandler>();
        services.AddTransient<ReferToAdvocacyHandler>();
        services.AddTransient<RecordAdvocacyReferralHandler>();
        services.AddTransient<AssignIpsHandler>();
        services.AddTransient<SurveyHandler>();
        services.AddCasePanel<SurveyForm>(CasePanelPlace.FamilyCase, order: 20);
        // Issue 15 item 4: staff hear each working day what needs them (on by default; tests that run it themselves turn it off).
        if (builder.Configuration.GetValue("Messaging:StaffDigestEnabled", true))
        {
            services.AddPeriodicJob("staff-digest", TimeSpan.FromMinutes(15), async (provider, cancellationToken) =>
            {
                await provider.GetRequiredService<StaffDigestJob>().RunOnceAsync(cancellationToken);
                return false;
            });
        }

        return builder;
    }
}
