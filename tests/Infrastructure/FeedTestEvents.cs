using Engagement.Silo.EngagementLog;
using Npgsql;

namespace Engagement.Tests.Infrastructure;

/// <summary>
/// A database of its own for one of the event feed's tests, the feed over it, and events written straight into its log,
/// one transaction each unless a connection's is given.
/// </summary>
public sealed class FeedTestEvents : IAsyncLifetime
{
    private TestDatabase database = null!;

    public TestDatabase Database => database;

    public PostgresEventFeed Feed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        Feed = new PostgresEventFeed(database.DataSource);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    /// <summary>
    /// Until every event written so far is below the feed's horizon. The horizon (the oldest running transaction) is
    /// cluster-wide: a transaction in another test's database that began before our last write holds our events back
    /// until it ends. Wait for that, as a consumer would.
    /// </summary>
    public Task UntilWrittenAreBelowTheHorizonAsync() =>
        Eventually.TrueAsync(async () =>
        {
            var head = await Feed.HeadAsync();
            await using var command = database.DataSource.CreateCommand("SELECT max(xact_id) < $1 FROM events");
            command.Parameters.Add(new NpgsqlParameter { Value = head.TransactionId, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Xid8 });
            return (bool)(await command.ExecuteScalarAsync())!;
        }, TimeSpan.FromSeconds(30));

    public async Task<Guid> WriteAsync(
        NpgsqlConnection? connection = null, string route = "rt_a", TimeSpan? settlesIn = null, string data = "{}", TimeSpan? age = null)
    {
        var id = Guid.NewGuid();
        const string Sql = """
            INSERT INTO events (event_id, occurred_at, settles_at, project_id, route_id, message_id, recipient_index, recipient,
                                event_type, first_of_kind, machine, counts_for_metrics, classification, data, destination_url)
            VALUES ($1, now() - $5, now() + $3, 'prj_a', $2, 'msg_a', 0, 'ann@example.org',
                    'message.opened', true, false, true, 'genuine', $4::json, $4::json->>'destination_url')
            """;
        await using var command = connection is null ? database.DataSource.CreateCommand(Sql) : new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(route);
        command.Parameters.AddWithValue(settlesIn ?? TimeSpan.FromMinutes(-1));
        command.Parameters.AddWithValue(data);
        command.Parameters.AddWithValue(age ?? TimeSpan.Zero);
        await command.ExecuteNonQueryAsync();
        return id;
    }
}
