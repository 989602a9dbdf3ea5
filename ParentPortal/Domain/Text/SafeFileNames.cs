namespace ParentPortal.Domain.Text;

public static class SafeFileNames
{
    /// <summary>Letters, digits, dot and hyphen only, so the name cannot break out of the Content-Disposition header or a folder; always ".pdf".</summary>
    public static string Pdf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var safe = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-')]).Trim('.', '-');
        return safe.Length == 0 ? "document.pdf" : safe.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? safe : safe + ".pdf";
    }
}
