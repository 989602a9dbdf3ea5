using ParentPortal.Domain.Privacy;
using ParentPortal.Domain.Triage;

namespace ParentPortal.Tests.Domain.Privacy;

public sealed class SharingConsentTests
{
    [Theory]
    [InlineData("school,local-authority", "everything", true, true, ShareChoice.Everything)]
    [InlineData("local-authority", "summary", false, true, ShareChoice.Summary)]
    [InlineData("school", "ask-first", true, false, ShareChoice.AskFirst)]
    [InlineData("none", null, false, false, null)]
    [InlineData(null, null, false, false, null)]
    public void TheConsent_IsReadFromTheAnswersAsSent(string? contact, string? share, bool school, bool la, ShareChoice? expected)
    {
        var values = new Dictionary<string, string>();
        if (contact is not null)
        {
            values[AnswerKeys.ConsentContact] = contact;
        }

        if (share is not null)
        {
            values[AnswerKeys.ConsentShare] = share;
        }

        var consent = SharingConsent.From(TriageAnswers.From(values));

        Assert.Equal(new SharingConsent(school, la, expected), consent);
    }

    [Theory]
    // Only what the family agreed, when the law does not require the local authority to be told.
    [InlineData(false, false, null, null, false, PartyView.Nothing)]
    [InlineData(true, false, ShareChoice.Everything, null, false, PartyView.Nothing)]
    [InlineData(false, true, ShareChoice.Everything, null, false, PartyView.Everything)]
    [InlineData(false, true, ShareChoice.Summary, null, false, PartyView.Summary)]
    [InlineData(false, true, ShareChoice.AskFirst, null, false, PartyView.Nothing)]
    [InlineData(false, true, ShareChoice.AskFirst, true, false, PartyView.Everything)]
    [InlineData(false, true, ShareChoice.AskFirst, false, false, PartyView.Nothing)]
    // Pursuing mediation about an appealable decision: at least the summary, never less, and more only as agreed.
    [InlineData(false, false, null, null, true, PartyView.Summary)]
    [InlineData(true, false, ShareChoice.Everything, null, true, PartyView.Summary)]
    [InlineData(false, true, ShareChoice.AskFirst, null, true, PartyView.Summary)]
    [InlineData(false, true, ShareChoice.AskFirst, false, true, PartyView.Summary)]
    [InlineData(false, true, ShareChoice.Summary, null, true, PartyView.Summary)]
    [InlineData(false, true, ShareChoice.Everything, null, true, PartyView.Everything)]
    public void TheLocalAuthority_SeesWhatTheFamilyAgreed_OrTheSummaryTheLawRequires(bool school, bool la, ShareChoice? share, bool? answer, bool lawRequires, PartyView expected) =>
        Assert.Equal(expected, new SharingConsent(school, la, share, answer).ForLocalAuthority(lawRequires));

    [Fact]
    public void AskFirst_WaitsForAnAnswer_OnlyWhileNobodyHasAnswered()
    {
        Assert.True(new SharingConsent(false, true, ShareChoice.AskFirst).WaitingForAnswer);
        Assert.False(new SharingConsent(false, true, ShareChoice.AskFirst, false).WaitingForAnswer);
        Assert.False(new SharingConsent(false, true, ShareChoice.Summary).WaitingForAnswer);
        Assert.False(SharingConsent.None.WaitingForAnswer);
    }

    [Fact]
    public void TheConsent_ReadsAsWords_ForTheHistory()
    {
        Assert.Equal("Do not contact the school or the local authority", SharingConsent.None.Describe());
        Assert.Equal("May contact the school and the local authority; share only that help was asked for, and what kind", new SharingConsent(true, true, ShareChoice.Summary).Describe());
        Assert.Equal("May contact the local authority; ask the family before sharing anything", new SharingConsent(false, true, ShareChoice.AskFirst).Describe());
    }
}
