using ParentPortal.Domain.Text;

namespace ParentPortal.Domain.Messaging;

/// <summary>
/// What the portal knows about each kind of message beyond its text (issue 15 items 2 and 5): which a family may turn off
/// (reminders and the survey; every legal and case message always goes), which are pointless by post (a reminder of
/// something in the next days), and the line a text message carries. A text message never carries the case's details: it
/// says there is news, gives the reference, and asks them to sign in or call; no child's name, need or diagnosis, and
/// nothing that would let a reader of the phone infer one (not "SEND tribunal", not the advocacy service for minority
/// ethnic families, not a parental supporter for special educational needs).
/// </summary>
public static class MessageKinds
{
    /// <summary>A message telling a member of staff straight away that something needs them.</summary>
    public const string StaffNotice = "staff-notice";

    /// <summary>The 8am summary of a member of staff's work.</summary>
    public const string StaffDigest = "staff-digest";

    private static readonly HashSet<string> Optional = new(StringComparer.Ordinal)
    {
        "session-reminder", "case-meeting-reminder", "agreed-action-reminder", "survey-request",
    };

    private static readonly HashSet<string> ShortNotice = new(StringComparer.Ordinal)
    {
        "session-reminder", "case-meeting-reminder", "agreed-action-reminder",
    };

    private static readonly Dictionary<string, string> TextLines = new(StringComparer.Ordinal)
    {
        ["application-submitted"] = "We have received your application.",
        ["draft-deletion-warning"] = "Your unfinished application will be deleted soon unless you carry on with it.",
        ["application-withdrawn"] = "You have withdrawn your application.",
        ["session-booked"] = "Your place on an information session is booked.",
        ["session-changed"] = "The time or place of your information session has changed.",
        ["session-cancelled"] = "Your information session has been cancelled.",
        ["session-place-cancelled"] = "Your place on an information session has been cancelled.",
        ["session-offer"] = "A place on an information session is free for you.",
        ["session-waiting-list"] = "You are on the waiting list for an information session.",
        ["session-reminder"] = "A reminder of your information session.",
        ["case-meeting"] = "Your meeting has been arranged.",
        ["case-meeting-changed"] = "Your meeting has changed.",
        ["case-meeting-reminder"] = "A reminder of your meeting.",
        ["case-meeting-cancelled"] = "Your meeting has been cancelled.",
        ["meeting-agenda"] = "The agenda for your meeting is ready.",
        ["meeting-record-copy"] = "The record of your meeting is ready.",
        ["meeting-invitation"] = "You are invited to a meeting we are arranging, or it has changed.",
        ["meeting-reminder"] = "A reminder of a meeting you are invited to.",
        ["meeting-cancelled"] = "A meeting you were invited to has been cancelled, or you are no longer needed at it.",
        ["document-ready"] = "A document is ready for you to download.",
        ["agreement"] = "There is news about your mediation agreement: it is ready to sign, or signed by everyone.",
        ["agreed-action-reminder"] = "A reminder of an action agreed at your meeting.",
        ["appeal-reminder"] = "A reminder: an important deadline on your case is coming up.",
        ["survey-request"] = "Please tell us how we did.",
        ["correction-made"] = "We have corrected your application as you asked.",
        ["correction-not-made"] = "We have replied about the correction you asked for.",
        ["advocacy-referred"] = "We have passed your details on, as you asked.",
        ["ips-assigned-family"] = "A supporter will get in touch with you.",
    };

    /// <summary>A reminder or the survey: the family may turn these off.</summary>
    public static bool IsOptional(string kind) => Optional.Contains(kind);

    /// <summary>A reminder of something in the next days: a letter would arrive too late to help.</summary>
    public static bool TooLateByPost(string kind) => ShortNotice.Contains(kind);

    /// <summary>
    /// The text message for a message of this kind: the service's name, a line saying what happened, the reference, and how to
    /// find out more. The same for every family, so it can carry nothing about theirs.
    /// </summary>
    public static string Text(string kind, string? reference, string serviceName, string helplinePhone) =>
        TextWording(kind, reference, serviceName, helplinePhone).English;

    /// <summary>A text message's words as a template (issue 17): said in the family's language where it is sent.</summary>
    public static Wording TextWording(string kind, string? reference, string serviceName, string helplinePhone)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        var (service, phone) = (WordingPart.AsTyped(serviceName), WordingPart.AsTyped(helplinePhone));
        if (kind == StaffNotice)
        {
            // To a member of staff: no helpline to call, they sign in.
            return string.IsNullOrEmpty(reference)
                ? Wording.Format("{0}: something on your work needs you. Sign in to the portal to see it.", service)
                : Wording.Format("{0}: something on your work needs you ({1}). Sign in to the portal to see it.", service, WordingPart.AsTyped(reference));
        }

        var line = WordingPart.Words(TextLines.GetValueOrDefault(kind, "We have an update about your application."));
        return string.IsNullOrEmpty(reference)
            ? Wording.Format("{0}: {1} Sign in to your account to see the details, or call us on {2}.", service, line, phone)
            : Wording.Format("{0}: {1} Your reference is {2}. Sign in to your account to see the details, or call us on {3}.", service, line, WordingPart.AsTyped(reference), phone);
    }

    /// <summary>The kinds with their own text line (every kind a family is sent), for the tests that read each text.</summary>
    public static IReadOnlyCollection<string> WithTextLines => TextLines.Keys;
}
