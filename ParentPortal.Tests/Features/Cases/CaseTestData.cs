using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Meetings;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Cases;
using ParentPortal.Platform.Cases;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Cases;

/// <summary>The people around a case, as the demo data has them, and cases made through the real handlers.</summary>
internal static class CaseTestData
{
    public static readonly ClaimsPrincipal Sam = TestUsers.Parent("demo-parent", "Sam Taylor");
    public static readonly ClaimsPrincipal Lukasz = TestUsers.Parent("demo-parent-2", "Łukasz Dvořák");
    public static readonly ClaimsPrincipal Adviser = TestUsers.Make("demo-adviser", "Priya Shah", PortalRoles.Adviser);
    public static readonly ClaimsPrincipal Mediator = TestUsers.Make("demo-mediator", "Tom Okafor", PortalRoles.Mediator);
    public static readonly ClaimsPrincipal HertsOfficer = TestUsers.Make("demo-la-officer", "Gwen Ellis", PortalRoles.LaOfficer);
    public static readonly ClaimsPrincipal Manager = TestUsers.Make("demo-manager", "Martin Fowler-Hughes", PortalRoles.Manager);
    public static readonly ClaimsPrincipal OtherAdviser = TestUsers.Make("other-adviser", "Noor Adeyemi", PortalRoles.Adviser);
    public static readonly ClaimsPrincipal OtherMediator = TestUsers.Make("other-mediator", "Jo Bright", PortalRoles.Mediator);
    public static readonly ClaimsPrincipal BedsOfficer = TestUsers.Make("beds-officer", "Ravi Kumar", PortalRoles.LaOfficer);

    /// <summary>Adds the extra staff the boundary tests need: a second adviser and mediator, and Bedford's officer.</summary>
    public static async Task AddOtherStaffAsync(ApplicationsHost host)
    {
        await using var db = await host.DbAsync();
        var beds = await db.LocalAuthorities.Where(l => l.Code == "beds").Select(l => l.Id).SingleAsync();
        db.StaffMembers.AddRange(
            new StaffMember { Subject = "other-adviser", DisplayName = "Noor Adeyemi", Email = "noor@example.org", Roles = [new StaffRole { Role = PortalRoles.Adviser }] },
            new StaffMember { Subject = "other-mediator", DisplayName = "Jo Bright", Email = "jo@example.org", Roles = [new StaffRole { Role = PortalRoles.Mediator }] },
            new StaffMember { Subject = "beds-officer", DisplayName = "Ravi Kumar", Email = "ravi@example.org", LocalAuthorityId = beds, Roles = [new StaffRole { Role = PortalRoles.LaOfficer }] });
        await db.SaveChangesAsync();
    }

    /// <summary>A parent's application, answered page by page and sent, through the real handlers.</summary>
    public static async Task<Guid> SubmitAsync(ApplicationsHost host, ClaimsPrincipal parent, IReadOnlyDictionary<string, Dictionary<string, string?>> pages)
    {
        var id = (await host.Get<StartApplicationHandler>().HandleAsync(parent, new ApplicationPrefill(null, null, null)))!.Value;
        foreach (var (step, values) in pages)
        {
            var saved = await host.Get<SaveStepHandler>().HandleAsync(parent, id, step, values);
            Assert.True(saved.Outcome == SaveStepOutcome.Saved, $"{step}: {string.Join("; ", saved.Errors.Select(e => e.Message))}");
        }

        Assert.Equal(SubmitOutcome.Submitted, (await host.Get<SubmitApplicationHandler>().HandleAsync(parent, id)).Outcome);
        return id;
    }

    public static Task<Guid> SenCaseAsync(ApplicationsHost host, ClaimsPrincipal? parent = null) => SubmitAsync(host, parent ?? Sam, TriageFixtures.SenPages());

    public static async Task<int> StaffIdAsync(ApplicationsHost host, string subject)
    {
        await using var db = await host.DbAsync();
        return await db.StaffMembers.Where(s => s.Subject == subject).Select(s => s.Id).SingleAsync();
    }

    public static void Succeeded(CaseChangeResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));

    /// <summary>
    /// A mediation that has been held: the family chose mediation, the adviser took the case and assigned Tom Okafor,
    /// the meeting was arranged (with Hertfordshire's decision maker) and, a week later, marked as held.
    /// </summary>
    public static async Task<Guid> HeldMediationAsync(ApplicationsHost host, ClaimsPrincipal? parent = null, IReadOnlyDictionary<string, Dictionary<string, string?>>? pages = null)
    {
        var id = await SubmitAsync(host, parent ?? Sam, pages ?? TriageFixtures.SenPages());
        Succeeded(await host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.TryMediation));
        Succeeded(await host.Get<AssignMediatorHandler>().HandleAsync(Adviser, id, await StaffIdAsync(host, "demo-mediator")));
        Succeeded(await host.Get<ScheduleMeetingHandler>().HandleAsync(Mediator, id, MeetingInDays(host, 14, await DecisionMakerAsync(host, id))));
        host.Clock.Advance(TimeSpan.FromDays(15));
        await NoIndividualMeetingsAsync(host, id);
        Succeeded(await host.Get<ChangeStageHandler>().HandleAsync(Mediator, id, CaseStage.MeetingHeld, null));
        return id;
    }

    /// <summary>
    /// The demo local authority officer (Gwen Ellis, Hertfordshire) when the case is an SEN case of her authority: named as the
    /// meeting's decision maker, she alone signs the agreement for it (issue 13 item 5).
    /// </summary>
    public static async Task<int?> DecisionMakerAsync(ApplicationsHost host, Guid caseId)
    {
        await using var db = await host.DbAsync();
        var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == caseId);
        return application.Route != "sen" ? null
            : await db.StaffMembers.Where(s => s.Subject == "demo-la-officer" && s.LocalAuthorityId == application.LocalAuthorityId).Select(s => (int?)s.Id).FirstOrDefaultAsync();
    }

    /// <summary>A mediation at a venue <paramref name="days"/> days from the host's today, with Hertfordshire's decision maker.</summary>
    public static MeetingForm MeetingInDays(ApplicationsHost host, int days, int? decisionMakerStaffId = null) => new()
    {
        Date = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime).AddDays(days),
        Starts = new TimeOnly(10, 0),
        Ends = new TimeOnly(12, 0),
        Format = SessionFormat.InPerson,
        VenueName = "Hatfield Community Centre",
        VenueAddress = "1 Market Place, Hatfield",
        People =
        [
            new() { Name = "Asha Patel", Role = AttendeeRole.SchoolRepresentative },
            new() { Name = "Marta Nowak-Kowalska", Role = AttendeeRole.Supporter },
            new() { Name = "Dr Helen Ward", Role = AttendeeRole.LaDecisionMaker },
        ],
        LaDecisionMakerStaffId = decisionMakerStaffId,
    };

    /// <summary>The case's main meeting (joint or facilitated) still on.</summary>
    public static async Task<Guid> MainMeetingIdAsync(ApplicationsHost host, Guid id)
    {
        await using var db = await host.DbAsync();
        return await db.CaseMeetings.AsNoTracking().MainOf(id).Select(m => m.Id).FirstAsync();
    }

    /// <summary>Records that neither party's individual meeting was needed, so the joint meeting can be marked held (seed 003's plan).</summary>
    public static async Task NoIndividualMeetingsAsync(ApplicationsHost host, Guid id)
    {
        foreach (var party in new[] { MeetingParty.Family, MeetingParty.School, MeetingParty.LocalAuthority })
        {
            // Only the route's own parties are accepted; the other is refused and changes nothing.
            await host.Get<SkipIndividualMeetingHandler>().HandleAsync(Adviser, id, party, "They met the mediator by phone when the case was opened");
        }
    }

    /// <summary>The clocks running on a case, as its adviser's case page shows them.</summary>
    public static async Task<IReadOnlyList<ParentPortal.Domain.Cases.CaseClock>> ClocksAsync(ApplicationsHost host, Guid id) =>
        (await host.Get<CaseDetailsQuery>().HandleAsync(Adviser, id))!.Clocks;
}
