using ParentPortal.Domain.Calendar;
using static ParentPortal.Tests.Domain.TestCalendars;

namespace ParentPortal.Tests.Domain.Calendar;

public class BankHolidayFileTests
{
    private const string Download = "Download it from https://www.gov.uk/bank-holidays.json and try again.";

    [Fact]
    public void Parse_ShippedFile_CoversEveryYearFrom2018To2030()
    {
        var result = BankHolidayFile.Parse(ShippedJson());

        Assert.True(result.IsSuccess, result.Error);
        Assert.Null(result.Error);
        var years = result.Holidays.Select(h => h.Date.Year).Distinct().Order().ToList();
        Assert.Equal(Enumerable.Range(2018, 13), years);
    }

    [Theory]
    [InlineData("2020-05-08", "Early May bank holiday (VE day)")]
    [InlineData("2022-06-03", "Platinum Jubilee bank holiday")]
    [InlineData("2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II")]
    [InlineData("2023-05-08", "Bank holiday for the coronation of King Charles III")]
    [InlineData("2021-12-27", "Christmas Day (substitute day)")]
    [InlineData("2020-12-28", "Boxing Day (substitute day)")]
    [InlineData("2026-08-31", "Summer bank holiday")]
    public void Parse_ShippedFile_IncludesOneOffAndSubstituteHolidaysWithTheirTitles(string date, string title)
    {
        var result = BankHolidayFile.Parse(ShippedJson());

        Assert.Contains(new BankHoliday(D(date), title), result.Holidays);
    }

    [Fact]
    public void Parse_ShippedFile_ReturnsHolidaysInDateOrderWithoutDuplicates()
    {
        var holidays = BankHolidayFile.Parse(ShippedJson()).Holidays;

        Assert.Equal(holidays.OrderBy(h => h.Date), holidays);
        Assert.Equal(holidays.Count, holidays.Select(h => h.Date).Distinct().Count());
        Assert.Equal(107, holidays.Count);
    }

    [Fact]
    public void Parse_FileWithAllThreeDivisions_ReadsOnlyEnglandAndWales()
    {
        const string json = """
            {
              "england-and-wales": { "division": "england-and-wales", "events": [
                { "title": "New Year’s Day", "date": "2031-01-01", "notes": "", "bunting": true } ] },
              "scotland": { "division": "scotland", "events": [
                { "title": "2nd January", "date": "2031-01-02", "notes": "", "bunting": true } ] },
              "northern-ireland": { "division": "northern-ireland", "events": [
                { "title": "St Patrick’s Day", "date": "2031-03-17", "notes": "", "bunting": true } ] }
            }
            """;

        var result = BankHolidayFile.Parse(json);

        Assert.True(result.IsSuccess, result.Error);
        var holiday = Assert.Single(result.Holidays);
        Assert.Equal(new BankHoliday(D("2031-01-01"), "New Year’s Day"), holiday);
    }

    [Fact]
    public void Parse_EventWithoutNotesOrBunting_IsAccepted()
    {
        const string json = """{"england-and-wales":{"division":"england-and-wales","events":[{"title":"One-off","date":"2031-06-02"}]}}""";

        var result = BankHolidayFile.Parse(json);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(D("2031-06-02"), Assert.Single(result.Holidays).Date);
    }

    [Fact]
    public void Parse_SameDateListedTwiceIdentically_KeepsOne()
    {
        const string json = """
            {"england-and-wales":{"division":"england-and-wales","events":[
              {"title":"Boxing Day","date":"2031-12-26","notes":""},
              {"title":"Boxing Day","date":"2031-12-26","notes":""}]}}
            """;

        var result = BankHolidayFile.Parse(json);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Single(result.Holidays);
    }

    public static TheoryData<string?, string> MalformedFiles => new()
    {
        { null, "The file is empty. " + Download },
        { "", "The file is empty. " + Download },
        { "   \n ", "The file is empty. " + Download },
        { "bank holidays", "The file is not in the GOV.UK bank holidays format because it is not valid JSON. " + Download },
        { """{"england-and-wales": {"division": "england-and-wales", "events": [""", "The file is not in the GOV.UK bank holidays format because it is not valid JSON. " + Download },
        { "[]", "The file is not in the GOV.UK bank holidays format. " + Download },
        { "\"england-and-wales\"", "The file is not in the GOV.UK bank holidays format. " + Download },
        { "{}", "The file has no 'england-and-wales' section. " + Download },
        { """{"scotland":{"division":"scotland","events":[{"title":"2nd January","date":"2031-01-02"}]}}""", "The file has no 'england-and-wales' section. " + Download },
        { """{"england-and-wales":[]}""", "The file has no 'england-and-wales' section. " + Download },
        { """{"england-and-wales":{"division":"scotland","events":[{"title":"2nd January","date":"2031-01-02"}]}}""", "The 'england-and-wales' section is labelled as a different division. " + Download },
        { """{"england-and-wales":{"division":"england-and-wales"}}""", "The 'england-and-wales' section has no list of bank holidays. " + Download },
        { """{"england-and-wales":{"division":"england-and-wales","events":{}}}""", "The 'england-and-wales' section has no list of bank holidays. " + Download },
        { """{"england-and-wales":{"division":"england-and-wales","events":[]}}""", "The 'england-and-wales' section lists no bank holidays. " + Download },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void Parse_MalformedFile_ExplainsWhatIsWrongAndHowToFixIt(string? json, string expected)
    {
        var result = BankHolidayFile.Parse(json);

        Assert.False(result.IsSuccess);
        Assert.Equal(expected, result.Error);
        Assert.Empty(result.Holidays);
    }

    private const string Fix = "Correct it, or download a fresh copy from https://www.gov.uk/bank-holidays.json, and try again.";

    [Theory]
    [InlineData("""[42]""", "Bank holiday number 1 in the file is not in the expected form. " + Fix)]
    [InlineData("""[{"title":"Good Friday","date":"2031-04-11"},{"date":"2031-04-14"}]""", "Bank holiday number 2 in the file has no title. " + Fix)]
    [InlineData("""[{"title":"   ","date":"2031-04-14"}]""", "Bank holiday number 1 in the file has no title. " + Fix)]
    [InlineData("""[{"title":"Easter Monday"}]""", "The bank holiday 'Easter Monday' has no date. " + Fix)]
    [InlineData("""[{"title":"Easter Monday","date":null}]""", "The bank holiday 'Easter Monday' has no date. " + Fix)]
    [InlineData("""[{"title":"Leap","date":"2023-02-29"}]""", "The bank holiday 'Leap' has the date '2023-02-29', which is not a real date written as yyyy-mm-dd. " + Fix)]
    [InlineData("""[{"title":"Impossible","date":"2031-02-30"}]""", "The bank holiday 'Impossible' has the date '2031-02-30', which is not a real date written as yyyy-mm-dd. " + Fix)]
    [InlineData("""[{"title":"Wrong way round","date":"01/05/2031"}]""", "The bank holiday 'Wrong way round' has the date '01/05/2031', which is not a real date written as yyyy-mm-dd. " + Fix)]
    [InlineData("""[{"title":"Short","date":"2031-5-5"}]""", "The bank holiday 'Short' has the date '2031-5-5', which is not a real date written as yyyy-mm-dd. " + Fix)]
    [InlineData("""[{"title":"Number","date":20310505}]""", "The bank holiday 'Number' has the date '20310505', which is not a real date written as yyyy-mm-dd. " + Fix)]
    [InlineData("""[{"title":"Far future","date":"9999-12-25"}]""", "The bank holiday 'Far future' is dated 9999-12-25, outside the years 2000 to 2100 that this service accepts. " + Fix)]
    [InlineData("""[{"title":"Hastings","date":"1066-10-14"}]""", "The bank holiday 'Hastings' is dated 1066-10-14, outside the years 2000 to 2100 that this service accepts. " + Fix)]
    public void Parse_BadEvent_NamesTheEventAndTheProblem(string events, string expected)
    {
        var json = $$$"""{"england-and-wales":{"division":"england-and-wales","events":{{{events}}}}}""";

        var result = BankHolidayFile.Parse(json);

        Assert.False(result.IsSuccess);
        Assert.Equal(expected, result.Error);
    }

    [Fact]
    public void Parse_SameDateWithDifferentNames_AsksForOneToBeRemoved()
    {
        const string json = """
            {"england-and-wales":{"division":"england-and-wales","events":[
              {"title":"Spring bank holiday","date":"2031-05-26"},
              {"title":"Jubilee","date":"2031-05-26"}]}}
            """;

        var result = BankHolidayFile.Parse(json);

        Assert.False(result.IsSuccess);
        Assert.Equal(
            "The date 2031-05-26 is listed twice with different names ('Spring bank holiday' and 'Jubilee'). Remove one of them, or download a fresh copy from https://www.gov.uk/bank-holidays.json, and try again.",
            result.Error);
    }

    [Fact]
    public void Parse_VeryLongTitleInError_IsShortenedToOneLine()
    {
        var title = new string('x', 500) + "\nsecond line";
        var json = $$$"""{"england-and-wales":{"division":"england-and-wales","events":[{"title":"{{{title.Replace("\n", "\\n", StringComparison.Ordinal)}}}","date":"31-12-2031"}]}}""";

        var result = BankHolidayFile.Parse(json);

        Assert.False(result.IsSuccess);
        Assert.DoesNotContain('\n', result.Error);
        Assert.Contains("'" + new string('x', 60) + "…'", result.Error, StringComparison.Ordinal);
    }
}
