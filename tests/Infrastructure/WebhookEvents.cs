using Engagement.Grains.Tracking;
using Npgsql;
using NpgsqlTypes;

namespace Engagement.Tests.Infrastructure;

/// <summary>Settled feed events for tests of the webhook delivery tables, each at its own feed position.</summary>
public static class WebhookEvents
{
    public static FeedEvent Opened(ulong transaction)
    {
        var id = new Guid((int)transaction, 0, 0, new byte[8]);
        return new FeedEvent(new FeedPosition(transaction, id), id, EventTypes.Opened, DateTimeOffset.UnixEpoch, "prj_a", "rt_a", null,
            "msg_a", 0, "ann@example.org", null, true, false, true, "genuine", null, null, null, null, """{"message_id": "msg_a"}""");
    }

    /// <summary>Writes the events into the engagement log, where a webhook's queue finds them (once, however often called).</summary>
    public static async Task WriteAsync(TestDatabase database, IEnumerable<FeedEvent> events)
    {
        foreach (var e in events)
        {
            await using var command = database.DataSource.CreateCommand("""
                INSERT INTO events (event_id, occurred_at, settles_at, project_id, route_id, tag, message_id, recipient_index, recipient,
                                    event_type, link_index, first_of_kind, machine, counts_for_metrics, classification, data)
                VALUES ($1, $2, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                ON CONFLICT DO NOTHING
                """);
            command.Parameters.AddWithValue(e.EventId);
            command.Parameters.AddWithValue(e.OccurredAt.UtcDateTime);
            command.Parameters.AddWithValue(e.ProjectId);
            command.Parameters.AddWithValue(e.RouteId);
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.Tag ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.AddWithValue(e.MessageId);
            command.Parameters.AddWithValue(e.RecipientIndex);
            command.Parameters.AddWithValue(e.Recipient);
            command.Parameters.AddWithValue(e.EventType);
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)e.LinkIndex ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
            command.Parameters.AddWithValue(e.FirstOfKind);
            command.Parameters.AddWithValue(e.Machine);
            command.Parameters.AddWithValue(e.CountsForMetrics);
            command.Parameters.AddWithValue(e.Classification);
            command.Parameters.AddWithValue(e.Data ?? "{}");
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The id the delivery log shows for <see cref="Opened"/>'s event.</summary>
    public static string EnvelopeId(ulong transaction) => "evt_" + Opened(transaction).EventId.ToString("N");
}
