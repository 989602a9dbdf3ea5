using ParentPortal.Domain.Text;
using ParentPortal.Domain.Triage;

namespace ParentPortal.Tests.Domain.Text;

public sealed class TextFieldTests
{
    private static readonly TextField Note = new("note", "The note", 10, Lines: true);
    private static readonly TextField Name = new("name", "The name", 10, Missing: "Enter their name");

    [Fact]
    public void Read_TrimsAndComposes_WhatWasTyped()
    {
        var errors = new List<FieldError>();

        Assert.Equal("Sio\u0301n".Normalize(), Name.Read("  Sio\u0301n ", errors));
        Assert.Equal("Siôn", Name.Read("Sio\u0302n", errors));
        Assert.Equal("a\nb", Note.Read("a\nb", errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void Read_OfNothing_IsNull_AndAnErrorOnlyWhenRequired()
    {
        var errors = new List<FieldError>();

        Assert.Null(Name.Read("   ", errors));
        Assert.Empty(errors);
        Assert.Null(Name.Read(null, errors, required: true));
        Assert.Equal(new FieldError("name", "Enter their name"), Assert.Single(errors));
        Assert.Null(Note.Read("", errors, required: true));
        Assert.Equal("Enter the note", errors[1].Message);
    }

    [Fact]
    public void Read_NeverCutsTextShort_ItAsksForShorterText()
    {
        var errors = new List<FieldError>();

        Assert.Null(Name.Read("Marta Nowak-Kowalska", errors));
        Assert.Equal("The name must be 10 characters or fewer (it has 20)", Assert.Single(errors).Message);
    }

    [Fact]
    public void Read_RefusesCharactersNobodyTypes_OnOneLine()
    {
        // Built here, not as theory data: xunit's serialised test cases cannot carry half of a surrogate pair.
        foreach (var typed in new[] { "a\nb", "a\u0000b", "a\u001Bb", "\uD83Dx", "x\uDC00", "a\uFFFE", "a\uFDD0" })
        {
            var errors = new List<FieldError>();

            Assert.Null(Name.Read(typed, errors));
            Assert.Contains("cannot be saved", Assert.Single(errors).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Read_KeepsEmojiAndScripts_WhichAreWellFormed()
    {
        var errors = new List<FieldError>();

        Assert.Equal("مريم 👍", Name.Read("مريم 👍", errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void Read_OfAPersonsName_RefusesEmojiAndSymbols_NamingThem_ButKeepsEveryScript()
    {
        var attendee = new TextField("name", "The attendee's name", 200, IsName: true);
        var errors = new List<FieldError>();

        Assert.Null(attendee.Read("Sam 👍", errors));
        Assert.Equal("নাসরিন আক্তার", attendee.Read("নাসরিন আক্তার", errors));
        Assert.Equal("陳志明", attendee.Read("陳志明", errors));

        Assert.Equal(new FieldError("name", "The attendee's name must only include letters, spaces, hyphens and apostrophes, not emoji or other symbols (remove \u201C👍\u201D)"), Assert.Single(errors));
    }
}
