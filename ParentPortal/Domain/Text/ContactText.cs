using System.Net.Mail;

namespace ParentPortal.Domain.Text;

/// <summary>Whether typed contact details look like what they are meant to be.</summary>
public static class ContactText
{
    /// <summary>A UK or international number as people write it: digits with spaces, brackets, dashes and a leading +.</summary>
    public static bool IsPhoneNumber(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = text.Count(char.IsAsciiDigit);
        return digits is >= 10 and <= 15
            && text.All(c => char.IsAsciiDigit(c) || c is ' ' or '(' or ')' or '-' or '+')
            && text.LastIndexOf('+') <= 0;
    }

    /// <summary>One address, as a mail server would take it: name@domain.tld, no spaces, no display name.</summary>
    public static bool IsEmailAddress(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0
            && at == text.LastIndexOf('@')
            && text.IndexOf('.', at) > at + 1
            && !text.EndsWith('.')
            && !text.Any(char.IsWhiteSpace)
            && MailAddress.TryCreate(text, out var address)
            && address.Address == text;
    }
}
