using Microsoft.Playwright;

namespace ParentPortal.Tests.TestSupport;

/// <summary>Answers question pages in the browser the way a person does: by label, keyboard-reachable controls and Continue.</summary>
public static class TriageDriver
{
    /// <summary>
    /// Fills the current page. Values: radios by option value ("route" = "sen"), checkboxes comma-separated,
    /// dates as yyyy-MM-dd (typed into the day, month and year boxes), text as typed.
    /// </summary>
    public static async Task AnswerAsync(IPage page, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (key, value) in values)
        {
            // Revealed questions appear after their option is chosen: wait for each control to exist.
            if (System.Text.RegularExpressions.Regex.IsMatch(value, @"^\d{4}-\d{2}-\d{2}$"))
            {
                var parts = value.Split('-');
                await page.Locator($"[id='f-{key}-day']").FillAsync(parts[2]);
                await page.Locator($"[id='f-{key}-month']").FillAsync(parts[1]);
                await page.Locator($"[id='f-{key}-year']").FillAsync(parts[0]);
                continue;
            }

            var text = page.Locator($"[id='f-{key}']");
            var isOptionList = System.Text.RegularExpressions.Regex.IsMatch(value, "^[a-z0-9-]+(,[a-z0-9-]+)*$");
            var target = isOptionList ? text.Or(page.Locator($"[id='f-{key}--{value.Split(',')[0]}']")) : text;
            await target.First.WaitForAsync();
            if (await text.CountAsync() > 0)
            {
                await text.FillAsync(value);
                continue;
            }

            foreach (var option in value.Split(','))
            {
                await page.Locator($"[id='f-{key}--{option}']").CheckAsync();
            }
        }
    }

    /// <summary>Answers, presses Continue (or its name in the page's language) and waits for the next page; returns its path.</summary>
    public static async Task<string> ContinueAsync(IPage page, IReadOnlyDictionary<string, string> values, string screenshot, string continueName = "Continue")
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.WaitForInteractiveAsync();
        var button = page.GetByRole(AriaRole.Button, new() { Name = continueName });
        await Assertions.Expect(button).ToBeEnabledAsync();
        await page.CheckPageAsync(screenshot);
        var before = page.Url;
        await AnswerAsync(page, values);
        await button.ClickAsync();
        try
        {
            await page.WaitForAddressAsync(url => url != before);
        }
        catch (TimeoutException e)
        {
            // Say what the page showed instead of moving on (a refusal, the busy message, the reconnect dialog), so a slow CI run can be told from a bug.
            // Visible ones only: the reconnect dialog is always in the page, and its hidden text once read as "Connection lost".
            var shown = await page.Locator(".error-summary:visible, #components-reconnect-modal:visible, #blazor-error-ui:visible, .mud-alert:visible").AllInnerTextsAsync();
            var heading = await page.Locator("h1").AllInnerTextsAsync();
            var disabled = await button.CountAsync() == 1 ? await button.IsDisabledAsync() : (bool?)null;
            await page.ScreenshotAsync(screenshot + "-stuck");
            throw new TimeoutException(
                $"Still on {new Uri(before).AbsolutePath} after pressing Continue (the browser is at {new Uri(page.Url).AbsolutePath}, " +
                $"heading \"{string.Join(" / ", heading)}\", Continue disabled: {disabled?.ToString() ?? "no button"}). The page shows: {string.Join(" | ", shown)}" +
                $"{Environment.NewLine}{e.Message}" +
                $"{Environment.NewLine}The portal's warnings:{Environment.NewLine}{PortalFactory.RecentProblems(page.Url)}",
                e);
        }

        return new Uri(page.Url).AbsolutePath;
    }
}
