using System.Diagnostics;
using System.Net;
using Engagement.Api.Tracking;
using Engagement.Tests.Infrastructure;

namespace Engagement.Tests.Http;

/// <summary>
/// A database that stops answering without refusing anything (the engagement log locked by a session that never ends):
/// the first hits wait out the capture timeout, the ones after them are spooled at once, and all are recorded once.
/// </summary>
public sealed class CaptureStallTests : IAsyncLifetime
{
    private static readonly TimeSpan CaptureTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(10);
    private const string Html = "<html><body><a href=\"https://shop.example/a\">A</a></body></html>";

    private readonly RunningSystem system = new()
    {
        ExtraSettings =
        {
            ["Capture:Timeout"] = CaptureTimeout.ToString(),
            ["Capture:MinimumHits"] = "4",
            ["Capture:BreakDuration"] = BreakDuration.ToString(),
        },
    };

    public Task InitializeAsync() => system.InitializeAsync();

    public Task DisposeAsync() => system.DisposeAsync();

    [Fact]
    public async Task Once_hits_stall_the_rest_are_answered_at_once_and_every_hit_is_recorded_once()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        var sent = await SentMessage.SendAsync(system.Http, tenant, Html, "ann@example.org");
        using (await system.Http.GetAsync($"/o/{sent.OpenTokens[0]}"))
        {
        }

        Assert.Equal(1, await CountAsync(sent.Id));
        Assert.Equal(0, CircuitGauge());
        await using (var connection = await system.Database.DataSource.OpenConnectionAsync())
        await using (var stall = await connection.BeginTransactionAsync())
        {
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "LOCK TABLE events IN ACCESS EXCLUSIVE MODE";
                await command.ExecuteNonQueryAsync();
            }

            // Each of these waits for the capture timeout before it is spooled. Waiting together with none taken for half a
            // second (Capture:StallAfter) they stop the asking, so the hit after them is spooled at once.
            var waiting = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => TimedAsync($"/o/{sent.OpenTokens[0]}")));
            await Task.Delay(TimeSpan.FromSeconds(1));
            var early = await TimedAsync($"/o/{sent.OpenTokens[0]}");
            Assert.True(early.Elapsed < CaptureTimeout / 2, $"answered after {early.Elapsed}");
            Assert.Equal(1, CircuitGauge());
            var waited = await waiting;
            Assert.All(waited, w => Assert.Equal(HttpStatusCode.OK, w.Status));
            Assert.All(waited, w => Assert.True(w.Elapsed >= CaptureTimeout - TimeSpan.FromMilliseconds(100), $"answered after {w.Elapsed}"));

            for (var i = 0; i < 5; i++)
            {
                var open = await TimedAsync($"/o/{sent.OpenTokens[0]}");
                var click = await TimedAsync($"/c/{sent.ClickTokens[0][0]}");
                Assert.Equal(HttpStatusCode.OK, open.Status);
                Assert.Equal(HttpStatusCode.Found, click.Status);
                Assert.Equal("https://shop.example/a", click.Location);
                Assert.True(open.Elapsed < CaptureTimeout / 2, $"open answered after {open.Elapsed}");
                Assert.True(click.Elapsed < CaptureTimeout / 2, $"click answered after {click.Elapsed}");
            }
        }

        await Eventually.TrueAsync(async () => await CountAsync(sent.Id) == 16, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(16, await CountAsync(sent.Id));

        // Once the break is over a hit tries the database again, which takes it: it is committed before it is answered.
        await Task.Delay(BreakDuration);
        for (var expected = 17; expected <= 19; expected++)
        {
            using (await system.Http.GetAsync($"/o/{sent.OpenTokens[0]}"))
            {
            }

            Assert.Equal(expected, await CountAsync(sent.Id));
        }

        Assert.Equal(0, CircuitGauge());

        var message = await SentMessage.ReadAsync(system.Http, tenant, sent.Id);
        Assert.Equal(14, message.GetProperty("recipients")[0].GetProperty("opens").GetInt32());
        Assert.Equal(5, message.GetProperty("recipients")[0].GetProperty("clicks").GetInt32());

        // Replayed in the order they came: the earliest click (the events are listed oldest first) is the first.
        var (_, events) = await system.Http.GetAsync($"/v1/messages/{sent.Id}/events", tenant.ProjectToken);
        var clicks = events.GetProperty("data").EnumerateArray()
            .Where(e => e.Text("event") == "message.clicked")
            .Select(e => e.GetProperty("data").GetProperty("first_click").GetBoolean())
            .ToList();
        Assert.Equal([true, false, false, false, false], clicks);
    }

    [Fact]
    public async Task An_unreadable_click_is_answered_with_the_404_page_within_the_capture_timeout_while_project_hosts_are_locked()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        var host = await tenant.SetClickFallbackAsync(system.Http, "https://shop.example/home");

        await using (var connection = await system.Database.DataSource.OpenConnectionAsync())
        await using (var stall = await connection.BeginTransactionAsync())
        {
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "LOCK TABLE project_hosts IN ACCESS EXCLUSIVE MODE";
                await command.ExecuteNonQueryAsync();
            }

            var started = Stopwatch.StartNew();
            using var during = await system.Http.ClickOnHostAsync("not-a-token", host);
            Assert.Equal(HttpStatusCode.NotFound, during.StatusCode);
            Assert.True(started.Elapsed < CaptureTimeout + TimeSpan.FromSeconds(2), $"answered after {started.Elapsed}");
        }

        using var after = await system.Http.ClickOnHostAsync("not-a-token", host);
        Assert.Equal(HttpStatusCode.Found, after.StatusCode);
        Assert.Equal("https://shop.example/home", after.Headers.Location!.OriginalString);
    }

    private async Task<(HttpStatusCode Status, TimeSpan Elapsed, string? Location)> TimedAsync(string path)
    {
        var started = Stopwatch.StartNew();
        using var response = await system.Http.GetAsync(path);
        return (response.StatusCode, started.Elapsed, response.Headers.Location?.OriginalString);
    }

    /// <summary>What an operator's dashboard shows of this API's circuit.</summary>
    private long? CircuitGauge() =>
        GaugeReading.Read(SpoolMeter.Name, SpoolMeter.CircuitOpen.Name, SpoolMeter.DirectoryTag, Path.GetFullPath(system.Settings["Spool:Directory"]!));

    private Task<long> CountAsync(string messageId) =>
        system.Database.ScalarAsync<long>("SELECT count(*) FROM observations WHERE message_id = $1", messageId);
}
