using MudBlazor;

namespace ParentPortal.Components.Layout;

/// <summary>A calm, high-contrast theme: every text colour meets WCAG 2.2 AA on its background.</summary>
public static class PortalTheme
{
    private static readonly string[] FontStack = ["Noto Sans", "system-ui", "-apple-system", "Segoe UI", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5c8b",
            PrimaryContrastText = "#ffffff",
            Secondary = "#2e6b4f",
            SecondaryContrastText = "#ffffff",
            Tertiary = "#6b4a8a",
            Info = "#1f5c8b",
            Success = "#256b3f",
            Warning = "#8a5a00",
            Error = "#b3261e",
            AppbarBackground = "#1f5c8b",
            AppbarText = "#ffffff",
            Background = "#f6f8f9",
            Surface = "#ffffff",
            TextPrimary = "#1b2327",
            TextSecondary = "#3f4a50",
            ActionDefault = "#3f4a50",
            LinesDefault = "#c9d1d6",
            Divider = "#c9d1d6",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack, FontSize = "1rem", LineHeight = "1.5" },
            H1 = new H1Typography { FontFamily = FontStack, FontSize = "2rem", FontWeight = "700", LineHeight = "1.25" },
            H2 = new H2Typography { FontFamily = FontStack, FontSize = "1.5rem", FontWeight = "700", LineHeight = "1.3" },
            H3 = new H3Typography { FontFamily = FontStack, FontSize = "1.25rem", FontWeight = "700", LineHeight = "1.35" },
            Body1 = new Body1Typography { FontFamily = FontStack, FontSize = "1.0625rem", LineHeight = "1.55" },
            Body2 = new Body2Typography { FontFamily = FontStack, FontSize = "1rem", LineHeight = "1.5" },
            Button = new ButtonTypography { FontFamily = FontStack, FontSize = "1rem", FontWeight = "600", TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
