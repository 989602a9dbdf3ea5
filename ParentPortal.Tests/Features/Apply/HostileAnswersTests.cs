using CsCheck;
using Microsoft.EntityFrameworkCore;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Apply;
using ParentPortal.Platform.Settings;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.Features.Cases;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Features.Apply;

/// <summary>
/// Part of the fault suite: a parent's journey through the real handlers on a real database, with generated hostile
/// posts between the good ones (and hostile carried-over answers when the draft starts). Nothing throws; a refused
/// save changes nothing; after every save, each page saved so far still passes the validator, value by value.
/// </summary>
public sealed class HostileAnswersTests : IAsyncLifetime
{
    private static readonly IReadOnlyDictionary<string, Dictionary<string, string?>>[] Journeys =
        [TriageFixtures.SenPages(), TriageFixtures.BullyingPages(), TriageFixtures.FacilitationPages()];

    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private sealed record Attempt(string StepKey, Dictionary<string, string?> Post, bool AsSomeoneElse);

    private sealed record Plan(int Journey, ApplicationPrefill Prefill, IReadOnlyList<Attempt> Attempts);

    private static Gen<Plan> Plans() =>
        Gen.Int[0, Journeys.Length - 1].SelectMany(j =>
        {
            var pages = Journeys[j];
            var answers = TriageFixtures.Build(pages);
            var perPage = pages.Select(page =>
            {
                var step = TriageQuestions.Find(page.Key)!;
                var hostile = Gen.Frequency(
                    (6, StepValidatorHostileTests.Post(step, answers).Select(p => new Attempt(step.Key, p, false))),
                    (1, Gen.Select(Gen.OneOf([.. TriageQuestions.All.Select(s => s.Key), "", "../check-answers", "ROUTE", "route\0", "consent/../route"]), HostileValues.Text,
                        (key, value) => new Attempt(key, new Dictionary<string, string?> { [key] = value }, false))),
                    (1, Gen.Const(new Attempt(step.Key, page.Value, true))));
                return hostile.Array[0, 2].Select(attempts => (Attempt[])[.. attempts, new Attempt(step.Key, page.Value, false)]);
            });
            var prefill = Gen.Select(HostileValues.OptionalText, HostileValues.OptionalText, HostileValues.OptionalText, Gen.Bool,
                (route, la, letter, good) => good ? new ApplicationPrefill("sen", "herts", "2026-10-01") : new ApplicationPrefill(route, la, letter));
            return Gen.Select(prefill, HostileValues.Each(perPage), (p, attempts) => new Plan(j, p, [.. attempts.SelectMany(a => a)]));
        });

    [Fact]
    public async Task AJourneyWithHostilePostsBetweenTheGoodOnes_NeverThrows_AndStoresOnlyValidAnswers()
    {
        var context = await _host.Get<TriageContextSource>().GetAsync();
        var save = _host.Get<SaveStepHandler>();
        var start = _host.Get<StartApplicationHandler>();
        var parent = 0;

        await Plans().SampleAsync(async plan =>
        {
            // A new parent each time, so the per-person limits never come into it.
            var me = TestUsers.Parent("hostile-parent-" + parent++, "Hostile Parent");
            var id = (await start.HandleAsync(me, plan.Prefill))!.Value;
            await AssertStoredAnswersValidAsync(id, context, "after starting with " + plan.Prefill);

            foreach (var attempt in plan.Attempts)
            {
                var before = await StoredAsync(id);
                var who = attempt.AsSomeoneElse ? CaseTestData.Lukasz : me;
                var result = await save.HandleAsync(who, id, attempt.StepKey, attempt.Post);

                var after = await StoredAsync(id);
                if (result.Outcome != SaveStepOutcome.Saved)
                {
                    Assert.Equal(before, after);
                    Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
                }
                else
                {
                    Assert.False(attempt.AsSomeoneElse, "someone else's save was accepted");
                }

                await AssertStoredAnswersValidAsync(id, context, $"after {result.Outcome} on {HostileValues.Show(attempt.StepKey)}");
            }

            // The good posts were among them: the journey is complete and can be sent.
            Assert.Equal(SubmitOutcome.Submitted, (await _host.Get<SubmitApplicationHandler>().HandleAsync(me, id)).Outcome);
            _host.Clock.Advance(TimeSpan.FromSeconds(1));
        }, iter: 40, threads: 1, print: plan => $"journey {plan.Journey}, prefill {plan.Prefill}: " + string.Join(" | ", plan.Attempts.Select(a =>
            $"{HostileValues.Show(a.StepKey)}{(a.AsSomeoneElse ? " (someone else)" : "")}: {string.Join(", ", a.Post.Select(p => $"{HostileValues.Show(p.Key)}={HostileValues.Show(p.Value)}"))}")));
    }

    private async Task<(string Answers, int Version, string? Route, int? LocalAuthority)> StoredAsync(Guid id)
    {
        await using var db = await _host.DbAsync();
        var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == id);
        return (application.AnswersJson, application.Version, application.Route, application.LocalAuthorityId);
    }

    private async Task AssertStoredAnswersValidAsync(Guid id, TriageContext context, string when)
    {
        var answers = TriageAnswers.FromJson((await StoredAsync(id)).Answers);
        foreach (var key in answers.CompletedSteps)
        {
            var step = TriageQuestions.Find(key);
            Assert.True(step is not null, $"{when}: a completed page {HostileValues.Show(key)} that does not exist");
            Assert.True(StepValidator.StoredAnswersAreValid(step, answers, context), $"{when}: the stored answers to {key} no longer pass the validator");
            StepValidatorHostileTests.AssertStorable(step, step.Fields.ToDictionary(f => f.Key, f => answers[f.Key], StringComparer.Ordinal), answers, context);
        }

        var asked = TriageQuestions.All.SelectMany(s => s.Fields).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        Assert.All(answers.Values.Keys, k => Assert.Contains(k, asked));
    }
}
