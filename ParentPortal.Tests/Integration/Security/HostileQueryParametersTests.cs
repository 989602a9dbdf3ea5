using System.Net;
using System.Text;
using CsCheck;
using Microsoft.Extensions.Logging;
using ParentPortal.Domain.Deadlines;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Security;

/// <summary>
/// Part of the fault suite: every query parameter the portal reads, over real HTTP to the real portal, signed in
/// as someone the page is for, with generated hostile values (percent-encoded as a careless or hostile client would,
/// including the bytes of half a surrogate pair). No page or endpoint fails with a server error or logs an
/// unhandled exception, and none echoes a stack trace.
/// </summary>
public sealed class HostileQueryParametersTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private readonly CapturedLogs _logs = new(LogLevel.Error);
    private PortalFactory _portal = null!;
    private Guid _caseId;

    public async Task InitializeAsync()
    {
        // The real clock: the OpenID provider and the OIDC handler must agree on the time for sign-in to work.
        _portal = new PortalFactory(_database, logs: _logs);
        _ = _portal.BaseAddress;
        _caseId = await StoredCases.SubmittedAsync(_portal.Services, "demo-parent", "Sam Taylor");
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    public static TheoryData<string, string, string> Parameters => new()
    {
        { "signed-out", "/verify", "code" },
        { "signed-out", "/too-many-windows", "returnUrl" },
        { "signed-out", "/check", "route" },
        { "signed-out", "/check", "la" },
        { "signed-out", "/check", "decisionLetterSent" },
        { "signed-out", "/check", "submitted" },
        { "signed-out", "/deadlines", DeadlineParameters.DecisionLetterSent },
        { "signed-out", "/deadlines", DeadlineParameters.CertificateIssued },
        { "signed-out", "/deadlines", DeadlineParameters.CertificateTriggeredOn },
        { "signed-out", "/deadlines", DeadlineParameters.LaToldOfMediationOn },
        { "signed-out", "/deadlines", "certificateTrigger" },
        { "signed-out", "/api/deadlines", DeadlineParameters.DecisionLetterSent },
        { "signed-out", "/api/deadlines", DeadlineParameters.CertificateTriggeredOn },
        { "signed-out", "/api/deadlines", "certificateTrigger" },
        { "signed-out", "/account/login", "returnUrl" },
        { "demo-parent", "/apply/new", "route" },
        { "demo-parent", "/apply/new", "la" },
        { "demo-parent", "/apply/new", "decisionLetterSent" },
        { "demo-parent", "/applications", "saved" },
        { "demo-parent", "/applications", "claimed" },
        { "demo-parent", "/sessions", "application" },
        { "demo-parent", "/apply/{case}/check", "change" },
        { "demo-adviser", "/advisers/cases", "la" },
        { "demo-adviser", "/advisers/cases", "area" },
        { "demo-adviser", "/advisers/cases", "route" },
        { "demo-adviser", "/advisers/cases", "stage" },
        { "demo-adviser", "/advisers/cases", "assignee" },
        { "demo-adviser", "/advisers/cases", "page" },
        { "demo-manager", "/manage/reports", "from" },
        { "demo-manager", "/manage/reports", "to" },
        { "demo-manager", "/manage/reports.csv", "from" },
        { "demo-manager", "/manage/reports.csv", "to" },
        { "demo-manager", "/manage/service", "saved" },
    };

    [Theory]
    [MemberData(nameof(Parameters))]
    public async Task HostileValues_NeverCauseAServerError(string who, string path, string parameter)
    {
        var client = who == "signed-out" ? _portal.CreateHttpClient(new CookieContainer()) : (await PortalHttpSession.SignInAsync(_portal, who)).Client;
        path = path.Replace("{case}", _caseId.ToString(), StringComparison.Ordinal);
        var served = 0;

        await HostileValues.Text.SampleAsync(async value =>
        {
            var uri = new Uri($"{path}?{parameter}={PercentEncode(value)}", UriKind.Relative);
            using var response = await client.GetAsync(uri);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {parameter}='{HostileValues.Show(value)}'");
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
            Assert.Empty(_logs.Entries);
            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                served++;
            }
        }, iter: 40, threads: 1, print: v => $"{path}?{parameter}='{HostileValues.Show(v)}'");

        // Enough requests got past the rate limits for the checks above to mean something.
        Assert.True(served >= 10, $"only {served} of 40 requests were served");
    }

    /// <summary>
    /// Each UTF-16 unit as a client could send it: valid pairs as UTF-8, and a half pair as the three bytes
    /// that would encode it (which no UTF-8 decoder accepts), so that the server's decoding is tested too.
    /// </summary>
    private static string PercentEncode(string value)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
                continue;
            }

            var bytes = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])
                ? Encoding.UTF8.GetBytes(value.Substring(i++, 2))
                : char.IsSurrogate(c) ? [(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))] : Encoding.UTF8.GetBytes(c.ToString());
            foreach (var b in bytes)
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
