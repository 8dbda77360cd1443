using Engagement.Contracts.Tokens;
using Engagement.Grains.Classification.Signals;
using Engagement.Grains.Messages;
using Npgsql;

namespace Engagement.Silo.EngagementLog;

/// <summary>
/// Trap hits are the message's clicks on the trap link's index. Their client address and user agent are
/// what names a source, and retention minimises both after 28 days; a minimised hit names no source any more, which
/// costs little, as the message's tokens expire two days later.
/// </summary>
public sealed class PostgresTrapHits(NpgsqlDataSource database) : ITrapHits
{
    public async Task<IReadOnlyList<string>> SourcesAsync(string messageId, DateTimeOffset notBefore, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            SELECT DISTINCT client_ip, data::json->>'user_agent'
              FROM events
             WHERE message_id = $1 AND event_type = 'message.clicked' AND link_index = $2 AND occurred_at >= $3
            """);
        command.Parameters.AddWithValue(messageId);
        command.Parameters.AddWithValue(TrackingClaims.TrapLinkIndex);
        command.Parameters.AddWithValue(notBefore.UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sources = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sources.Add(HitFacts.SourceOf(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return sources;
    }
}
