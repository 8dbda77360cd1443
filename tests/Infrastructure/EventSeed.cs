namespace Engagement.Tests.Infrastructure;

/// <summary>Writes events straight into the events table, settled, for tests that need many days or exact times.</summary>
public sealed class EventSeed(TestDatabase database, string projectId)
{
    public Task OpenAsync(string at, string route, string? tag, string message, int recipient, bool first,
        string? machine = null, string? device = null) =>
        WriteAsync(at, "message.opened", route, tag, message, recipient, first, machine, device, null);

    public Task ClickAsync(string at, string route, string? tag, string message, int recipient, bool first, int link, string? machine = null) =>
        WriteAsync(at, "message.clicked", route, tag, message, recipient, first, machine, null, link);

    private async Task WriteAsync(string at, string type, string route, string? tag, string message, int recipient, bool first,
        string? machine, string? device, int? link)
    {
        await using var command = database.DataSource.CreateCommand("""
            INSERT INTO events (event_id, occurred_at, settles_at, project_id, route_id, tag, message_id, recipient_index, recipient,
                                event_type, link_index, first_of_kind, machine, counts_for_metrics, classification, device_type, destination_url, data)
            VALUES (gen_random_uuid(), $1, now() - interval '1 minute', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
                    'https://shop.example/' || $9::integer,
                    jsonb_build_object('recipient', $7::text, 'destination_url', 'https://shop.example/' || $9::integer,
                                       'user_agent', 'Mozilla/5.0'))
            """);
        command.Parameters.AddWithValue(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);
        command.Parameters.AddWithValue(projectId);
        command.Parameters.AddWithValue(route);
        command.Parameters.AddWithValue((object?)tag ?? DBNull.Value);
        command.Parameters.AddWithValue(message);
        command.Parameters.AddWithValue(recipient);
        command.Parameters.AddWithValue($"r{recipient}@{message}.example");
        command.Parameters.AddWithValue(type);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = (object?)link ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        command.Parameters.AddWithValue(first);
        command.Parameters.AddWithValue(machine is not null);
        command.Parameters.AddWithValue(machine is null);
        command.Parameters.AddWithValue(machine ?? "genuine");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = (object?)device ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync();
    }
}
