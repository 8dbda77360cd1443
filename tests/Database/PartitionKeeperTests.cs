using Engagement.Silo.EngagementLog;
using Engagement.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Engagement.Tests.Database;

/// <summary>The engagement log's day partitions: made ahead of time, and vacuumed for their inserts only once their day is over.</summary>
public sealed class PartitionKeeperTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.Parse("2026-12-03T23:30:00Z"));
    private TestDatabase database = null!;
    private PartitionKeeper keeper = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        keeper = new PartitionKeeper(database.DataSource, clock, NullLogger<PartitionKeeper>.Instance);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    public void Dispose() => keeper.Dispose();

    [Fact]
    public async Task Today_and_the_days_ahead_are_not_vacuumed_for_inserts_and_a_day_that_is_over_is()
    {
        await keeper.EnsureAsync(CancellationToken.None);

        var first = await PartitionsAsync();
        Assert.Equal(InsertVacuum.Default, first["events_20261202"]);
        Assert.All(Enumerable.Range(3, 7).Select(d => first[$"events_202612{d:00}"]), v => Assert.Equal(InsertVacuum.Off, v));
        Assert.DoesNotContain("events_20261210", first.Keys);

        clock.Advance(TimeSpan.FromHours(1));
        await keeper.EnsureAsync(CancellationToken.None);
        await keeper.EnsureAsync(CancellationToken.None);

        var next = await PartitionsAsync();
        Assert.Equal(InsertVacuum.Default, next["events_20261203"]);
        Assert.Equal(InsertVacuum.Off, next["events_20261204"]);
        Assert.Equal(InsertVacuum.Off, next["events_20261210"]);
    }

    [Fact]
    public async Task A_partition_made_before_the_change_is_taken_off_insert_vacuums_by_the_migration_when_its_day_is_not_over()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using var old = await TestDatabase.CreateAsync(migrate: false);
        await old.MigrateBeforeAsync("0015");
        await old.ScalarAsync<object>($"SELECT ensure_engagement_partitions('{today.AddDays(-1):yyyy-MM-dd}', 3)::text");

        await old.MigrateAsync();

        var partitions = await PartitionsAsync(old);
        Assert.Equal(InsertVacuum.Default, partitions[$"events_{today.AddDays(-1):yyyyMMdd}"]);
        Assert.Equal(InsertVacuum.Off, partitions[$"events_{today:yyyyMMdd}"]);
        Assert.Equal(InsertVacuum.Off, partitions[$"events_{today.AddDays(1):yyyyMMdd}"]);
    }

    private Task<Dictionary<string, InsertVacuum>> PartitionsAsync() => PartitionsAsync(database);

    private static async Task<Dictionary<string, InsertVacuum>> PartitionsAsync(TestDatabase on)
    {
        await using var command = on.DataSource.CreateCommand("""
            SELECT c.relname, coalesce(array_to_string(c.reloptions, ','), '')
              FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = 'events'::regclass AND c.relname <> 'events_default'
            """);
        await using var reader = await command.ExecuteReaderAsync();
        var partitions = new Dictionary<string, InsertVacuum>();
        while (await reader.ReadAsync())
        {
            partitions[reader.GetString(0)] = reader.GetString(1) switch
            {
                "" => InsertVacuum.Default,
                "autovacuum_vacuum_insert_threshold=-1" => InsertVacuum.Off,
                var other => throw new InvalidOperationException($"Unexpected options {other}"),
            };
        }

        return partitions;
    }

    private enum InsertVacuum
    {
        Default,
        Off,
    }
}
