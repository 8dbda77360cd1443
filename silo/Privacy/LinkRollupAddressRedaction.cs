using Engagement.Grains.Privacy;
using Engagement.Silo.Reporting;
using Npgsql;

namespace Engagement.Silo.Privacy;

/// <summary>
/// Takes an erased address out of a project's per-link rollups: a destination URL that carried it is counted under
/// the URL without it, merged with the counts already there for that URL.
/// </summary>
internal static class LinkRollupAddressRedaction
{
    /// <summary>Returns how many rollup rows carried the address.</summary>
    public static async Task<int> RunAsync(NpgsqlDataSource database, string projectId, string address, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The rollup consumer's turn: a batch it has read but not yet written must not add to a row this moves.
        await using (var turn = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({RollupConsumer.Turn})", connection))
        {
            await turn.ExecuteNonQueryAsync(cancellationToken);
        }

        var rows = new List<(DateTime Bucket, string Route, string Tag, int Link, string Url, bool Counts, long Clicks, long Unique)>();
        await using (var delete = new NpgsqlCommand($"""
            DELETE FROM link_rollups
             WHERE project_id = $1 AND {AddressMatch.Condition("destination_url", 2)}
            RETURNING bucket_start, route_id, tag, link_index, destination_url, counts, clicks, unique_clicks
            """, connection))
        {
            delete.Parameters.AddWithValue(projectId);
            delete.Parameters.AddWithValue(AddressRedaction.Forms(address));
            await using var reader = await delete.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetDateTime(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                    AddressRedaction.WithoutAddress(reader.GetString(4), address)!, reader.GetBoolean(5), reader.GetInt64(6), reader.GetInt64(7)));
            }
        }

        if (rows.Count > 0)
        {
            // Summed first: two rows that become one would otherwise both claim the same key in one statement.
            await using var insert = new NpgsqlCommand("""
                INSERT INTO link_rollups AS r (project_id, bucket_start, route_id, tag, link_index, destination_md5, destination_url,
                                               counts, clicks, unique_clicks)
                SELECT $1, b, rt, t, l, md5(u)::uuid, u, c, sum(n), sum(un)
                  FROM unnest($2::timestamptz[], $3::text[], $4::text[], $5::integer[], $6::text[], $7::boolean[], $8::bigint[], $9::bigint[])
                       AS x (b, rt, t, l, u, c, n, un)
                 GROUP BY b, rt, t, l, u, c
                ON CONFLICT (project_id, bucket_start, route_id, tag, link_index, destination_md5, counts) DO UPDATE
                   SET clicks = r.clicks + EXCLUDED.clicks, unique_clicks = r.unique_clicks + EXCLUDED.unique_clicks
                """, connection);
            insert.Parameters.AddWithValue(projectId);
            insert.Parameters.AddWithValue(rows.Select(r => r.Bucket).ToArray());
            insert.Parameters.AddWithValue(rows.Select(r => r.Route).ToArray());
            insert.Parameters.AddWithValue(rows.Select(r => r.Tag).ToArray());
            insert.Parameters.AddWithValue(rows.Select(r => r.Link).ToArray());
            insert.Parameters.AddWithValue(rows.Select(r => r.Url).ToArray());
            insert.Parameters.AddWithValue(rows.Select(r => r.Counts).ToArray());
            insert.Parameters.AddWithValue(rows.Select(r => r.Clicks).ToArray());
            insert.Parameters.AddWithValue(rows.Select(r => r.Unique).ToArray());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }
}
