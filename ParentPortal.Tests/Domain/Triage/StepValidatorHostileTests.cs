using System.Globalization;
using CsCheck;
using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Domain.Triage.TriageFixtures;

namespace ParentPortal.Tests.Domain.Triage;

/// <summary>
/// Part of the fault suite: every field of every question page gets generated hostile values. The validator never
/// throws, and whatever it accepts is something a person could have typed, within the field's limits, and accepted
/// again unchanged when checked a second time (which is what the stored answers go through).
/// </summary>
public sealed class StepValidatorHostileTests
{
    private static readonly TriageAnswers[] Bases = [Build(SenPages()), Build(BullyingPages()), Build(FacilitationPages()), TriageAnswers.Empty];

    /// <summary>A page's post: each field valid, spoiled, hostile or missing; sometimes a key the page never asked.</summary>
    public static Gen<Dictionary<string, string?>> Post(Step step, TriageAnswers answers) =>
        Gen.Select(
            HostileValues.Each(step.Fields.Select(f => Value(f, answers))),
            Gen.Frequency((8, Gen.Const((string?)null)), (1, Gen.OneOf<string?>("owner-id", "status", "reference", "", " ", "route\0", step.Fields.Count > 0 ? step.Fields[0].Key.ToUpperInvariant() : "x"))),
            Gen.Bool.Array[step.Fields.Count],
            (values, extra, omit) =>
            {
                var post = new Dictionary<string, string?>(StringComparer.Ordinal);
                for (var i = 0; i < step.Fields.Count; i++)
                {
                    if (!omit[i] || i % 2 == 0)
                    {
                        post[step.Fields[i].Key] = values[i];
                    }
                }

                if (extra is not null)
                {
                    post[extra] = "sen";
                }

                return post;
            });

    public static Gen<string?> Value(Field field, TriageAnswers answers)
    {
        var options = field.Options(answers, Context).Select(o => o.Value).ToArray();
        var valid = field.Kind switch
        {
            FieldKind.Radios or FieldKind.Checkboxes when options.Length > 0 => Gen.OneOf(options).SelectMany(HostileValues.Around),
            FieldKind.Checkboxes => HostileValues.Text,
            FieldKind.Date => Gen.Frequency((3, Gen.DateOnly[Today.AddYears(-30), Today.AddYears(7)].Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))), (2, HostileValues.DateText)),
            FieldKind.Email => Gen.OneOf("parent@example.com", "a@b.co", "first.last+tag@example.org", "ü@example.com").SelectMany(HostileValues.Around),
            FieldKind.Phone => Gen.OneOf("07700 900 982", "+44 808 157 0192", "(01632) 960-001", "٠٧٧٠٠٩٠٠٩٨٢", "０７７００９００９８２").SelectMany(HostileValues.Around),
            _ => Gen.OneOf("Hillside Primary", "Siân O'Brien-Núñez", "مريم", "Łukasz", "A plan to keep my son safe.\nAnd a review.").SelectMany(HostileValues.Around),
        };
        return Gen.Frequency((1, Gen.Const((string?)null)), (8, valid.Select(v => (string?)v)), (3, HostileValues.Text.Select(v => (string?)v)));
    }

    [Fact]
    public void EveryField_GivenHostileValues_NeverThrows_AndAcceptsOnlyWhatAPersonCouldType()
    {
        var cases = Gen.Int[0, Bases.Length - 1].SelectMany(b => Gen.Int[0, TriageQuestions.All.Count - 1].SelectMany(s =>
            Post(TriageQuestions.All[s], Bases[b]).Select(post => (Base: b, Step: s, Post: post))));

        var accepted = 0;
        cases.Sample(c =>
        {
            var step = TriageQuestions.All[c.Step];
            var answers = Bases[c.Base];
            var result = StepValidator.Validate(step, c.Post, answers, Context);
            if (!result.IsValid)
            {
                Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
                return;
            }

            accepted++;
            AssertStorable(step, result.Values, answers);
            var again = StepValidator.Validate(step, result.Values, answers, Context);
            Assert.True(again.IsValid, $"{step.Key}: accepted once, refused the second time: {string.Join("; ", again.Errors.Select(e => e.Message))}");
            Assert.Equal(result.Values, again.Values);
        }, iter: 20_000, threads: 1, print: c => $"{TriageQuestions.All[c.Step].Key} on base {c.Base}: {string.Join(", ", c.Post.Select(p => $"{HostileValues.Show(p.Key)}={HostileValues.Show(p.Value)}"))}");

        // The generator also offers good values: a good share is accepted, so the checks above do run.
        Assert.InRange(accepted, 2_000, 18_000);
    }

    /// <summary>What may be stored for a page: each value well formed, within its length, one of the options offered, a real date.</summary>
    internal static void AssertStorable(Step step, IReadOnlyDictionary<string, string?> values, TriageAnswers answers, TriageContext? context = null)
    {
        foreach (var (key, value) in values)
        {
            var field = step.Fields.SingleOrDefault(f => f.Key == key);
            Assert.True(field is not null, $"{step.Key}: stored a value for {HostileValues.Show(key)}, which the page does not ask");
            if (value is null)
            {
                continue;
            }

            Assert.True(value.Length > 0 && value == value.Trim(), $"{key}: stored '{HostileValues.Show(value)}' untrimmed or empty");
            Assert.True(TypedText.IsWellFormed(value, field.Kind == FieldKind.TextArea), $"{key}: stored '{HostileValues.Show(value)}'");
            var options = field.Options(answers, context ?? Context).Select(o => o.Value).ToHashSet(StringComparer.Ordinal);
            switch (field.Kind)
            {
                case FieldKind.Radios:
                    Assert.Contains(value, options);
                    break;
                case FieldKind.Checkboxes:
                    Assert.All(value.Split(','), v => Assert.Contains(v, options));
                    break;
                case FieldKind.Date:
                    Assert.True(DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date), value);
                    Assert.InRange(date, Today.AddYears(-30), Today.AddYears(6));
                    break;
                default:
                    Assert.True(value.Length <= field.MaxLength, $"{key}: {value.Length} characters stored, at most {field.MaxLength}");
                    break;
            }
        }
    }
}
