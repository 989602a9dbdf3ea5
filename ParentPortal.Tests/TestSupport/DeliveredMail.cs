using System.Diagnostics;

namespace ParentPortal.Tests.TestSupport;

/// <summary>
/// The e-mails a portal under test has delivered to its pickup folder. A message carrying a secret (a code to take over an
/// application) keeps it only until it is sent: the outbox's own copy then says the code was removed, so a test reads the
/// code from the delivered e-mail, as the family would.
/// </summary>
public static class DeliveredMail
{
    /// <summary>
    /// Waits for the first delivered message to <paramref name="to"/> whose text contains <paramref name="containing"/>, and
    /// returns it as delivered (the portal writes text bodies as UTF-8, 8bit, so the text is readable as it is).
    /// </summary>
    public static async Task<string> WaitForAsync(string folder, string to, string containing, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        while (true)
        {
            if (Directory.Exists(folder))
            {
                foreach (var path in Directory.EnumerateFiles(folder, "*.eml"))
                {
                    // Written under a hidden temporary name and renamed into place, so a file found here is complete.
                    var message = await File.ReadAllTextAsync(path);
                    var header = message[..Math.Max(0, message.IndexOf("\r\n\r\n", StringComparison.Ordinal))];
                    if (header.Split("\r\n").Any(line => line.StartsWith("To:", StringComparison.OrdinalIgnoreCase) && line.Contains(to, StringComparison.OrdinalIgnoreCase))
                        && message.Contains(containing, StringComparison.Ordinal))
                    {
                        return message;
                    }
                }
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"No e-mail to {to} containing \"{containing}\" was delivered within {limit.TotalSeconds} s.");
            }

            await Task.Delay(50);
        }
    }
}
