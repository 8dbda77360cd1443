using System.Text.Json;
using Engagement.Contracts.Tokens;
using Engagement.Contracts.Tracking;
using Engagement.Grains.Messages;
using Npgsql;

namespace Engagement.Silo.EngagementLog;

/// <summary>
/// Trap hits are the message's click observations on the trap link's index. Their client address and user agent are
/// what names a source, and retention minimises both after 28 days; a minimised hit names no source any more, which
/// costs little, as the message's tokens expire two days later.
/// </summary>
public sealed class PostgresTrapHits(NpgsqlDataSource database) : ITrapHits
{
    public async Task<IReadOnlyList<Observation>> ReadAsync(string messageId, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            SELECT observation_id, recipient_index, received_at, method, client_ip, user_agent, headers
              FROM observations
             WHERE message_id = $1 AND kind = 'click' AND link_index = $2
             ORDER BY received_at
            """);
        command.Parameters.AddWithValue(messageId);
        command.Parameters.AddWithValue(TrackingClaims.TrapLinkIndex);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var hits = new List<Observation>();
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new Observation(
                reader.GetGuid(0),
                TrackingKind.Click,
                messageId,
                reader.GetInt32(1),
                TrackingClaims.TrapLinkIndex,
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(6))!));
        }

        return hits;
    }
}
