using Engagement.Grains.Privacy;
using Engagement.Grains.Webhooks;
using Npgsql;

namespace Engagement.Silo.Privacy;

/// <summary>
/// Addresses are matched case-insensitively, as mail systems treat them. A recipient's messages are found through
/// the send record, which every message that can be hit has (the API answers a send, and mail goes out, only after
/// the record is written), so an erasure reads the engagement log by message rather than scanning a project's hits.
/// </summary>
public sealed class PostgresRecipientData(NpgsqlDataSource database) : IRecipientData
{
    public async Task<IReadOnlyList<string>> MessagesOfAsync(string projectId, string recipient, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            SELECT DISTINCT message_id FROM sends WHERE project_id = $1 AND lower(recipient) = lower($2)
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

    public async Task<(long Hits, long DeliveryBodies)> EraseHitsAsync(
        string projectId, IReadOnlyList<string> messageIds, string recipient, CancellationToken cancellationToken = default)
    {
        // Hits first: a webhook queuing one of them holds it key-share locked until its delivery is committed
        // (DeliveryLog.EnqueueAsync), so the deletion waits for that delivery and the redaction after it finds it; a
        // webhook that comes after the deletion finds the hit gone and queues nothing.
        long hits;
        await using (var delete = database.CreateCommand(
            "DELETE FROM events WHERE message_id = ANY($1) AND project_id = $2 AND lower(recipient) = lower($3)"))
        {
            delete.Parameters.AddWithValue(messageIds.ToArray());
            delete.Parameters.AddWithValue(projectId);
            delete.Parameters.AddWithValue(recipient);
            hits = await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        var bodies = await DeliveryBodyRedaction.RunAsync(
            database, "message_id = ANY($1) AND lower(body::jsonb #>> '{data,recipient}') = lower($2)", [messageIds.ToArray(), recipient],
            RedactedPayload.Erased, cancellationToken);
        return (hits, bodies);
    }

    public async Task<SharedContentRedaction> RedactSharedContentAsync(
        string projectId, IReadOnlyList<string> messageIds, string recipient, CancellationToken cancellationToken = default)
    {
        // Events before the rollups: a rollup batch that reads them afterwards counts the URL without the address.
        var events = await EventAddressRedaction.RunAsync(database, messageIds, recipient, cancellationToken);
        var bodies = await DeliveryBodyRedaction.RewriteAsync(
            database,
            $"message_id = ANY($1) AND {AddressMatch.Condition("body", 2)}",
            [messageIds.ToArray(), AddressRedaction.Forms(recipient)],
            body => RedactedPayload.WithoutAddress(body, recipient),
            cancellationToken);
        var links = await LinkRollupAddressRedaction.RunAsync(database, projectId, recipient, cancellationToken);
        return new SharedContentRedaction(events, bodies, links);
    }

    public async Task ForgetSendsAsync(string projectId, string recipient, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("UPDATE sends SET recipient = '' WHERE project_id = $1 AND lower(recipient) = lower($2)");
        command.Parameters.AddWithValue(projectId);
        command.Parameters.AddWithValue(recipient);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
