using ParentPortal.Domain.Triage;
using static ParentPortal.Tests.Domain.Triage.TriageFixtures;

namespace ParentPortal.Tests.Domain.Triage;

public sealed class StepValidatorTests
{
    private static StepValidationResult Validate(string stepKey, Dictionary<string, string?> posted, TriageAnswers? answers = null) =>
        StepValidator.Validate(TriageQuestions.Find(stepKey)!, posted, answers ?? TriageAnswers.Empty, Context);

    [Fact]
    public void Radios_Missing_AsksForAnAnswerNamingTheQuestion()
    {
        var result = Validate("route", new() { ["route"] = null });

        Assert.Equal([new FieldError("route", "Select what you need help with")], result.Errors);
    }

    [Theory]
    [InlineData("route", "route", "divorce")]
    [InlineData("local-authority", "local-authority", "somewhere-we-do-not-serve")]
    [InlineData("sen-decision", "sen-decision", "refusal-to-assess ")]
    public void Radios_AValueThePageNeverOffered_IsRefused(string step, string field, string value)
    {
        var result = Validate(step, new() { [field] = value + "x" });

        Assert.False(result.IsValid);
        Assert.Equal(field, result.Errors[0].FieldKey);
    }

    [Fact]
    public void AFieldThePageDoesNotAsk_IsRefusedAndNothingIsKept()
    {
        var result = Validate("route", new() { ["route"] = "sen", ["owner-id"] = "someone-else" });

        Assert.Equal(StepValidator.PageErrorKey, Assert.Single(result.Errors).FieldKey);
        Assert.Empty(result.Values);
    }

    [Fact]
    public void Text_OverItsLength_IsRefusedWithTheLimit()
    {
        var result = Validate("child-name", new() { ["child-first-name"] = new string('a', 101), ["child-last-name"] = "Taylor" });

        Assert.Equal([new FieldError("child-first-name", "First name must be 100 characters or fewer")], result.Errors);
    }

    [Theory]
    [InlineData("Priya 😊 Shah", "😊")]
    [InlineData("Sam 👍🏽", "👍")]
    [InlineData("Zoë \u0378", "\u0378")]
    [InlineData("Ali \uE000", "\uE000")]
    [InlineData("Sam ✓ Taylor", "✓")]
    [InlineData("Sam@Taylor", "@")]
    public void Name_WithAnEmojiSymbolOrUnassignedCharacter_IsRefusedKindlyNamingIt(string name, string character)
    {
        var result = Validate("your-name", new() { [AnswerKeys.ParentName] = name });

        var error = Assert.Single(result.Errors);
        Assert.Equal(AnswerKeys.ParentName, error.FieldKey);
        Assert.Equal($"Your full name must only include letters, spaces, hyphens and apostrophes, not emoji or other symbols (remove \u201C{character}\u201D)", error.Message);
        Assert.All(result.Values, v => Assert.Null(v.Value));
    }

    [Theory]
    [InlineData("Siân O'Brien-Núñez")]
    [InlineData("王秀英")]
    [InlineData("অনন্যা রহমান")]
    [InlineData("ਹਰਪ੍ਰੀਤ ਸਿੰਘ")]
    [InlineData("عائشہ خان")]
    [InlineData("Dr. J. R. R. Tolkien")]
    [InlineData("Parent 2")]
    [InlineData("ཚེ་རིང་")]
    [InlineData("ミカ・タナカ")]
    public void Name_InAnyScript_IsAccepted(string name)
    {
        var result = Validate("your-name", new() { [AnswerKeys.ParentName] = name });

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    [Fact]
    public void FreeText_WithAnEmoji_IsRefused_ButOrdinarySymbolsAreFine()
    {
        var emoji = Validate("facilitation-help", new() { [AnswerKeys.FacilitationHelp] = "chair", [AnswerKeys.FacilitationHelpDetails] = "Thank you 🙏" });
        var symbols = Validate("facilitation-help", new() { [AnswerKeys.FacilitationHelp] = "chair", [AnswerKeys.FacilitationHelpDetails] = "Costs £20 & more (50%) © school" });

        Assert.Contains("cannot include emoji or other symbols that cannot be printed (remove \u201C🙏\u201D)", Assert.Single(emoji.Errors).Message, StringComparison.Ordinal);
        Assert.True(symbols.IsValid);
    }

    [Fact]
    public void Text_WithControlCharacters_IsRefused()
    {
        var result = Validate("child-name", new() { ["child-first-name"] = "Sam\u0000", ["child-last-name"] = "Taylor" });

        Assert.Equal("child-first-name", Assert.Single(result.Errors).FieldKey);
    }

    [Fact]
    public void Text_IsTrimmedAndNormalised_SoAccentedNamesCompareEqual()
    {
        var result = Validate("child-name", new() { ["child-first-name"] = "  Sia\u0302n ", ["child-last-name"] = "Dvořák" });

        Assert.True(result.IsValid);
        Assert.Equal("Siân", result.Values["child-first-name"]);
    }

    [Theory]
    [InlineData("2026-11-21", "The date the decision letter was sent must be today or in the past")]
    [InlineData("2026-02-30", "The date the decision letter was sent must be a real date")]
    [InlineData("2026-13-1", "The date the decision letter was sent must be a real date")]
    [InlineData("2015-01-01", "The date the decision letter was sent must be within the last 10 years")]
    public void LetterDate_OutsideTheRules_GetsAMessageNamingTheDate(string value, string message)
    {
        var result = Validate("sen-letter-date", new() { ["sen-letter-date"] = value });

        Assert.Equal([new FieldError("sen-letter-date", message)], result.Errors);
    }

    [Fact]
    public void LetterDate_Today_IsAccepted() =>
        Assert.True(Validate("sen-letter-date", new() { ["sen-letter-date"] = "2026-11-20" }).IsValid);

    [Theory]
    [InlineData("2000-11-20", false)]
    [InlineData("2000-11-21", true)]
    [InlineData("2026-11-21", false)]
    public void DateOfBirth_MustBeAChildOrYoungPersonUpTo25(string value, bool valid) =>
        Assert.Equal(valid, Validate("child-date-of-birth", new() { ["child-date-of-birth"] = value }).IsValid);

    [Fact]
    public void MeetingDate_InThePast_IsRefused()
    {
        var result = Validate("meeting-date", new() { ["meeting-date-known"] = "yes", ["meeting-date"] = "2026-11-19" });

        Assert.Equal([new FieldError("meeting-date", "The date of the meeting must be today or in the future")], result.Errors);
    }

    [Fact]
    public void RevealedField_WhenItsOptionIsNotChosen_IsClearedEvenIfSent()
    {
        var result = Validate("meeting-date", new() { ["meeting-date-known"] = "no", ["meeting-date"] = "2027-01-01" });

        Assert.True(result.IsValid);
        Assert.Null(result.Values["meeting-date"]);
    }

    [Fact]
    public void Checkboxes_AreStoredInPageOrder()
    {
        var result = Validate("facilitation-help", new() { ["facilitation-help"] = "record,organise" });

        Assert.Equal("organise,record", result.Values["facilitation-help"]);
    }

    [Theory]
    [InlineData("informal,none")]
    [InlineData("informal,informal")]
    [InlineData("informal,expelled")]
    public void Checkboxes_ExclusiveWithOthers_DuplicatesOrUnknownValues_AreRefused(string value)
    {
        var result = Validate("bullying-stages", new() { ["bullying-stages"] = value, ["bullying-informal-date"] = "2026-01-01" });

        Assert.Contains(result.Errors, e => e.FieldKey == "bullying-stages");
    }

    [Fact]
    public void BullyingStage_Ticked_NeedsItsDate()
    {
        var result = Validate("bullying-stages", new() { ["bullying-stages"] = "formal" });

        Assert.Equal([new FieldError("bullying-formal-date", "Enter the date of the formal complaint")], result.Errors);
    }

    [Theory]
    [InlineData("not an email")]
    [InlineData("a@b")]
    [InlineData("two@@example.com")]
    [InlineData("name@example.com\u0000")]
    public void Email_InTheWrongFormat_IsRefused(string email)
    {
        var result = Validate("contact", new() { ["contact-email"] = email, ["contact-method"] = "email" });

        Assert.Contains(result.Errors, e => e.FieldKey == "contact-email");
    }

    [Theory]
    [InlineData("123")]
    [InlineData("call me maybe")]
    [InlineData("0770090098212345678")]
    public void Phone_InTheWrongFormat_IsRefused(string phone)
    {
        var result = Validate("contact", new() { ["contact-phone"] = phone, ["contact-method"] = "phone" });

        Assert.Contains(result.Errors, e => e.FieldKey == "contact-phone");
    }

    [Fact]
    public void Contact_PreferringEmailWithoutAnAddress_IsRefused()
    {
        var result = Validate("contact", new() { ["contact-phone"] = "01632 960 001", ["contact-method"] = "email" });

        Assert.Equal([new FieldError("contact-email", "Enter an email address, or choose to be contacted by telephone")], result.Errors);
    }

    [Theory]
    [InlineData("text", "01632 960 001", null, "We can only send text messages to a mobile number, like 07700 900 982 or +33 6 12 34 56 78. Go back to change the number, or choose email or letter")]
    [InlineData("text", null, "a@example.com", "You have not given a mobile number. Go back to add one, or choose email or letter")]
    [InlineData("email", "07700 900 982", null, "You have not given an email address. Go back to add one, or choose text message or letter")]
    public void Messages_ByAWayTheyGaveNoDetailsFor_IsRefusedKindly(string by, string? phone, string? email, string message)
    {
        var answers = TriageAnswers.From(new Dictionary<string, string> { ["contact-method"] = "phone" }
            .Concat(phone is null ? [] : [new("contact-phone", phone)]).Concat(email is null ? [] : [new("contact-email", email)]).ToDictionary());

        var result = Validate("messages", new() { ["messages-by"] = by }, answers);

        Assert.Equal([new FieldError("messages-by", message)], result.Errors);
        Assert.True(Validate("messages", new() { ["messages-by"] = "letter" }, answers).IsValid);
    }

    [Fact]
    public void PostalAddress_NeedsAFirstLineAndAPostcodeThatLooksLikeOne()
    {
        Assert.Equal(
            [new FieldError("address-line-1", "Enter the first line of your address, like 10 Station Road"), new FieldError("address-postcode", "Enter your postcode, like SW1A 1AA")],
            Validate("postal-address", new() { ["address-line-1"] = "", ["address-postcode"] = " " }).Errors);
        Assert.Equal(
            [new FieldError("address-postcode", "Enter a real postcode, like SW1A 1AA")],
            Validate("postal-address", new() { ["address-line-1"] = "10 Station Road", ["address-postcode"] = "12345" }).Errors);
        Assert.True(Validate("postal-address", new() { ["address-line-1"] = "10 Station Road", ["address-postcode"] = "ls1 4ap" }).IsValid);
    }

    [Fact]
    public void Contact_ForBullyingTelephoneSupport_NeedsANumberToCallBack()
    {
        var bullying = TriageAnswers.From(new Dictionary<string, string> { ["route"] = "bullying" });

        var result = Validate("contact", new() { ["contact-email"] = "a@example.com", ["contact-method"] = "email" }, bullying);

        Assert.Equal([new FieldError("contact-phone", "Enter a telephone number, so an adviser can call you back")], result.Errors);
    }

    [Fact]
    public void Professional_WithoutTheFamilysAgreement_IsToldToAskThemFirst()
    {
        var result = Validate("applicant", new() { ["applicant"] = "professional", ["referrer-name"] = "Dana Shaw", ["applicant-role"] = "SENCo, Hillside Primary", ["professional-type"] = "school", ["family-consent"] = "no" });

        Assert.Contains("family's agreement", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_AreAskedOfEachKindOfApplicant_AndTheirAbsenceIsNamedKindly()
    {
        var parent = TriageAnswers.Empty.WithStep("applicant", new Dictionary<string, string?> { ["applicant"] = "parent" });
        Assert.Contains(TriageFlow.Steps(parent), s => s.Key == "your-name");
        Assert.Equal([new FieldError("parent-name", "Enter your full name")], Validate("your-name", new() { ["parent-name"] = "" }, parent).Errors);
        Assert.Equal("name", TriageQuestions.Find("your-name")!.Fields[0].AutocompleteFor(parent));

        var referral = Validate("applicant", new() { ["applicant"] = "professional", ["applicant-role"] = "SENCo", ["professional-type"] = "school", ["family-consent"] = "yes" });
        Assert.Equal([new FieldError("referrer-name", "Enter your full name")], referral.Errors);
        var professional = TriageAnswers.Empty.WithStep("applicant", new Dictionary<string, string?> { ["applicant"] = "professional" });
        Assert.Contains(TriageFlow.Steps(professional), s => s.Key == "family-name");
        Assert.DoesNotContain(TriageFlow.Steps(professional), s => s.Key == "your-name");
        Assert.Equal([new FieldError("family-name", "Enter the full name of the parent, carer or young person")], Validate("family-name", new() { ["family-name"] = " " }, professional).Errors);
        // The family's e-mail, typed by the professional, is not filled in from the professional's own browser details.
        Assert.Equal("off", TriageQuestions.Find("contact")!.Fields.Single(f => f.Key == "contact-email").AutocompleteFor(professional));
        Assert.Equal("How should we contact the family?", TriageQuestions.Find("contact")!.TitleFor(professional));
    }

    [Fact]
    public void Consent_ToContactSomeone_NeedsWhatMayBeShared()
    {
        var result = Validate("consent", new() { ["consent-contact"] = "school" });

        Assert.Equal([new FieldError("consent-share", "Select what we can share")], result.Errors);
    }
}
