using CsCheck;
using ParentPortal.Domain.Calendar;
using static ParentPortal.Tests.Domain.TestCalendars;

namespace ParentPortal.Tests.Domain.Calendar;

public class BankHolidayFilePropertyTests
{
    [Fact]
    public void Parse_OnArbitraryStrings_NeverThrowsAndAlwaysAnswersOneWay()
    {
        Gen.String.Sample(AssertWellFormedResult, iter: 5_000);
    }

    [Fact]
    public void Parse_OnJsonLikeStrings_NeverThrowsAndAlwaysAnswersOneWay()
    {
        var jsonish = Gen.String["{}[]\":,0123456789-englandwales divisionevents title date notes nulltruefalse\\u"];

        jsonish.Sample(AssertWellFormedResult, iter: 5_000);
    }

    [Fact]
    public void Parse_OnDamagedCopiesOfTheRealFile_NeverThrowsAndAlwaysAnswersOneWay()
    {
        var original = ShippedJson();
        var damage = Gen.Select(
            Gen.Int[0, original.Length - 1],
            Gen.Int[0, 3],
            Gen.Char["{}[]\":,0123456789-x \\"]);

        damage.Sample((position, kind, replacement) =>
        {
            var damaged = kind switch
            {
                0 => original[..position],
                1 => original.Remove(position, 1),
                2 => original.Insert(position, replacement.ToString()),
                _ => string.Concat(original.AsSpan(0, position), replacement.ToString(), original.AsSpan(position + 1)),
            };
            AssertWellFormedResult(damaged);
        }, iter: 3_000);
    }

    private static void AssertWellFormedResult(string text)
    {
        var result = BankHolidayFile.Parse(text);

        if (result.IsSuccess)
        {
            Assert.Null(result.Error);
            Assert.NotEmpty(result.Holidays);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(result.Error));
            Assert.DoesNotContain('\n', result.Error);
            Assert.EndsWith("try again.", result.Error, StringComparison.Ordinal);
            Assert.Empty(result.Holidays);
        }
    }
}
