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

    public async Task<long> DeleteHitsAsync(string projectId, string recipient, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("DELETE FROM events WHERE project_id = $1 AND lower(recipient) = lower($2)");
        command.Parameters.AddWithValue(projectId);
        command.Parameters.AddWithValue(recipient);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ForgetSendsAsync(string projectId, string recipient, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("UPDATE sends SET recipient = '' WHERE project_id = $1 AND lower(recipient) = lower($2)");
        command.Parameters.AddWithValue(projectId);
        command.Parameters.AddWithValue(recipient);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
