using System.Globalization;
using System.Text;

namespace ParentPortal.Features.Reports;

/// <summary>
/// The report as CSV in a long, tidy format: one row per figure with the columns
/// Section, Item, Breakdown, Value, Out of, Percent (see README). RFC 4180 quoting, CRLF line ends, UTF-8 with a
/// byte order mark so Excel reads accented names right, and any cell that a spreadsheet could take for a
/// formula is prefixed with a single quote.
/// </summary>
public static class ReportCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static readonly IReadOnlyList<string> Header = ["Section", "Item", "Breakdown", "Value", "Out of", "Percent"];

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static string FileName(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"report-{Iso(report.From)}-to-{Iso(report.To)}.csv";
    }

    public static byte[] ToBytes(Report report) => [.. Utf8WithBom.GetPreamble(), .. Utf8WithBom.GetBytes(ToText(report))];

    public static string ToText(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        Row(text, Header);
        Row(text, "Period", "From", "", Iso(report.From));
        Row(text, "Period", "To", "", Iso(report.To));

        var calls = report.Calls;
        Row(text, "Calls", "All calls", "", Count(calls.Total));
        foreach (var month in calls.ByMonth)
        {
            var name = month.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            Row(text, "Calls by month", name, "All callers", Count(month.Total));
            for (var i = 0; i < month.ByCallerType.Count; i++)
            {
                Row(text, "Calls by month", name, calls.ByCallerType.Items[i].Label, Count(month.ByCallerType[i]));
            }
        }

        Breakdown(text, "Calls by caller type", calls.ByCallerType);
        Breakdown(text, "Calls by topic", calls.ByTopic);
        Breakdown(text, "Calls by outcome", calls.ByOutcome);
        Breakdown(text, "Calls by language", calls.ByLanguage);
        ShareRow(text, "Calls with an interpreter", "Interpreter used", calls.WithInterpreter);

        Row(text, "Cases", "Cases submitted", "", Count(report.Cases.Total));
        Breakdown(text, "Cases by route", report.Cases.ByRoute);
        Breakdown(text, "Cases by local authority", report.Cases.ByLocalAuthority);

        var outcomes = report.Outcomes;
        ShareRow(text, "Referrals to full mediation", "SEN and bullying cases that went to full mediation", outcomes.ReferredToMediation);
        ShareRow(text, "Agreement", "Mediations held that reached agreement", outcomes.ReachedAgreement);
        ShareRow(text, "Certificates", "Certificates issued within 3 working days", outcomes.CertificatesOnTime);
        ShareRow(text, "Mediation within 30 days", "Mediations held within 30 days of the local authority being told", outcomes.MediationsWithin30Days);

        var satisfaction = report.Satisfaction;
        Row(text, "Satisfaction", "Responses", "", Count(satisfaction.Responses));
        Row(text, "Satisfaction", "Average rating (1 to 5)", "", satisfaction.AverageRating?.ToString("0.0", CultureInfo.InvariantCulture) ?? "");
        Breakdown(text, "Satisfaction by rating", satisfaction.ByRating);
        Breakdown(text, "Satisfaction by language", satisfaction.ByLanguage);

        Breakdown(text, "Applications by language", report.ApplicationLanguages.ByLanguage);
        ShareRow(text, "Applications asking for an interpreter", "Interpreter requested", report.ApplicationLanguages.InterpreterRequested);

        var support = report.Support;
        Row(text, "Supporters", "Applications asking for an advocacy referral", "", Count(support.AdvocacyAsked));
        Row(text, "Supporters", "Referrals to the advocacy service", "", Count(support.AdvocacyReferred));
        Row(text, "Supporters", "Applications asking for an Independent Parental Supporter", "", Count(support.IpsAsked));
        Row(text, "Supporters", "Independent Parental Supporters assigned", "", Count(support.IpsAssigned));
        var referrals = report.Referrals;
        Row(text, "Applications by who made them", "A parent or carer", "", Count(referrals.Parent));
        Row(text, "Applications by who made them", "A young person", "", Count(referrals.YoungPerson));
        Row(text, "Applications by who made them", "Referred by a school", "", Count(referrals.School));
        Row(text, "Applications by who made them", "Referred by the local authority", "", Count(referrals.LocalAuthority));
        Row(text, "Applications by who made them", "Referred by another professional", "", Count(referrals.OtherProfessional));
        var meetings = report.Meetings;
        Row(text, "Meetings", "Individual meetings held", "", Count(meetings.IndividualHeld));
        Row(text, "Meetings", "Individual meetings recorded as not needed", "", Count(meetings.IndividualNotNeeded));
        Row(text, "Meetings", "Joint mediation meetings held", "", Count(meetings.JointHeld));
        Row(text, "Meetings", "Facilitated meetings held", "", Count(meetings.FacilitatedHeld));
        Row(text, "Meetings", "Telephone support call-backs held", "", Count(meetings.CallBacksHeld));
        var actions = report.AgreedActions;
        Row(text, "Agreements", "Agreements signed by everyone", "", Count(actions.AgreementsSigned));
        Row(text, "Agreements", "Agreements a party declined to sign", "", Count(actions.AgreementsDeclined));
        ShareRow(text, "Agreed actions", "Agreed actions due in the period done by their date", actions.DoneOnTime);
        Row(text, "Agreed actions", "Agreed actions due in the period done late or not yet done", "", Count(actions.Late));
        Row(text, "Agreed actions", "Agreed actions the family told us had not happened", "", Count(actions.FamilySaidNotDone));
        var appeals = report.Appeals;
        Row(text, "Appeals", "SEN certificates issued in the period", "", Count(appeals.Certificates));
        Row(text, "Appeals", "Families who told us about an appeal", "", Count(appeals.Told));
        Row(text, "Appeals", "Families who decided not to appeal", "", Count(appeals.NotAppealing));
        Row(text, "Appeals", "Families who appealed", "", Count(appeals.Appealed));
        ShareRow(text, "Appeals", "Appeals resolved before a hearing", appeals.ResolvedBeforeHearing);
        return text.ToString();
    }

    /// <summary>One cell: made safe from formula injection, then quoted if it holds a comma, quote or line break.</summary>
    public static string Cell(string? value)
    {
        var cell = value ?? "";
        if (cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            cell = "'" + cell;
        }

        return cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }

    private static void Breakdown(StringBuilder text, string section, Breakdown breakdown)
    {
        foreach (var item in breakdown.Items)
        {
            ShareRow(text, section, item.Label, breakdown.ShareOf(item));
        }
    }

    private static void ShareRow(StringBuilder text, string section, string item, Share share) =>
        Row(text, section, item, "", Count(share.Count), Count(share.OutOf), share.Percent?.ToString("0.0", CultureInfo.InvariantCulture) ?? "");

    private static void Row(StringBuilder text, params IReadOnlyList<string> cells)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(Cell(i < cells.Count ? cells[i] : ""));
        }

        text.Append("\r\n");
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
