using Microsoft.EntityFrameworkCore;
using ParentPortal.Domain.Triage;
using ParentPortal.Features.Apply;
using ParentPortal.Features.Cases;
using ParentPortal.Tests.Domain.Triage;
using ParentPortal.Tests.TestSupport;
using static ParentPortal.Tests.Features.Cases.CaseTestData;

namespace ParentPortal.Tests.Features.Apply;

/// <summary>Issue 14 item 2: the family change their contact details at any time, through the journey's checks; the staff are told.</summary>
public sealed class ChangeContactDetailsTests : IAsyncLifetime
{
    private ApplicationsHost _host = null!;

    public async Task InitializeAsync() => _host = await ApplicationsHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheFamily_ChangeTheirDetails_MessagesUseTheNewAddress_AndTheHistorySaysWhatChangedNotTheValues()
    {
        var id = await SenCaseAsync(_host);
        Succeeded(await _host.Get<TakeCaseHandler>().HandleAsync(Adviser, id));
        var contact = _host.Get<ChangeContactDetailsHandler>();
        var current = (await contact.GetAsync(Sam, id))!.Current;
        Assert.Equal(("parent@example.com", "email"), (current.Email, current.Method));

        // Phone preferred: the journey then asks when to call, and so does this page.
        var refused = await contact.HandleAsync(Sam, id, new ContactDetailsForm { Phone = "", Email = "sam.new@example.com", Method = "phone" });
        Assert.Equal(AnswerKeys.ContactPhone, Assert.Single(refused!.Errors).FieldKey);
        refused = await contact.HandleAsync(Sam, id, new ContactDetailsForm { Phone = "07700 900 123", Email = "sam.new@example.com", Method = "phone" });
        Assert.Equal(AnswerKeys.CallTimes, Assert.Single(refused!.Errors).FieldKey);
        Assert.Equal("parent@example.com", (await contact.GetAsync(Sam, id))!.Current.Email);

        // ... and how to send confirmations and reminders.
        refused = await contact.HandleAsync(Sam, id, new ContactDetailsForm { Phone = "07700 900 123", Email = "sam.new@example.com", Method = "phone", CallTimes = ["morning"] });
        Assert.Equal(AnswerKeys.MessagesBy, Assert.Single(refused!.Errors).FieldKey);

        var changed = await contact.HandleAsync(Sam, id, new ContactDetailsForm { Phone = "07700 900 123", Email = "sam.new@example.com", Method = "phone", CallTimes = ["morning"], MessagesBy = "email" });
        Assert.True(changed!.Succeeded && changed.Changed);
        var family = await _host.Get<FamilyCaseQuery>().HandleAsync(Sam, id);
        Assert.Equal("sam.new@example.com", family!.Answers[AnswerKeys.ContactEmail]);
        Assert.Contains(family.Timeline, e => e.What == "You changed your contact details");
        // Nothing changed: nothing recorded.
        Assert.False((await contact.HandleAsync(Sam, id, new ContactDetailsForm { Phone = "07700 900 123", Email = "sam.new@example.com", Method = "phone", CallTimes = ["morning"], MessagesBy = "email" }))!.Changed);

        // The next message to the family goes to the new address.
        Assert.True((await _host.Get<WithdrawApplicationHandler>().HandleAsync(Sam, id, null))!.Succeeded);
        await using var db = await _host.DbAsync();
        var history = await db.CaseEvents.SingleAsync(e => e.ApplicationId == id && e.Kind == "contact-details-changed");
        Assert.DoesNotContain("sam.new", history.Note, StringComparison.Ordinal);
        Assert.Contains("Email", history.Note, StringComparison.Ordinal);
        var toStaff = await db.OutboxMessages.SingleAsync(m => m.ApplicationId == id && m.Kind == "contact-details-changed");
        Assert.False(toStaff.ToFamily);
        Assert.DoesNotContain("sam.new", toStaff.Body, StringComparison.Ordinal);
        Assert.Equal("sam.new@example.com", (await db.OutboxMessages.SingleAsync(m => m.ApplicationId == id && m.Kind == "application-withdrawn")).ToAddress);
    }

    [Fact]
    public async Task TheFamily_ChooseTextsOrLetters_AndWhatHasNotGoneYetGoesTheNewWay()
    {
        var id = await SenCaseAsync(_host);
        var contact = _host.Get<ChangeContactDetailsHandler>();
        var texts = new ContactDetailsForm { Phone = "07700 900 123", Method = "phone", CallTimes = ["any"], MessagesBy = "text" };

        // A landline cannot get texts: said kindly, and nothing is lost.
        var refused = await contact.HandleAsync(Sam, id, new ContactDetailsForm { Phone = "01632 960 001", Method = "phone", CallTimes = ["any"], MessagesBy = "text" });
        Assert.StartsWith("We can only send text messages to a mobile number", Assert.Single(refused!.Errors).Message, StringComparison.Ordinal);

        Assert.True((await contact.HandleAsync(Sam, id, texts))!.Changed);
        await using (var db = await _host.DbAsync())
        {
            // The confirmation written when they applied, not sent yet, now goes as a text with only the reference.
            var confirmation = await db.OutboxMessages.SingleAsync(m => m.ApplicationId == id && m.Kind == "application-submitted");
            Assert.Equal((ParentPortal.Domain.Messaging.MessageChannel.Text, "+447700900123"), (confirmation.Channel, confirmation.ToAddress));
            Assert.Contains((await db.Applications.SingleAsync(a => a.Id == id)).Reference!, confirmation.ShortText, StringComparison.Ordinal);
        }

        // Letters: the address is checked as the journey checks it.
        var letters = new ContactDetailsForm { Phone = "01632 960 001", Method = "phone", CallTimes = ["any"], MessagesBy = "letter", AddressLine1 = "10 Station Road", AddressPostcode = "LS1" };
        Assert.Equal(AnswerKeys.AddressPostcode, Assert.Single((await contact.HandleAsync(Sam, id, letters))!.Errors).FieldKey);
        letters.AddressPostcode = "ls1 4ap";
        letters.OptionalMessages = "off";
        Assert.True((await contact.HandleAsync(Sam, id, letters))!.Changed);
        var current = (await contact.GetAsync(Sam, id))!.Current;
        Assert.Equal(("letter", "10 Station Road", "off"), (current.MessagesBy, current.AddressLine1, current.OptionalMessages));
        await using (var db = await _host.DbAsync())
        {
            var confirmation = await db.OutboxMessages.SingleAsync(m => m.ApplicationId == id && m.Kind == "application-submitted");
            Assert.Equal((ParentPortal.Domain.Messaging.MessageChannel.Letter, "10 Station Road\nLS1 4AP"), (confirmation.Channel, confirmation.ToAddress));
            var history = await db.CaseEvents.Where(e => e.ApplicationId == id && e.Kind == "contact-details-changed").OrderBy(e => e.Id).Select(e => e.Note ?? "").ToListAsync();
            Assert.Contains("Reminders and the survey", history[^1], StringComparison.Ordinal);
            Assert.All(history, note => Assert.DoesNotContain("Station", note, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task BadAnswersForHowMessagesGo_AreRefusedKindly_AndWhatWasSavedStays()
    {
        var id = await SenCaseAsync(_host);
        var contact = _host.Get<ChangeContactDetailsHandler>();
        ContactDetailsForm Letters(string? line1, string? postcode, string? by = "letter") =>
            new() { Phone = "01632 960 001", Method = "phone", CallTimes = ["any"], MessagesBy = by, AddressLine1 = line1, AddressPostcode = postcode };

        Assert.Equal("Select how we should send you confirmations and reminders", Assert.Single((await contact.HandleAsync(Sam, id, Letters("1 Road", "LS1 4AP", by: "pigeon")))!.Errors).Message);
        Assert.Equal("Enter the first line of your address, like 10 Station Road", Assert.Single((await contact.HandleAsync(Sam, id, Letters("  ", "LS1 4AP")))!.Errors).Message);
        Assert.Equal("Address line 1 must be 100 characters or fewer", Assert.Single((await contact.HandleAsync(Sam, id, Letters(new string('a', 5000), "LS1 4AP")))!.Errors).Message);
        Assert.Equal("Postcode must be 10 characters or fewer", Assert.Single((await contact.HandleAsync(Sam, id, Letters("1 Road", new string('9', 5000))))!.Errors).Message);

        // Nothing of the refused forms was kept: the answers are still those sent with the application.
        var current = (await contact.GetAsync(Sam, id))!.Current;
        Assert.Equal(("email", null, null), (current.Method, current.MessagesBy, current.AddressLine1));
        // The same form twice: saved once, then "nothing changed".
        Assert.True((await contact.HandleAsync(Sam, id, Letters("1 Road", "LS1 4AP")))!.Changed);
        Assert.False((await contact.HandleAsync(Sam, id, Letters("1 Road", "LS1 4AP")))!.Changed);
    }

    [Fact]
    public async Task OnlyTheFamily_MayChangeThem_WhileTheCaseIsOpen()
    {
        var id = await SubmitAsync(_host, Sam, TriageFixtures.BullyingPages());
        var contact = _host.Get<ChangeContactDetailsHandler>();
        var form = new ContactDetailsForm { Phone = "07700 900 456", Email = "x@example.com", Method = "email", CallTimes = ["any"] };
        Assert.Null(await contact.GetAsync(Lukasz, id));
        Assert.Null(await contact.HandleAsync(Lukasz, id, form));
        Assert.Null(await contact.HandleAsync(Adviser, id, form));
        // A bullying complaint needs a number to call back.
        Assert.Equal(AnswerKeys.ContactPhone, Assert.Single((await contact.HandleAsync(Sam, id, new ContactDetailsForm { Email = "x@example.com", Method = "email" }))!.Errors).FieldKey);

        // Closed: the page says so kindly, and nothing is changed.
        Assert.True((await _host.Get<WithdrawApplicationHandler>().HandleAsync(Sam, id, null))!.Succeeded);
        Assert.True((await contact.GetAsync(Sam, id))!.Closed);
        Assert.Equal(ChangeContactDetailsHandler.ClosedMessage, Assert.Single((await contact.HandleAsync(Sam, id, form))!.Errors).Message);
        Assert.Null(await contact.GetAsync(Lukasz, id));
    }
}
