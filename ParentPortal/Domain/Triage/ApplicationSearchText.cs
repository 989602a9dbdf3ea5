namespace ParentPortal.Domain.Triage;

/// <summary>
/// What advisers can find a family by, kept in one lower-case column so the same LIKE query works on
/// SQLite and PostgreSQL: reference, parent's name and e-mail, phone digits, the child's name.
/// </summary>
public static class ApplicationSearchText
{
    public static string For(TriageAnswers answers, string? ownerName, string? ownerEmail, string? reference)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var phone = new string([.. (answers[AnswerKeys.ContactPhone] ?? "").Where(char.IsDigit)]);
        var parts = new[]
        {
            reference,
            ownerName,
            ownerEmail,
            answers[AnswerKeys.ParentName],
            answers[AnswerKeys.FamilyName],
            answers[AnswerKeys.ContactEmail],
            phone.StartsWith("44", StringComparison.Ordinal) ? "0" + phone[2..] : phone,
            answers[AnswerKeys.ChildFirstName] + " " + answers[AnswerKeys.ChildLastName],
        };
        var text = string.Join(" | ", parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim().ToLowerInvariant()));
        return text.Length > 1000 ? text[..1000] : text;
    }

    /// <summary>A search as typed, in the same form: lower case, and a phone number as digits (+44 as 0).</summary>
    public static string Normalise(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var trimmed = query.Trim().ToLowerInvariant();
        var digits = new string([.. trimmed.Where(char.IsDigit)]);
        var looksLikePhone = digits.Length >= 6 && trimmed.All(c => char.IsDigit(c) || c is ' ' or '+' or '(' or ')' or '-');
        return looksLikePhone ? (digits.StartsWith("44", StringComparison.Ordinal) ? "0" + digits[2..] : digits) : trimmed;
    }
}
