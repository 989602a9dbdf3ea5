using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ParentPortal.Features.Documents.Models;

namespace ParentPortal.Features.Documents;

/// <summary>
/// The content of a mediation agreement that signatures are bound to, and its SHA-256 hash.
/// <para>
/// Canonical form, version 1: compact JSON (UTF-8, no whitespace between tokens), properties in this fixed order:
/// <c>format</c> ("parentportal/mediation-agreement/v1"), <c>reference</c>, <c>organisation</c>, <c>mediationDate</c>,
/// <c>localAuthority</c>, <c>childName</c> (null when absent), <c>attendees</c> (objects: <c>name</c>, <c>role</c>,
/// <c>isParty</c>, <c>isDecisionMaker</c>), <c>issues</c>, <c>actions</c> (objects: <c>what</c>, <c>who</c>, <c>by</c>),
/// <c>mattersNotAgreed</c>, <c>confidentialityStatement</c>. Lists keep the order the document prints them in.
/// Strings are in Unicode NFC with line endings as "\n" (the PDF prints them that way, so text that looks the same hashes
/// the same); only quote, backslash and control characters are escaped. Dates are ISO 8601 (yyyy-MM-dd).
/// </para>
/// <para>Signatures and the verification code are not content: they are added after signing and do not change the hash.</para>
/// </summary>
public static class AgreementContent
{
    public const string Format = "parentportal/mediation-agreement/v1";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string CanonicalText(MediationAgreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteString("reference", Text(agreement.Reference));
            json.WriteString("organisation", Text(agreement.Organisation));
            json.WriteString("mediationDate", Date(agreement.MediationDate));
            json.WriteString("localAuthority", Text(agreement.LocalAuthority));
            if (agreement.School is { } school)
            {
                // Only in a bullying mediation's content, so an SEN agreement's fingerprint is as it always was.
                json.WriteString("school", Text(school));
            }

            if (agreement.ChildName is { } child)
            {
                json.WriteString("childName", Text(child));
            }
            else
            {
                json.WriteNull("childName");
            }

            json.WriteStartArray("attendees");
            foreach (var attendee in agreement.Attendees)
            {
                json.WriteStartObject();
                json.WriteString("name", Text(attendee.Name));
                json.WriteString("role", Text(attendee.Role));
                json.WriteBoolean("isParty", attendee.IsParty);
                json.WriteBoolean("isDecisionMaker", attendee.IsDecisionMaker);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteStrings(json, "issues", agreement.Issues);
            json.WriteStartArray("actions");
            foreach (var action in agreement.Actions)
            {
                json.WriteStartObject();
                json.WriteString("what", Text(action.What));
                json.WriteString("who", Text(action.Who));
                json.WriteString("by", Date(action.By));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteStrings(json, "mattersNotAgreed", agreement.MattersNotAgreed);
            json.WriteString("confidentialityStatement", Text(agreement.ConfidentialityStatement));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>SHA-256 of the UTF-8 bytes of <see cref="CanonicalText"/>, as 64 lowercase hexadecimal digits.</summary>
    public static string Hash(MediationAgreement agreement) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText(agreement))));

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(Text(value));
        }

        json.WriteEndArray();
    }

    private static string Text(string value) =>
        value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Normalize(NormalizationForm.FormC);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
