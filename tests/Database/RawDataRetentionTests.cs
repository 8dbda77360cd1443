using Engagement.Grains.Privacy;
using Engagement.Silo.Privacy;
using Engagement.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Engagement.Tests.Database;

/// <summary>Raw request data is minimised once it is 28 days old, nothing younger is touched, and old partitions go.</summary>
[Collection(ExclusiveDatabaseCollection.Name)]
public sealed class RawDataRetentionTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.Parse("2026-12-03T12:00:00Z"));
    private TestDatabase database = null!;
    private PostgresRawDataRetention retention = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        retention = new PostgresRawDataRetention(database.DataSource, Options.Create(new RetentionOptions()), clock, NullLogger<PostgresRawDataRetention>.Instance);
        await database.ScalarAsync<object>("SELECT ensure_engagement_partitions('2026-09-01', 5)::text");
        await database.ScalarAsync<object>("SELECT ensure_engagement_partitions('2026-11-01', 35)::text");
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Rows_older_than_28_days_lose_raw_ip_user_agent_and_headers_and_keep_their_classification()
    {
        var old = await HitAsync("2026-11-03T10:00:00Z", "203.0.113.7");
        var sameAddress = await HitAsync("2026-11-04T10:00:00Z", "203.0.113.7");
        var otherAddress = await HitAsync("2026-11-04T11:00:00Z", "198.51.100.1");
        var young = await HitAsync("2026-11-05T13:00:00Z", "203.0.113.7");

        var report = await retention.RunAsync();

        Assert.Equal(3, report.ObservationsMinimised);
        Assert.Equal(3, report.EventsMinimised);
        var hash = await IpAsync(old);
        Assert.StartsWith("sha256:", hash);
        Assert.Equal(hash, await IpAsync(sameAddress));
        Assert.NotEqual(hash, await IpAsync(otherAddress));
        Assert.Equal(0L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM observations WHERE received_at < '2026-11-05' AND (user_agent IS NOT NULL OR headers IS NOT NULL)"));
        Assert.Equal(3L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM observations WHERE received_at < '2026-11-05' AND classification = 'genuine' AND bot::jsonb ? 'machine'"));
        Assert.Equal(3L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM events WHERE occurred_at < '2026-11-05' AND NOT data::jsonb ? 'user_agent' AND data::jsonb ? 'bot' AND device_type = 'desktop'"));

        Assert.Equal("203.0.113.7", await IpAsync(young));
        Assert.Equal(1L, await database.ScalarAsync<long>(
            "SELECT count(*) FROM observations WHERE observation_id = $1 AND user_agent IS NOT NULL AND headers IS NOT NULL", young));
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM events WHERE event_id = $1 AND data::jsonb ? 'user_agent'", young));
    }

    [Fact]
    public async Task A_second_run_changes_nothing_and_a_day_later_the_next_day_is_minimised()
    {
        await HitAsync("2026-11-03T10:00:00Z", "203.0.113.7");
        var young = await HitAsync("2026-11-05T13:00:00Z", "203.0.113.7");
        await retention.RunAsync();

        var again = await retention.RunAsync();
        clock.Advance(TimeSpan.FromDays(1));
        var dayLater = await retention.RunAsync();

        Assert.Equal((0L, 0L), (again.ObservationsMinimised, again.EventsMinimised));
        Assert.Equal((1L, 1L), (dayLater.ObservationsMinimised, dayLater.EventsMinimised));
        Assert.StartsWith("sha256:", await IpAsync(young));
    }

    [Fact]
    public async Task Daily_partitions_past_the_horizon_are_dropped_and_younger_ones_kept()
    {
        var report = await retention.RunAsync();

        Assert.Equal(
            ["events_20260901", "events_20260902", "events_20260903"],
            report.PartitionsDropped.Order());
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname = 'events_20260904'"));
        Assert.Empty((await retention.RunAsync()).PartitionsDropped);
    }

    [Fact]
    public async Task Rows_past_the_horizon_stay_until_the_rollups_have_counted_them()
    {
        await HitAsync("2026-09-02T10:00:00Z", "192.0.2.1");
        await HitAsync("2026-08-01T10:00:00Z", "192.0.2.1");

        var early = await retention.RunAsync();
        await database.ScalarAsync<object>("""
            UPDATE rollup_cursor c SET xact_id = e.xact_id, event_id = e.event_id
              FROM (SELECT xact_id, event_id FROM events ORDER BY xact_id DESC, event_id DESC LIMIT 1) e
             WHERE c.consumer = 'rollups'
            RETURNING 'counted'
            """);
        var later = await retention.RunAsync();

        Assert.Equal(["events_20260901", "events_20260903"], early.PartitionsDropped.Order());
        Assert.Equal(0L, early.DefaultPartitionRowsDeleted);
        Assert.Equal(["events_20260902"], later.PartitionsDropped);
        Assert.Equal(1L, later.DefaultPartitionRowsDeleted);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM events WHERE occurred_at < '2026-09-03'"));
    }

    private async Task<string> IpAsync(Guid observation) =>
        await database.ScalarAsync<string>("SELECT client_ip FROM observations WHERE observation_id = $1", observation);

    private async Task<Guid> HitAsync(string at, string ip)
    {
        var id = Guid.NewGuid();
        var time = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime;
        await database.ScalarAsync<object>("""
            INSERT INTO events (event_id, occurred_at, settles_at, project_id, route_id, message_id, recipient_index, recipient,
                                event_type, first_of_kind, machine, counts_for_metrics, classification, device_type,
                                method, client_ip, headers, data)
            VALUES ($1, $2, $2, 'prj_a', 'rt_a', 'msg_a', 0, 'ann@example.org', 'message.opened', false, false, true, 'genuine', 'desktop',
                    'GET', $3, '{"Accept": "image/*", "User-Agent": "Mozilla/5.0"}',
                    '{"user_agent": "Mozilla/5.0", "bot": {"machine": false, "classification": "genuine"}, "device_type": "desktop"}')
            RETURNING 'written'
            """, id, time, ip);
        return id;
    }
}
