using Microsoft.Extensions.Time.Testing;
using ParentPortal.Data.Entities;
using ParentPortal.Platform.Messaging;

namespace ParentPortal.Tests.Platform.Messaging;

public sealed class MessageSenderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "parentportal-tests", "outbox-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 5, 7, TimeSpan.Zero));

    private static OutboxMessage Message() => new()
    {
        Id = Guid.Parse("0193a0b1-2c3d-7e4f-8a9b-0c1d2e3f4a5b"),
        Kind = "application-submitted",
        ToAddress = "lukasz.dvorak@example.com",
        ToName = "Łukasz \"Luke\" Dvořák",
        Subject = "We have your application\r\nBcc: everyone@example.com",
        Body = "Dear Łukasz,\nWe have your application (reference MED-0042).\n\nThe mediation team",
    };

    [Fact]
    public async Task FolderSender_WritesOneReadableEmlFile_AndNothingElse()
    {
        var sender = new FolderMessageSender(Settings(), _clock);

        await sender.SendAsync(Message(), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(_folder));
        Assert.Equal("0193a0b12c3d7e4f8a9b0c1d2e3f4a5b.eml", Path.GetFileName(file));
        var text = await File.ReadAllTextAsync(file);
        Assert.Equal(
            "Message-ID: <0193a0b12c3d7e4f8a9b0c1d2e3f4a5b@parentportal.invalid>\r\n" +
            "Date: Mon, 23 Nov 2026 09:05:07 +0000\r\n" +
            "To: \"Łukasz \\\"Luke\\\" Dvořák\" <lukasz.dvorak@example.com>\r\n" +
            "Subject: We have your application  Bcc: everyone@example.com\r\n" +
            "MIME-Version: 1.0\r\n" +
            "X-Portal-Kind: application-submitted\r\n" +
            "Content-Type: text/plain; charset=utf-8\r\n" +
            "Content-Transfer-Encoding: 8bit\r\n" +
            "\r\n" +
            "Dear Łukasz,\r\nWe have your application (reference MED-0042).\r\n\r\nThe mediation team\r\n",
            text);
    }

    [Fact]
    public async Task FolderSender_SendingAgain_ReplacesTheFile()
    {
        var sender = new FolderMessageSender(Settings(), _clock);
        await sender.SendAsync(Message(), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(5));

        await sender.SendAsync(Message(), CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(_folder, "*", SearchOption.AllDirectories));
        Assert.Contains("Date: Mon, 23 Nov 2026 09:10:07 +0000", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public void FolderSender_WithoutAName_AddressesTheMessageToTheAddressAlone()
    {
        var message = Message();
        message.ToName = null;

        var text = FolderMessageSender.Format(message, _clock.GetUtcNow());

        Assert.Contains("\r\nTo: lukasz.dvorak@example.com\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FolderSender_WithABinaryAttachment_WritesItsBytesInBase64_WithoutACharset()
    {
        var message = Message();
        var pdf = new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0x0A, 0x00, 0xFF, 0xE2 };
        message.AttachmentName = "mediation-agreement.pdf";
        message.AttachmentContentType = "application/pdf";
        message.AttachmentData = pdf;

        var text = FolderMessageSender.Format(message, _clock.GetUtcNow());

        Assert.Contains("\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"mediation-agreement.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + Convert.ToBase64String(pdf) + "\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogSender_LogsTheIdKindAndAHashOfTheAddress_AndNoPersonalData()
    {
        var logger = new ListLogger<LogMessageSender>();
        var message = Message();

        await new LogMessageSender(logger).SendAsync(message, CancellationToken.None);

        var line = Assert.Single(logger.Lines);
        Assert.Contains(message.Id.ToString(), line, StringComparison.Ordinal);
        Assert.Contains("application-submitted", line, StringComparison.Ordinal);
        Assert.Contains(LogMessageSender.AddressHash(" LUKASZ.Dvorak@example.com "), line, StringComparison.Ordinal);
        Assert.DoesNotContain("example.com", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Dvo", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("MED-0042", line, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private MessagingSettings Settings() => new(MessageSenderKind.Folder, _folder, TimeSpan.FromSeconds(5), false, 20);
}
