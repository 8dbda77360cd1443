using Npgsql;

namespace Engagement.Silo.Privacy;

/// <summary>
/// Redacts webhook delivery bodies a batch per transaction: the batch's rows are locked, read, redacted in .NET
/// (which keeps the JSON byte for byte apart from what goes; jsonb would reorder and respace it) and written back
/// marked minimised, and the receivers' answers to them are dropped. Redacted rows no longer match what chose them, so
/// a run cut short is continued by the next.
/// </summary>
internal static class DeliveryBodyRedaction
{
    private const int BatchSize = 1000;

    /// <param name="condition">Which deliveries (a WHERE condition on webhook_deliveries, with $1, $2… for <paramref name="parameters"/>).</param>
    public static async Task<long> RunAsync(
        NpgsqlDataSource database, string condition, object[] parameters, Func<string, string> redact, CancellationToken cancellationToken)
    {
        long redacted = 0;
        int batch;
        do
        {
            batch = await RedactBatchAsync(database, condition, parameters, redact, cancellationToken);
            redacted += batch;
        }
        while (batch == BatchSize);

        return redacted;
    }

    private static async Task<int> RedactBatchAsync(
        NpgsqlDataSource database, string condition, object[] parameters, Func<string, string> redact, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = new List<Guid>();
        var bodies = new List<string>();
        await using (var select = new NpgsqlCommand(
            $"SELECT delivery_id, body FROM webhook_deliveries WHERE {condition} LIMIT {BatchSize} FOR UPDATE", connection))
        {
            foreach (var parameter in parameters)
            {
                select.Parameters.AddWithValue(parameter);
            }

            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetGuid(0));
                bodies.Add(redact(reader.GetString(1)));
            }
        }

        if (ids.Count > 0)
        {
            // A receiver's answer may echo the body it was sent, so it goes whenever the body loses something.
            await using var update = new NpgsqlCommand("""
                WITH answers AS (
                    UPDATE webhook_attempts SET response_body = NULL WHERE delivery_id = ANY($1) AND response_body IS NOT NULL)
                UPDATE webhook_deliveries d SET body = r.body, minimised_at = now()
                  FROM unnest($1::uuid[], $2::text[]) AS r(id, body)
                 WHERE d.delivery_id = r.id
                """, connection);
            update.Parameters.AddWithValue(ids.ToArray());
            update.Parameters.AddWithValue(bodies.ToArray());
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }
}
