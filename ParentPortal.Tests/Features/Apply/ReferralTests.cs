using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Data.Entities;
using ParentPortal.Domain.Cases;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Cases;
using ParentPortal.Features.Documents;
using ParentPortal.Platform.Identity;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.Features.Documents;
using ParentPortal.Tests.TestSupport;
using ParentPortal.Tests.Features.Admin.Settings;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Apply;

/// <summary>A professional refers a family: the family is the applicant, the referrer is told only that it arrived.</summary>
public sealed class ReferralTests : IAsyncLifetime
{
    private static readonly ClaimsPrincipal Referrer = TestUsers.Parent("school-senco", "Dana Shaw");

    /// <summary>The family, signed in with GOV.UK One Login: no name claim.</summary>
    private static readonly ClaimsPrincipal Family = new(new ClaimsIdentity([new Claim("sub", "one-login-amara")], "test", "name", PortalRoles.ClaimType));

    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    /// <summary>The SEN journey as a SENCo answers it for a family: their own name, then the family's name and contact.</summary>
    public static Dictionary<string, Dictionary<string, string?>> ReferralPages()
    {
        var pages = new Dictionary<string, Dictionary<string, string?>>();
        foreach (var (step, values) in TriageFixtures.SenPages())
        {
            if (step == "your-name")
            {
                pages["family-name"] = new() { ["family-name"] = "Amara Okonkwo" };
                continue;
            }

            pages[step] = step switch
            {
                "applicant" => new() { ["applicant"] = "professional", ["referrer-name"] = "Dana Shaw", ["applicant-role"] = "SENCo, Hillside Primary", ["professional-type"] = "school", ["family-consent"] = "yes" },
                "contact" => new() { ["contact-email"] = "amara@example.com", ["contact-method"] = "email" },
                _ => values,
            };
        }

        return pages;
    }

    [Fact]
    public async Task AReferral_GoesToTheFamilyWithTheirCode_AndTheReferrerSeesOnlyThatItWasReceived()
    {
        var id = (await _host.Get<StartApplicationHandler>().HandleAsync(Referrer, new ApplicationPrefill(null, null, null)))!.Value;
        await using (var db = await _host.DbAsync())
        {
            (await db.Users.SingleAsync(u => u.Subject == "school-senco")).Email = "dana.shaw@hillside.example.org";
            await db.SaveChangesAsync();
        }

        foreach (var (step, values) in ReferralPages())
        {
            var saved = await _host.Get<SaveStepHandler>().HandleAsync(Referrer, id, step, values);
            Assert.True(saved.Outcome == SaveStepOutcome.Saved, $"{step}: {string.Join("; ", saved.Errors.Select(e => e.Message))}");
        }

        var sent = await _host.Get<SubmitApplicationHandler>().HandleAsync(Referrer, id);
        Assert.Equal(SubmitOutcome.Submitted, sent.Outcome);

        // The referrer: a receipt with the reference, and nothing of the case.
        Assert.Null(await _host.Get<GetApplicationHandler>().HandleAsync(Referrer, id));
        Assert.Equal(sent.Reference, (await _host.Get<GetApplicationHandler>().ReferralAsync(Referrer, id))?.Reference);
        Assert.Null(await _host.Get<GetApplicationHandler>().ReferralAsync(Lukasz, id));
        await using var check = await _host.DbAsync();
        var toReferrer = await check.OutboxMessages.Where(m => m.ToAddress == "dana.shaw@hillside.example.org").ToListAsync();
        var receipt = Assert.Single(toReferrer);
        Assert.Equal("referral-received", receipt.Kind);
        Assert.Contains(sent.Reference!, receipt.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Amara", receipt.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Siân", receipt.Body, StringComparison.Ordinal);

        // The family: the invitation to take it over, at their own address and in their name.
        var invitation = Assert.Single(await check.OutboxMessages.Where(m => m.ToAddress == "amara@example.com").ToListAsync());
        Assert.Equal(InvitationCodes.MessageKind, invitation.Kind);
        Assert.Equal("Amara Okonkwo", invitation.ToName);
        Assert.DoesNotContain("Dana", invitation.Body, StringComparison.Ordinal);
        var code = Regex.Match(invitation.Body, @"^\s*([A-Z0-9]{10})\s*$", RegexOptions.Multiline).Groups[1].Value;
        Assert.NotEmpty(code);
        var owner = await check.Applications.Where(a => a.Id == id).Select(a => a.Owner!.Subject).SingleAsync();
        Assert.True(PhoneApplicationOwner.Is(owner));

        // Issue 13 item 3: the referrer sees where it stands, and nothing else; nobody else sees it there.
        var referrals = _host.Get<ListReferralsHandler>();
        var waiting = Assert.Single(await referrals.HandleAsync(Referrer));
        Assert.Equal((sent.Reference, "sen", "Sent to the family: waiting for them to take it over"), (waiting.Reference, waiting.Route, waiting.Status));
        Assert.DoesNotContain("Amara", waiting.ToString(), StringComparison.Ordinal);
        Assert.Empty(await referrals.HandleAsync(Lukasz));
        Assert.Empty(await referrals.HandleAsync(Adviser));

        var claimed = await _host.Get<ClaimApplicationHandler>().HandleAsync(Family, code);
        Assert.True(claimed.Succeeded, claimed.Message);
        // The referrer said the family agreed: the family is taken next to confirm who we may contact and what we may share.
        Assert.True(claimed.ConfirmSharing);
        Assert.Equal("The family has taken it over: we are working with them", Assert.Single(await referrals.HandleAsync(Referrer)).Status);
        Assert.Empty(await referrals.HandleAsync(Family));
        var today = ParentPortal.Platform.Calendar.UkDates.DateIn(_host.Clock.GetUtcNow());
        var report = (await _host.Handler<ParentPortal.Features.Reports.ReportsQuery>().HandleAsync(Manager, ParentPortal.Features.Reports.ReportPeriod.Create(today.AddDays(-1), today)))!;
        Assert.Equal((0, 1, 0), (report.Referrals.Parent, report.Referrals.School, report.Referrals.LocalAuthority));
        Assert.NotNull(await _host.Get<GetApplicationHandler>().HandleAsync(Family, id));
        Assert.Null(await _host.Get<GetApplicationHandler>().HandleAsync(Referrer, id));

        // The certificate names the family, never the referrer.
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        Succeeded(await _host.Get<RecordDecisionHandler>().HandleAsync(Adviser, id, SessionChoice.CertificateOnly));
        var issued = await _host.Get<IssueCertificateHandler>().HandleAsync(Adviser, id);
        Assert.True(issued.Succeeded, issued.Message);
        var text = PdfText.All((await _host.Get<DocumentQueries>().DownloadAsync(Family, issued.DocumentId!.Value))!.Content);
        PdfText.AssertContains("Parent or carer Amara Okonkwo", text);
        Assert.DoesNotContain("Dana Shaw", text, StringComparison.Ordinal);
    }

    /// <summary>An LA officer's facilitation request for an annual review they organise, as they answer it: the family named, the officer as the referrer.</summary>
    public static Dictionary<string, Dictionary<string, string?>> OfficerFacilitationPages()
    {
        var pages = new Dictionary<string, Dictionary<string, string?>>();
        foreach (var (step, values) in TriageFixtures.FacilitationPages())
        {
            if (step == "your-name")
            {
                pages["family-name"] = new() { ["family-name"] = "Amara Okonkwo" };
                continue;
            }

            pages[step] = step switch
            {
                "applicant" => new() { ["applicant"] = "professional", ["referrer-name"] = "Gwen Ellis", ["applicant-role"] = "SEN casework officer, Hertfordshire", ["professional-type"] = "local-authority", ["family-consent"] = "yes" },
                "facilitation-help" => new() { ["facilitation-help"] = "agenda,chair,record" },
                "contact" => new() { ["contact-email"] = "amara@example.com", ["contact-method"] = "email" },
                _ => values,
            };
        }

        return pages;
    }

    /// <summary>
    /// Issue 13 item 3: an LA officer asks for a facilitator for an annual review from their own staff account. The questions
    /// start with who they are and their local authority; the account can only apply as the LA's professional; the request
    /// goes to the family to take over, and the officer sees only its status.
    /// </summary>
    [Fact]
    public async Task AnLaOfficer_AsksForAFacilitator_FromTheirOwnAccount_AndTheFamilyTakesItOver()
    {
        var start = _host.Get<StartApplicationHandler>();
        var id = (await start.HandleAsync(HertsOfficer, new ApplicationPrefill("facilitation", null, null)))!.Value;
        var draft = (await _host.Get<GetApplicationHandler>().HandleAsync(HertsOfficer, id))!;
        Assert.Equal(("facilitation", "professional", "Gwen Ellis", "local-authority", "herts"),
            (draft.Answers.Route, draft.Answers[AnswerKeys.Applicant], draft.Answers[AnswerKeys.ReferrerName], draft.Answers[AnswerKeys.ProfessionalType], draft.Answers[AnswerKeys.LocalAuthority]));
        Assert.DoesNotContain("applicant", draft.Answers.CompletedSteps);

        var save = _host.Get<SaveStepHandler>();
        var asParent = await save.HandleAsync(HertsOfficer, id, "applicant", new Dictionary<string, string?> { ["applicant"] = "parent" });
        Assert.Equal(SaveStepOutcome.Invalid, asParent.Outcome);
        Assert.Contains("local authority account", Assert.Single(asParent.Errors).Message, StringComparison.Ordinal);
        var asSchool = await save.HandleAsync(HertsOfficer, id, "applicant", new Dictionary<string, string?>(OfficerFacilitationPages()["applicant"]) { ["professional-type"] = "school" });
        Assert.Equal((SaveStepOutcome.Invalid, "professional-type"), (asSchool.Outcome, Assert.Single(asSchool.Errors).FieldKey));
        // A school's SENCo is not held to the local authority's answer.
        Assert.Null(LaReferrer.Refusal(ReferralPages()["applicant"], null));

        foreach (var (step, values) in OfficerFacilitationPages())
        {
            var saved = await save.HandleAsync(HertsOfficer, id, step, values);
            Assert.True(saved.Outcome == SaveStepOutcome.Saved, $"{step}: {string.Join("; ", saved.Errors.Select(e => e.Message))}");
        }

        var sent = await _host.Get<SubmitApplicationHandler>().HandleAsync(HertsOfficer, id);
        Assert.Equal(SubmitOutcome.Submitted, sent.Outcome);
        Assert.Equal(sent.Reference, (await _host.Get<GetApplicationHandler>().ReferralAsync(HertsOfficer, id))?.Reference);
        var waiting = Assert.Single(await _host.Get<ListReferralsHandler>().HandleAsync(HertsOfficer));
        Assert.Equal(("facilitation", "Sent to the family: waiting for them to take it over"), (waiting.Route, waiting.Status));

        await using var db = await _host.DbAsync();
        var invitation = await db.OutboxMessages.SingleAsync(m => m.ApplicationId == id && m.Kind == InvitationCodes.MessageKind);
        Assert.Equal(("amara@example.com", "Amara Okonkwo"), (invitation.ToAddress, invitation.ToName));
        Assert.Contains("SEN casework officer, Hertfordshire", invitation.Body, StringComparison.Ordinal);
        var code = Regex.Match(invitation.Body, @"^\s*([A-Z0-9]{10})\s*$", RegexOptions.Multiline).Groups[1].Value;
        Assert.True((await _host.Get<ClaimApplicationHandler>().HandleAsync(Family, code)).Succeeded);
        Assert.Equal("The family has taken it over: we are working with them", Assert.Single(await _host.Get<ListReferralsHandler>().HandleAsync(HertsOfficer)).Status);
        var today = ParentPortal.Platform.Calendar.UkDates.DateIn(_host.Clock.GetUtcNow());
        var report = (await _host.Handler<ParentPortal.Features.Reports.ReportsQuery>().HandleAsync(Manager, ParentPortal.Features.Reports.ReportPeriod.Create(today.AddDays(-1), today)))!;
        Assert.Equal((0, 0, 1), (report.Referrals.Parent, report.Referrals.School, report.Referrals.LocalAuthority));
    }

    [Fact]
    public void AReferral_NamesAndReachesTheFamily_NeverTheReferrersAccount()
    {
        var profile = CaseProfile.From(TriageFixtures.Build(ReferralPages()));
        var family = FamilyContact.Of(profile, ownerName: "Dana Shaw", ownerEmail: "dana.shaw@hillside.example.org");

        Assert.Equal(new FamilyContact("Amara Okonkwo", "amara@example.com", null), family);
        Assert.Equal("Dana Shaw", profile.ReferrerName);
        var byPhone = ReferralPages();
        byPhone["contact"] = new() { ["contact-phone"] = "07700 900 982", ["contact-method"] = "phone" };
        byPhone["call-times"] = new() { ["call-times"] = "any" };
        Assert.Null(FamilyContact.Of(CaseProfile.From(TriageFixtures.Build(byPhone)), "Dana Shaw", "dana.shaw@hillside.example.org").Email);
    }
}
