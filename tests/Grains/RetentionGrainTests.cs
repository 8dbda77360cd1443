using Engagement.Contracts.Privacy;
using Engagement.Tests.Infrastructure;
using Orleans.TestingHost;

namespace Engagement.Tests.Grains;

/// <summary>The retention grain in a real silo: its reminder under the key existing clusters have, and every job wired up.</summary>
public sealed class RetentionGrainTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private TestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        cluster = await AdoNetTestCluster.StartAsync(database, silos: 1);
    }

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task The_silo_keeps_the_reminder_of_the_raw_data_key_and_a_run_does_every_job()
    {
        await Eventually.TrueAsync(
            async () => await database.ScalarAsync<long>("SELECT count(*) FROM orleans_reminders WHERE grain_id = 'retention/raw-data'") == 1,
            TimeSpan.FromSeconds(30));

        var report = await cluster.Client.GetGrain<IRetentionGrain>(IRetentionGrain.Key).RunAsync();

        Assert.Empty(report.FailedJobs);
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM orleans_reminders"));
    }
}
