using System.Globalization;

namespace ParentPortal.Components.Shared;

/// <summary>
/// Query-string values read as text and parsed here: a typed [SupplyParameterFromQuery] property makes Blazor
/// throw on "?page=abc", which a mistyped or hostile link must not turn into an error page. Anything that does not
/// parse is treated as absent.
/// </summary>
public static class QueryValue
{
    public static bool Flag(string? value) => bool.TryParse(value?.Trim(), out var flag) && flag;

    public static int? Number(string? value) =>
        int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    public static Guid? Id(string? value) => Guid.TryParseExact(value?.Trim(), "D", out var id) ? id : null;
}
