using Npgsql;

namespace Engagement.Grains.Messages;

public sealed class MessageContents(NpgsqlDataSource database) : IMessageContents
{
    public async Task SaveAsync(string messageId, string? html, string? text, CancellationToken cancellationToken = default)
    {
        // A retried acceptance writes the same bodies again; the first copy stands.
        await using var command = database.CreateCommand("""
            INSERT INTO message_contents (message_id, html, text) VALUES ($1, $2, $3)
            ON CONFLICT (message_id) DO NOTHING
            """);
        command.Parameters.AddWithValue(messageId);
        command.Parameters.AddWithValue((object?)html ?? DBNull.Value);
        command.Parameters.AddWithValue((object?)text ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task OverwriteAsync(string messageId, string? html, string? text, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("UPDATE message_contents SET html = $2, text = $3 WHERE message_id = $1");
        command.Parameters.AddWithValue(messageId);
        command.Parameters.AddWithValue((object?)html ?? DBNull.Value);
        command.Parameters.AddWithValue((object?)text ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<(string? Html, string? Text)> LoadAsync(string messageId, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("SELECT html, text FROM message_contents WHERE message_id = $1");
        command.Parameters.AddWithValue(messageId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"Message {messageId} has tracking state but no stored content.");
        }

        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }
}
