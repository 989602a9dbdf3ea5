using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ParentPortal.Data;
using ParentPortal.Platform.Messaging;
using ParentPortal.Tests.TestSupport;

namespace ParentPortal.Tests.Integration.Faults;

/// <summary>
/// Issue 15: sending stays once-only across a crash. The dispatcher runs as its own process, sending through the real SMTP
/// server on loopback (aiosmtpd) by way of a relay that holds back the end of the message; with the message all but sent,
/// the process is killed with SIGKILL. The server never completes a message whose end it did not get, the dead process's
/// claim keeps any other dispatcher off the message until its lease runs out, and then one dispatcher sends it once: one
/// copy arrives, with the outbox row's Message-ID.
/// </summary>
public sealed class DispatcherKillTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly SqliteTestDatabase _database = new();
    private SmtpTestServer _smtp = null!;

    public async Task InitializeAsync() => _smtp = await SmtpTestServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task KilledMidSend_TheMessageArrivesOnce_AfterTheLease()
    {
        await using var app = await PortalServices.BuildInitializedAsync(_database, seedDemoData: false, addFeatures: builder =>
        {
            builder.Configuration.AddInMemoryCollection(_smtp.Settings.Append(new("Messaging:DispatcherEnabled", "false")));
            builder.AddPortalMessaging();
        });
        var factory = app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.True(await OutboxWriter.EnqueueAsync(db, new OutgoingMessage
            {
                Kind = "application-submitted",
                ToAddress = "sian@example.com",
                ToName = "Siân Ó Súilleabháin",
                Subject = "We have received your application",
                Body = "Thank you. We have received your application.",
                About = new MessageAbout(),
            }, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        await using var relay = await HoldingRelay.StartAsync(_smtp.Port);
        using (var dispatcher = DriverProcess.Start("dispatch", _database.FilePath, relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            Assert.True(await dispatcher.WaitForLineAsync(line => line == "dispatching", Wait), dispatcher.Errors);
            // The whole message has gone to the server but for its final "." line: killed there.
            Assert.True(await relay.HeldBack.WaitAsync(Wait).ContinueWith(t => t.IsCompletedSuccessfully), "The dispatcher never reached the end of the message. " + dispatcher.Errors);
            await dispatcher.KillAsync();
        }

        relay.Drop();
        var row = await SingleRowAsync(factory);
        Assert.Null(row.SentAt);
        Assert.NotNull(row.ClaimedBy);
        Assert.Empty(_smtp.Received());

        // Another dispatcher straight away: the dead one's claim still holds, so it does not touch the message.
        var now = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = app.Services.GetRequiredService<MessagingSettings>();
        var sender = new SmtpMessageSender(settings, now);
        var other = new OutboxProcessor(factory, sender, settings, now, NullLogger<OutboxProcessor>.Instance);
        Assert.Equal(0, (await other.ProcessDueAsync()).Claimed);

        // Once the lease is over it sends it, once; running again sends nothing more.
        now.Advance(OutboxProcessor.Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await other.ProcessDueAsync()).Sent);
        Assert.Equal(0, (await other.ProcessDueAsync()).Claimed);
        var arrived = Assert.Single(_smtp.Received());
        Assert.Equal($"{row.Id:N}@mediation.example.org", arrived.MessageId);
        Assert.NotNull((await SingleRowAsync(factory)).SentAt);
    }

    private static async Task<ParentPortal.Data.Entities.OutboxMessage> SingleRowAsync(IDbContextFactory<PortalDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.OutboxMessages.AsNoTracking().SingleAsync();
    }

    /// <summary>
    /// A TCP relay in front of the SMTP server that passes everything on except the line that ends a message's data
    /// (CRLF "." CRLF): it holds that back and says so, until the test drops both connections.
    /// </summary>
    private sealed class HoldingRelay : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly int _serverPort;
        private readonly CancellationTokenSource _stop = new();
        private readonly List<TcpClient> _connections = [];
        private Task? _accepting;

        private HoldingRelay(TcpListener listener, int serverPort)
        {
            _listener = listener;
            _serverPort = serverPort;
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public TaskCompletionSource HeldBackSource { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task HeldBack => HeldBackSource.Task;

        public static Task<HoldingRelay> StartAsync(int serverPort)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var relay = new HoldingRelay(listener, serverPort);
            relay._accepting = relay.AcceptAsync();
            return Task.FromResult(relay);
        }

        public void Drop()
        {
            _stop.Cancel();
            lock (_connections)
            {
                _connections.ForEach(c => c.Dispose());
            }
        }

        public async ValueTask DisposeAsync()
        {
            Drop();
            _listener.Stop();
            if (_accepting is not null)
            {
                await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var server = new TcpClient();
                await server.ConnectAsync(IPAddress.Loopback, _serverPort, _stop.Token);
                lock (_connections)
                {
                    _connections.Add(client);
                    _connections.Add(server);
                }

                _ = CopyAsync(server.GetStream(), client.GetStream(), holdEnd: false);
                _ = CopyAsync(client.GetStream(), server.GetStream(), holdEnd: true);
            }
        }

        private async Task CopyAsync(Stream from, Stream to, bool holdEnd)
        {
            var buffer = new byte[8192];
            var tail = new List<byte>();
            try
            {
                while (true)
                {
                    var read = await from.ReadAsync(buffer, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    if (holdEnd)
                    {
                        // The end of the data may come split across reads: look at what was kept from the last one too.
                        var seen = tail.Concat(buffer.Take(read)).ToArray();
                        var end = IndexOf(seen, "\r\n.\r\n"u8.ToArray());
                        if (end >= 0)
                        {
                            await to.WriteAsync(seen.AsMemory(tail.Count, end + 2 - tail.Count > 0 ? end + 2 - tail.Count : 0), _stop.Token);
                            HeldBackSource.TrySetResult();
                            return;
                        }

                        tail = [.. seen.TakeLast(4)];
                    }

                    await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
            {
                // A connection dropped: the relay's work is done.
            }
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (var i = 0; i <= haystack.Length - needle.Length; i++)
            {
                if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
