using System.Net;
using Engagement.Api.Tracking;
using Engagement.Contracts.Tokens;
using Engagement.Contracts.Tracking;
using Engagement.Tests.Infrastructure;
using Npgsql;

namespace Engagement.Tests.Http;

/// <summary>Hits are answered at once and never lost, whatever happens behind the API.</summary>
public sealed class CaptureResilienceTests : IAsyncLifetime
{
    private const int Rounds = 15;
    private const string Html = "<html><body><a href=\"https://shop.example/a\">A</a><a href=\"https://shop.example/b\">B</a></body></html>";

    // A short capture bound: hits routed to the killed silo are spooled quickly instead of waiting out the default.
    private readonly RunningSystem system = new() { ExtraSettings = { ["Capture:Timeout"] = "00:00:00.500" } };

    public Task InitializeAsync() => system.InitializeAsync();

    public Task DisposeAsync() => system.DisposeAsync();

    [Fact]
    public async Task Hits_during_a_database_outage_are_answered_spooled_and_replayed_exactly_once()
    {
        using var spoolCounts = new MeterCounts(SpoolMeter.Name);
        var tenant = await Tenant.CreateAsync(system.Http);
        var sent = await SentMessage.SendAsync(system.Http, tenant, Html, "ann@example.org");
        using (await system.Http.GetAsync($"/o/{sent.OpenTokens[0]}"))
        {
        }

        await SetConnectionsAllowedAsync(false);
        try
        {
            for (var i = 0; i < 5; i++)
            {
                using var open = await system.Http.GetAsync($"/o/{sent.OpenTokens[0]}");
                using var click = await system.Http.GetAsync($"/c/{sent.ClickTokens[0][1]}");
                Assert.Equal(HttpStatusCode.OK, open.StatusCode);
                Assert.Equal(HttpStatusCode.Found, click.StatusCode);
                Assert.Equal("https://shop.example/b", click.Headers.Location!.OriginalString);
            }

            // What an operator's dashboard shows while the database is down: hits waiting on the API's disk.
            Assert.True(SpoolGauge(SpoolMeter.Files.Name) >= 1, $"files {SpoolGauge(SpoolMeter.Files.Name)}");
            Assert.True(SpoolGauge(SpoolMeter.Bytes.Name) > 10 * 100, $"bytes {SpoolGauge(SpoolMeter.Bytes.Name)}");
        }
        finally
        {
            await SetConnectionsAllowedAsync(true);
        }

        await Eventually.TrueAsync(async () => await CountAsync(sent.Id) == 11, TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => Task.FromResult(SpoolGauge(SpoolMeter.Bytes.Name) == 0), TimeSpan.FromSeconds(10));
        Assert.Equal(0, SpoolGauge(SpoolMeter.Files.Name));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(11L, await CountAsync(sent.Id));
        var message = await SentMessage.ReadAsync(system.Http, tenant, sent.Id);
        Assert.Equal(6, message.GetProperty("recipients")[0].GetProperty("opens").GetInt32());
        Assert.Equal(5, message.GetProperty("recipients")[0].GetProperty("clicks").GetInt32());

        // The meter an operator watches counted them (at least: other tests' spooled hits share the process).
        Assert.True(spoolCounts[SpoolMeter.Spooled.Name] >= 10, $"spooled {spoolCounts[SpoolMeter.Spooled.Name]}");
        Assert.True(spoolCounts[SpoolMeter.Replayed.Name] >= 10, $"replayed {spoolCounts[SpoolMeter.Replayed.Name]}");
    }

    private long? SpoolGauge(string instrument) =>
        GaugeReading.Read(SpoolMeter.Name, instrument, SpoolMeter.DirectoryTag, Path.GetFullPath(system.Settings["Spool:Directory"]!));

    [Fact]
    public async Task A_spool_directory_removed_while_the_api_runs_stops_neither_the_api_nor_the_spool()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        var sent = await SentMessage.SendAsync(system.Http, tenant, Html, "ann@example.org");
        Directory.Delete(system.Settings["Spool:Directory"]!, recursive: true);

        // Several replay rounds (every 0.5 s here) meet the missing directory.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await SetConnectionsAllowedAsync(false);
        try
        {
            for (var i = 0; i < 3; i++)
            {
                using var open = await system.Http.GetAsync($"/o/{sent.OpenTokens[0]}");
                Assert.Equal(HttpStatusCode.OK, open.StatusCode);
            }
        }
        finally
        {
            await SetConnectionsAllowedAsync(true);
        }

        await Eventually.TrueAsync(async () => await CountAsync(sent.Id) == 3, TimeSpan.FromSeconds(30));
        var message = await SentMessage.ReadAsync(system.Http, tenant, sent.Id);
        Assert.Equal(3, message.GetProperty("recipients")[0].GetProperty("opens").GetInt32());
    }

    [Fact]
    public async Task When_neither_the_cluster_nor_the_spool_takes_a_hit_the_recipient_still_gets_the_pixel_and_the_redirect()
    {
        using var spoolCounts = new MeterCounts(SpoolMeter.Name);
        var tenant = await Tenant.CreateAsync(system.Http);
        var sent = await SentMessage.SendAsync(system.Http, tenant, Html, "ann@example.org");
        var spoolDirectory = system.Settings["Spool:Directory"]!;
        Directory.Delete(spoolDirectory, recursive: true);
        await File.WriteAllTextAsync(spoolDirectory, "a file where the spool's directory should be");
        await SetConnectionsAllowedAsync(false);
        try
        {
            using var open = await system.Http.GetAsync($"/o/{sent.OpenTokens[0]}");
            using var click = await system.Http.GetAsync($"/c/{sent.ClickTokens[0][1]}");

            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
            Assert.Equal("image/gif", open.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.Found, click.StatusCode);
            Assert.Equal("https://shop.example/b", click.Headers.Location!.OriginalString);
            Assert.True(spoolCounts[SpoolMeter.Lost.Name] >= 2, $"lost {spoolCounts[SpoolMeter.Lost.Name]}");
        }
        finally
        {
            await SetConnectionsAllowedAsync(true);
            File.Delete(spoolDirectory);
            Directory.CreateDirectory(spoolDirectory);
        }
    }

    [Fact]
    public async Task A_spooled_hit_the_log_refuses_leaves_the_spool_and_the_hits_spooled_after_it_are_replayed()
    {
        var spool = system.Settings["Spool:Directory"]!;
        var tenant = await Tenant.CreateAsync(system.Http);
        var sent = await SentMessage.SendAsync(system.Http, tenant, Html, "ann@example.org");
        using var spoolCounts = new MeterCounts(SpoolMeter.Name);

        // PostgreSQL refuses a NUL character in text. No request can carry one, but a spool file, written by an older
        // version or by hand, could; such a hit used to stop every replay round where it stood. These files sort first.
        var refused = Open(sent.Id, "203.0.113.9\0");
        await ObservationSpool.RewriteAsync(Path.Combine(spool, "spool-0-first.jsonl"), [refused, Open(sent.Id, "203.0.113.10")]);
        await ObservationSpool.RewriteAsync(Path.Combine(spool, "spool-1-second.jsonl"), [Open(sent.Id, "203.0.113.11")]);

        await Eventually.TrueAsync(async () => await CountAsync(sent.Id) == 2, TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => Task.FromResult(SpoolGauge(SpoolMeter.Bytes.Name) == 0), TimeSpan.FromSeconds(10));
        Assert.Equal(0L, await system.Database.ScalarAsync<long>("SELECT count(*) FROM observations WHERE observation_id = $1", refused.Id));
        Assert.True(spoolCounts[SpoolMeter.Refused.Name] >= 1, $"refused {spoolCounts[SpoolMeter.Refused.Name]}");
    }

    [Fact]
    public async Task An_unreadable_click_during_a_database_outage_gets_the_404_page_and_the_fallback_once_it_is_back()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        var host = await tenant.SetClickFallbackAsync(system.Http, "https://shop.example/home");

        await SetConnectionsAllowedAsync(false);
        try
        {
            using var during = await system.Http.ClickOnHostAsync("not-a-token", host);
            Assert.Equal(HttpStatusCode.NotFound, during.StatusCode);
            Assert.Contains("This link is not valid", await during.Content.ReadAsStringAsync());
        }
        finally
        {
            await SetConnectionsAllowedAsync(true);
        }

        using var after = await system.Http.ClickOnHostAsync("not-a-token", host);
        Assert.Equal(HttpStatusCode.Found, after.StatusCode);
        Assert.Equal("https://shop.example/home", after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_silo_killed_mid_load_loses_no_acknowledged_hit_and_records_none_twice()
    {
        using var second = await SiloProcess.StartAsync(system.Settings);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var tenant = await Tenant.CreateAsync(system.Http);
        var messages = new List<SentMessage>();
        for (var i = 0; i < 12; i++)
        {
            messages.Add(await SentMessage.SendAsync(system.Http, tenant, Html, $"r{i}@example.org"));
        }

        var acknowledged = 0;
        var load = Task.Run(async () =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                var codes = await Task.WhenAll(messages.Select(async m =>
                {
                    using var response = await system.Http.GetAsync($"/o/{m.OpenTokens[0]}");
                    return response.StatusCode;
                }));
                Interlocked.Add(ref acknowledged, codes.Count(c => c == HttpStatusCode.OK));
            }
        });
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        second.Kill();
        await load;

        Assert.Equal(Rounds * messages.Count, acknowledged);
        await Eventually.TrueAsync(async () => await CountAllAsync(messages) >= acknowledged, TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(acknowledged, await CountAllAsync(messages));
    }

    private static Observation Open(string messageId, string clientIp) => new(
        Guid.CreateVersion7(), TrackingKind.Open, messageId, 0, 0, DateTimeOffset.UtcNow, "GET", clientIp,
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Accept"] = "image/avif,image/webp,*/*" });

    private Task<long> CountAsync(string messageId) =>
        system.Database.ScalarAsync<long>("SELECT count(*) FROM observations WHERE message_id = $1", messageId);

    private async Task<long> CountAllAsync(IEnumerable<SentMessage> messages) =>
        await system.Database.ScalarAsync<long>("SELECT count(*) FROM observations WHERE message_id = ANY($1)", new object[] { messages.Select(m => m.Id).ToArray() });

    /// <summary>A real outage for this test's database: new connections are refused and open ones are cut.</summary>
    private async Task SetConnectionsAllowedAsync(bool allowed)
    {
        var server = new NpgsqlConnectionStringBuilder(system.Database.ConnectionString) { Database = "postgres" }.ConnectionString;
        await using var admin = NpgsqlDataSource.Create(server);
        await using (var command = admin.CreateCommand($"ALTER DATABASE {system.Database.Name} ALLOW_CONNECTIONS {(allowed ? "true" : "false")}"))
        {
            await command.ExecuteNonQueryAsync();
        }

        if (!allowed)
        {
            await using var terminate = admin.CreateCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1");
            terminate.Parameters.AddWithValue(system.Database.Name);
            await terminate.ExecuteNonQueryAsync();
        }
    }
}
