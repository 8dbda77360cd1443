using Npgsql;

namespace Engagement.Silo.Privacy;

/// <summary>
/// Redacts webhook delivery bodies: the chosen rows are locked, read, redacted in .NET (which keeps the JSON byte for
/// byte apart from what goes; jsonb would reorder and respace it) and written back, and the receivers' answers to the
/// bodies that changed are dropped, as an answer may echo the body it was sent.
/// </summary>
internal static class DeliveryBodyRedaction
{
    private const int BatchSize = 1000;

    /// <summary>
    /// Minimises a batch per transaction, marking each row minimised. Minimised rows no longer match what chose them,
    /// so a run cut short is continued by the next.
    /// </summary>
    /// <param name="condition">Which deliveries (a WHERE condition on webhook_deliveries, with $1, $2… for <paramref name="parameters"/>).</param>
    public static async Task<long> RunAsync(
        NpgsqlDataSource database, string condition, object[] parameters, Func<string, string> redact, CancellationToken cancellationToken)
    {
        long redacted = 0;
        int batch;
        do
        {
            batch = await RedactAsync(database, condition, parameters, redact, BatchSize, minimises: true, cancellationToken);
            redacted += batch;
        }
        while (batch == BatchSize);

        return redacted;
    }

    /// <summary>
    /// Rewrites every chosen row in one transaction and leaves them unmarked, so retention still minimises them later;
    /// only rows the redaction changes are written. For a few rows, such as a message's deliveries; returns how many changed.
    /// </summary>
    public static Task<int> RewriteAsync(
        NpgsqlDataSource database, string condition, object[] parameters, Func<string, string> redact, CancellationToken cancellationToken) =>
        RedactAsync(database, condition, parameters, redact, limit: null, minimises: false, cancellationToken);

    private static async Task<int> RedactAsync(
        NpgsqlDataSource database, string condition, object[] parameters, Func<string, string> redact, int? limit, bool minimises,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = new List<Guid>();
        var bodies = new List<string>();
        var selected = 0;
        await using (var select = new NpgsqlCommand(
            $"SELECT delivery_id, body FROM webhook_deliveries WHERE {condition} {(limit is { } l ? $"LIMIT {l}" : "")} FOR UPDATE", connection))
        {
            foreach (var parameter in parameters)
            {
                select.Parameters.AddWithValue(parameter);
            }

            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                selected++;
                var body = reader.GetString(1);
                var redacted = redact(body);
                if (minimises || redacted != body)
                {
                    ids.Add(reader.GetGuid(0));
                    bodies.Add(redacted);
                }
            }
        }

        if (ids.Count > 0)
        {
            await using var update = new NpgsqlCommand("""
                WITH answers AS (
                    UPDATE webhook_attempts SET response_body = NULL WHERE delivery_id = ANY($1) AND response_body IS NOT NULL)
                UPDATE webhook_deliveries d SET body = r.body, minimised_at = CASE WHEN $3 THEN now() ELSE d.minimised_at END
                  FROM unnest($1::uuid[], $2::text[]) AS r(id, body)
                 WHERE d.delivery_id = r.id
                """, connection);
            update.Parameters.AddWithValue(ids.ToArray());
            update.Parameters.AddWithValue(bodies.ToArray());
            update.Parameters.AddWithValue(minimises);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return minimises ? selected : ids.Count;
    }
}
