using Engagement.Grains.Privacy;
using Engagement.Grains.Webhooks;
using Npgsql;

namespace Engagement.Silo.Privacy;

/// <summary>Addresses are matched case-insensitively, as mail systems treat them.</summary>
public sealed class PostgresRecipientData(NpgsqlDataSource database) : IRecipientData
{
    public async Task<IReadOnlyList<string>> MessagesOfAsync(string projectId, string recipient, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            SELECT message_id FROM sends WHERE project_id = $1 AND lower(recipient) = lower($2)
            UNION
            SELECT message_id FROM events WHERE project_id = $1 AND lower(recipient) = lower($2)
            """);
        command.Parameters.AddWithValue(projectId);
        command.Parameters.AddWithValue(recipient);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var messages = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(reader.GetString(0));
        }

        return messages;
    }

    public Task<long> EraseDeliveryBodiesAsync(IReadOnlyList<string> messageIds, string recipient, CancellationToken cancellationToken = default) =>
        DeliveryBodyRedaction.RunAsync(
            database, "message_id = ANY($1) AND lower(body::jsonb #>> '{data,recipient}') = lower($2)", [messageIds.ToArray(), recipient],
            RedactedPayload.Erased, cancellationToken);

    public async Task<(long Observations, long Events)> DeleteHitsAsync(string projectId, string recipient, CancellationToken cancellationToken = default)
    {
        // Observations carry no address: they are the recipient's by message and recipient index, which sends and events know.
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var observations = new NpgsqlCommand("""
            DELETE FROM observations o
             USING (SELECT message_id, recipient_index FROM sends WHERE project_id = $1 AND lower(recipient) = lower($2)
                    UNION
                    SELECT message_id, recipient_index FROM events WHERE project_id = $1 AND lower(recipient) = lower($2)) r
             WHERE o.project_id = $1 AND o.message_id = r.message_id AND o.recipient_index = r.recipient_index
            """, connection);
        observations.Parameters.AddWithValue(projectId);
        observations.Parameters.AddWithValue(recipient);
        long observationCount = await observations.ExecuteNonQueryAsync(cancellationToken);

        await using var events = new NpgsqlCommand("DELETE FROM events WHERE project_id = $1 AND lower(recipient) = lower($2)", connection);
        events.Parameters.AddWithValue(projectId);
        events.Parameters.AddWithValue(recipient);
        long eventCount = await events.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (observationCount, eventCount);
    }

    public async Task ForgetSendsAsync(string projectId, string recipient, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("UPDATE sends SET recipient = '' WHERE project_id = $1 AND lower(recipient) = lower($2)");
        command.Parameters.AddWithValue(projectId);
        command.Parameters.AddWithValue(recipient);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
