using Engagement.Silo.EngagementLog;
using Engagement.Silo.Reporting;
using Engagement.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engagement.Tests.Database;

public sealed class RollupConsumerTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Consumers_racing_in_several_silos_count_every_event_exactly_once()
    {
        var seed = new EventSeed(database, "prj_a");
        var start = DateTimeOffset.Parse("2026-11-20T08:00:00Z");
        var writing = Task.Run(async () =>
        {
            for (var i = 0; i < 400; i++)
            {
                var at = start.AddMinutes(i * 7).ToString("O");
                var message = $"msg_{i % 40}";
                var recipient = i % 3;
                await (i % 4 == 3
                    ? seed.ClickAsync(at, i % 2 == 0 ? "rt_a" : "rt_b", i % 5 == 0 ? null : "news", message, recipient, first: i < 120, link: i % 2)
                    : seed.OpenAsync(at, "rt_a", "news", message, recipient, first: i < 120, machine: i % 6 == 0 ? "image_proxy" : null));
            }
        });
        var consumers = Enumerable.Range(0, 3).Select(_ => new RollupConsumer(
            database.DataSource, new PostgresEventFeed(database.DataSource), NullLogger<RollupConsumer>.Instance)).ToList();

        var consuming = consumers.Select(c => Task.Run(async () =>
        {
            while (!writing.IsCompleted || !await RollupRecount.CaughtUpAsync(database))
            {
                await c.ApplyNextBatchAsync();
                await Task.Delay(10);
            }
        }));
        await Task.WhenAll([writing, .. consuming]).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(400L, await database.ScalarAsync<long>("SELECT sum(opens + clicks)::bigint FROM engagement_rollups WHERE route_id = E'\x01' AND tag = E'\x01'"));
        Assert.Equal(0L, await RollupRecount.DifferingRowsAsync(database));
    }
}
