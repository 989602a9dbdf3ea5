namespace ParentPortal.Platform.Identity;

/// <summary>Keeps sign-in and sign-out redirects on this site, so a link cannot send people elsewhere.</summary>
public static class LocalReturnUrl
{
    public static string Sanitize(string? returnUrl)
    {
        if (string.IsNullOrWhiteSpace(returnUrl) || returnUrl.Length > 2048)
        {
            return "/";
        }

        // Only a single leading slash followed by a path character: rejects "//host", "/\host",
        // "https://host", "javascript:", and control characters that browsers strip before parsing.
        if (returnUrl[0] != '/' ||
            (returnUrl.Length > 1 && (returnUrl[1] == '/' || returnUrl[1] == '\\')) ||
            returnUrl.Any(char.IsControl) ||
            returnUrl.Contains('\\', StringComparison.Ordinal))
        {
            return "/";
        }

        return returnUrl;
    }
}
