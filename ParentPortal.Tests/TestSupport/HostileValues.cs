using System.Globalization;
using System.Text;
using CsCheck;

namespace ParentPortal.Tests.TestSupport;

/// <summary>
/// What a hostile or careless client can send in place of a form value: control characters and NUL, halves of
/// surrogate pairs, direction marks and overrides, emoji, 10,000-character strings, SQL, HTML and script
/// fragments, numbers out of range and dates far in the past or future. The fault suite's generators share them.
/// </summary>
public static partial class HostileValues
{
    /// <summary>What these values would put in a page if one were written out unencoded.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("<script>alert|<img src=x onerror|<svg onload|</textarea><svg")]
    public static partial System.Text.RegularExpressions.Regex RawMarkup();

    /// <summary>One each of the characters that break careless code.</summary>
    public const string OddChars =
        "\0\u0001\u0007\b\u000B\u000C\u001B\u007F\u0085\u2028\u2029\uD800\uDBFF\uDC00\uDFFF\u200B\u200D\u200E\u200F\u202A\u202E\u2066\uFEFF\uFFFE\uFFFF\u0301\t\n\r";

    public static readonly string[] Fragments =
    [
        "", " ", "\t", "\n", "\r\n", "\0", "null", "NULL", "undefined", "NaN", "true", "[]", "{}",
        "'; DROP TABLE \"Applications\"; --", "' OR '1'='1", "\" OR 1=1 --", "1; DELETE FROM \"Users\"", "%' AND 1=0 UNION SELECT * FROM \"StaffMembers\" --",
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "</textarea><svg onload=alert(1)>", "{{7*7}}", "${jndi:ldap://x/a}", "@(1+1)",
        "=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
        "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%00", "%2e%2e%2f", "file:///etc/passwd", "https://", "http://example.org/",
        "\u202Eevil.pdf\u202C", "\u200F\u05E9\u05DC\u05D5\u05DD", "مرحبا 123", "\u200B", "\uFEFFbom", "😀", "👨‍👩‍👧‍👦", "🏳️‍🌈", "\uD83D", "\uDE00x", "a\uD800b",
        "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǒ̗͓", "ﬁ", "e\u0301", "İ", "ß", "Ω", "\u00A0", "\u3000",
        "-1", "0", "-0", "00", "1e309", "-2147483649", "2147483648", "9223372036854775808", "0x7fffffff", "1.5", "١٢٣", "１２３",
        "0001-01-01", "9999-12-31", "1900-02-29", "2026-02-30", "2026-13-01", "2026-11-20T10:00:00Z", "20/11/2026", "2026-1-1", "+02026-11-20", "1700-01-01", "3000-01-01", "2100-01-01",
        "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
    ];

    public static readonly Gen<char> Symbol = Gen.Frequency(
        (4, Gen.Char["abcxyzABC019 -'.,@+()é"]),
        (2, Gen.Char[OddChars]),
        (1, Gen.Char));

    /// <summary>A hostile string (and, now and then, an empty or ordinary one).</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (4, Gen.OneOf(Fragments)),
        (4, Symbol.Array[0, 40].Select(chars => new string(chars))),
        (2, Gen.Select(Gen.OneOf(Fragments), Gen.Char[OddChars], Gen.Int[0, 2], Insert)),
        (1, Gen.Select(Gen.OneOf(201, 1001, 2001, 4001, 10_000), Gen.OneOf("x", "é", "😀", "\0", "a\n", "<b>"), (n, s) => Repeat(s, n))),
        (1, Gen.String[0, 30]));

    /// <summary>A hostile value, or null (a client can leave any field out).</summary>
    public static readonly Gen<string?> OptionalText = Gen.Frequency((1, Gen.Const((string?)null)), (6, Text.Select(t => (string?)t)));

    /// <summary>A value the page offers, spoiled: padded, doubled, changed in case or with an odd character inside.</summary>
    public static Gen<string> Around(string valid) => Gen.Frequency(
        (2, Gen.Const(valid)),
        (2, Gen.Select(Gen.Char[OddChars], Gen.Int[0, 2], (c, where) => Insert(valid, c, where))),
        (1, Gen.OneOf(valid.ToUpperInvariant(), " " + valid + " ", valid + "," + valid, valid + ",", "," + valid, valid + valid, valid + ";" + valid)),
        (1, Text));

    public static readonly Gen<int> Number = Gen.Frequency(
        (2, Gen.OneOf(int.MinValue, -1, 0, 1, 2, 5, 6, 13, 61, 240, 241, 500, 501, 10_000, int.MaxValue)),
        (1, Gen.Int));

    public static readonly Gen<DateOnly> Date = Gen.Frequency(
        (2, Gen.OneOf(DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(1900, 1, 1), new DateOnly(1999, 12, 31), new DateOnly(2000, 1, 1), new DateOnly(2099, 12, 31), new DateOnly(2100, 1, 1), new DateOnly(9999, 12, 30))),
        (2, Gen.DateOnly[new DateOnly(2020, 1, 1), new DateOnly(2032, 12, 31)]),
        (1, Gen.DateOnly));

    public static readonly Gen<TimeOnly> Time = Gen.Frequency(
        (1, Gen.OneOf(TimeOnly.MinValue, TimeOnly.MaxValue, new TimeOnly(23, 59), new TimeOnly(10, 0), new TimeOnly(12, 0))),
        (1, Gen.TimeOnly));

    public static readonly Gen<DateTimeOffset> Moment = Gen.Frequency(
        (2, Gen.OneOf(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.FromHours(-12)), new DateTimeOffset(9999, 12, 31, 23, 0, 0, TimeSpan.FromHours(14)))),
        (3, Gen.Select(Gen.Int[-40 * 24 * 60, 800 * 24 * 60], Gen.Int[-14, 14], (minutes, hours) => new DateTimeOffset(ApplicationsHost.Start.UtcDateTime.AddMinutes(minutes)).ToOffset(TimeSpan.FromHours(hours)))),
        (1, Gen.DateTimeOffset));

    /// <summary>A date as a date box might send it, or not.</summary>
    public static readonly Gen<string> DateText = Gen.Frequency(
        (3, Date.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
        (1, Date.Select(d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))),
        (1, Text));

    /// <summary>One value from each generator, in order.</summary>
    public static Gen<T[]> Each<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const(Array.Empty<T>()), (all, next) => Gen.Select(all, next, (values, value) => (T[])[.. values, value]));

    public static string Insert(string value, char c, int where) => where switch
    {
        0 => c + value,
        1 => value.Insert(value.Length / 2, c.ToString()),
        _ => value + c,
    };

    public static string Repeat(string value, int times) => new StringBuilder(value.Length * times).Insert(0, value, times).ToString();

    /// <summary>For messages: a value with its odd characters made visible.</summary>
    public static string Show(string? value) => value is null ? "null" : string.Concat(value.Take(120).Select(c => c < ' ' || c is >= '\u007F' and <= '\u009F' || char.IsSurrogate(c) || c is '\u200B' or '\u200E' or '\u200F' or '\u202A' or '\u202E' or '\u2066' or '\uFEFF' or '\uFFFE' or '\uFFFF'
        ? $"\\u{(int)c:X4}" : c.ToString())) + (value.Length > 120 ? $"… ({value.Length} chars)" : "");
}
