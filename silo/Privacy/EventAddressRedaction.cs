using Engagement.Grains.Privacy;
using Engagement.Grains.Webhooks;
using Npgsql;

namespace Engagement.Silo.Privacy;

/// <summary>
/// Takes an erased address out of the events other recipients left on the messages it shared: what the message says
/// in them (subject, metadata, a click's destination and anchor text) loses the address, as the stored body does.
/// </summary>
internal static class EventAddressRedaction
{
    /// <summary>Returns how many events changed.</summary>
    public static async Task<int> RunAsync(NpgsqlDataSource database, IReadOnlyList<string> messageIds, string address, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = new List<Guid>();
        var occurredAt = new List<DateTime>();
        var destinations = new List<string?>();
        var data = new List<string>();

        // Locked while read: a revision of one of these events (a new bot verdict in its data) waits rather than being
        // overwritten by the copy redacted here. Locked in event order, as a webhook queuing them locks them, so the two
        // cannot each hold a row the other waits for.
        await using (var select = new NpgsqlCommand($"""
            SELECT event_id, occurred_at, destination_url, data FROM events
             WHERE message_id = ANY($1) AND {AddressMatch.Condition("data", 2)}
             ORDER BY event_id
               FOR UPDATE
            """, connection))
        {
            select.Parameters.AddWithValue(messageIds.ToArray());
            select.Parameters.AddWithValue(AddressRedaction.Forms(address));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var stored = reader.GetString(3);
                var redacted = RedactedPayload.EventDataWithoutAddress(stored, address);
                if (redacted != stored)
                {
                    ids.Add(reader.GetGuid(0));
                    occurredAt.Add(reader.GetDateTime(1));
                    destinations.Add(AddressRedaction.WithoutAddress(reader.IsDBNull(2) ? null : reader.GetString(2), address));
                    data.Add(redacted);
                }
            }
        }

        if (ids.Count > 0)
        {
            await using var update = new NpgsqlCommand("""
                UPDATE events e SET destination_url = r.destination_url, data = r.data
                  FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[]) AS r(event_id, occurred_at, destination_url, data)
                 WHERE e.event_id = r.event_id AND e.occurred_at = r.occurred_at
                """, connection);
            update.Parameters.AddWithValue(ids.ToArray());
            update.Parameters.AddWithValue(occurredAt.ToArray());
            update.Parameters.AddWithValue(destinations.ToArray());
            update.Parameters.AddWithValue(data.ToArray());
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }
}
