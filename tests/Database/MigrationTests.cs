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
    public async Task Upgrading_to_one_row_per_hit_keeps_every_hit_with_its_request_data_and_observations_still_read_the_same()
    {
        await using var old = await TestDatabase.CreateAsync(migrate: false);
        await old.MigrateBeforeAsync("0012");
        await old.ScalarAsync<object>("SELECT ensure_engagement_partitions('2026-11-20', 3)::text");
        await old.ScalarAsync<object>("""
            WITH hit(id, at, kind, event_type, link_index, method, ip) AS (
                VALUES ('00000000-0000-7000-8000-000000000001'::uuid, '2026-11-20T10:00:00Z'::timestamptz, 'open', 'message.opened', NULL::integer, 'GET', '203.0.113.7'),
                       ('00000000-0000-7000-8000-000000000002'::uuid, '2026-11-21T10:00:00Z'::timestamptz, 'click', 'message.clicked', 3, 'HEAD', '198.51.100.1')
            ), o AS (
                INSERT INTO observations (observation_id, received_at, project_id, message_id, recipient_index, kind, link_index, method,
                                          client_ip, user_agent, headers, classification, bot)
                SELECT id, at, 'prj_a', 'msg_a', 0, kind, link_index, method, ip, 'Mozilla/5.0', '{"Accept": "*/*"}', 'genuine', '{"machine": false}'
                  FROM hit
                RETURNING 1)
            INSERT INTO events (event_id, occurred_at, settles_at, project_id, route_id, message_id, recipient_index, recipient, event_type,
                                link_index, first_of_kind, machine, counts_for_metrics, classification, data)
            SELECT id, at, at, 'prj_a', 'rt_a', 'msg_a', 0, 'ann@example.org', event_type, link_index, true, false, true, 'genuine',
                   '{"user_agent": "Mozilla/5.0", "bot": {"machine": false}}'
              FROM hit
            RETURNING 'written'
            """);

        await old.MigrateAsync();

        Assert.Equal(2L, await old.ScalarAsync<long>("""
            SELECT count(*) FROM events
             WHERE headers::jsonb = '{"Accept": "*/*"}' AND (method, client_ip) IN (('GET', '203.0.113.7'), ('HEAD', '198.51.100.1'))
            """));
        Assert.Equal("click|3|HEAD|198.51.100.1|Mozilla/5.0|false", await old.ScalarAsync<string>("""
            SELECT concat_ws('|', kind, link_index, method, client_ip, user_agent, bot->>'machine') FROM observations
             WHERE observation_id = '00000000-0000-7000-8000-000000000002'
            """));
        Assert.Equal(0L, await old.ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relname LIKE 'observations\\_%'"));
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
