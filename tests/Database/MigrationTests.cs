using Engagement.Tests.Infrastructure;

namespace Engagement.Tests.Database;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_apply_on_an_empty_database_and_are_a_no_op_the_second_time()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);

        var first = await database.MigrateAsync();
        var second = await database.MigrateAsync();

        Assert.Contains("0001_orleans.sql", first);
        Assert.Equal(first.Count, (int)await database.ScalarAsync<long>("SELECT count(*) FROM schema_version"));
        Assert.Empty(second);
        Assert.True(await database.ScalarAsync<long>("SELECT count(*) FROM orleansquery") >= 20);
    }

    [Fact]
    public async Task Concurrent_runners_apply_each_migration_exactly_once()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(database.MigrateAsync)));

        var applied = runs.SelectMany(r => r).ToList();
        Assert.Equal(applied.Distinct().Count(), applied.Count);
        Assert.Equal(applied.Count, (int)await database.ScalarAsync<long>("SELECT count(*) FROM schema_version"));
        Assert.Single(runs, r => r.Count > 0);
    }

    [Fact]
    public async Task The_query_catalogue_holds_every_key_the_providers_require()
    {
        await using var database = await TestDatabase.CreateAsync();
        string[] required =
        [
            "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
            "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
            "CleanupDefunctSiloEntriesKey", "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey",
            "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
            "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ];

        foreach (var key in required)
        {
            Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM orleansquery WHERE querykey = $1", key));
        }
    }
}
