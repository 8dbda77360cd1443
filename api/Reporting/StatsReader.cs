using Npgsql;

namespace Engagement.Api.Reporting;

/// <summary>
/// Reads the rollups the silos keep (read-only, like the click fallback lookup): each query sums a project's
/// 15-minute rows into the requested buckets in PostgreSQL (width_bucket over the boundaries), so only one row per
/// bucket and classification comes back.
/// </summary>
public sealed class StatsReader(NpgsqlDataSource database)
{
    /// <summary>The rollups' key for all routes or all tags (RollupScope.All in the silo).</summary>
    private const string AllRoutesOrTags = "\u0001";

    public async Task<(StatsTally Total, IReadOnlyList<StatsTally> Buckets)> ReadAsync(
        StatsQuery query, IReadOnlyList<DateTimeOffset> boundaries, CancellationToken cancellationToken)
    {
        var buckets = boundaries.SkipLast(1).Select(_ => new StatsTally()).ToList();
        var starts = boundaries.SkipLast(1).Select(b => b.UtcDateTime).ToArray();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command(query, boundaries, starts, "send_rollups",
            "sum(sent)::bigint, 0::bigint, 0::bigint, 0::bigint, ''", machineFilter: false));
        batch.BatchCommands.Add(Command(query, boundaries, starts, "evident_open_rollups",
            "0::bigint, sum(recipients)::bigint, 0::bigint, 0::bigint, ''", machineFilter: false));
        batch.BatchCommands.Add(Command(query, boundaries, starts, "engagement_rollups",
            "sum(opens)::bigint, sum(unique_opens)::bigint, sum(clicks)::bigint, sum(unique_clicks)::bigint, classification", machineFilter: true, groupBy: ", classification"));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        for (var table = 0; table < 3; table++)
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var bucket = buckets[reader.GetInt32(0) - 1];
                var (a, b, c, d) = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
                switch (table)
                {
                    case 0:
                        bucket.Sent += a;
                        break;
                    case 1:
                        bucket.EvidentOpens += b;
                        break;
                    default:
                        bucket.Opens += a;
                        bucket.UniqueOpens += b;
                        bucket.Clicks += c;
                        bucket.UniqueClicks += d;
                        bucket.AddClassification(reader.GetString(5), a, c);
                        break;
                }
            }

            await reader.NextResultAsync(cancellationToken);
        }

        var total = new StatsTally();
        buckets.ForEach(total.Add);
        return (total, buckets);
    }

    public async Task<IReadOnlyList<StatsLink>> LinksAsync(StatsQuery query, CancellationToken cancellationToken)
    {
        var (filter, parameters) = Filter(query, StatsBuckets.Floor(query.From), query.To, machineFilter: true);
        await using var command = database.CreateCommand($"""
            SELECT link_index, destination_url, sum(clicks)::bigint, sum(unique_clicks)::bigint
              FROM link_rollups WHERE {filter}
             GROUP BY link_index, destination_md5, destination_url
             ORDER BY 3 DESC, link_index, destination_url
             LIMIT 1000
            """);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var links = new List<StatsLink>();
        while (await reader.ReadAsync(cancellationToken))
        {
            links.Add(new StatsLink(reader.GetString(1), reader.GetInt32(0), new StatsClicks(reader.GetInt64(2), reader.GetInt64(3))));
        }

        return links;
    }

    public async Task<IReadOnlyList<StatsClientRow>> ClientsAsync(StatsQuery query, CancellationToken cancellationToken)
    {
        var (filter, parameters) = Filter(query, StatsBuckets.Floor(query.From), query.To, machineFilter: true);
        await using var command = database.CreateCommand($"""
            SELECT device_type, client_type, client_name, sum(opens)::bigint, sum(clicks)::bigint
              FROM client_rollups WHERE {filter}
             GROUP BY device_type, client_type, client_name
            """);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<StatsClientRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new StatsClientRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4)));
        }

        return rows;
    }

    private static NpgsqlBatchCommand Command(
        StatsQuery query, IReadOnlyList<DateTimeOffset> boundaries, DateTime[] starts, string table, string sums, bool machineFilter, string groupBy = "")
    {
        var (filter, parameters) = Filter(query, boundaries[0], boundaries[^1], machineFilter);
        var command = new NpgsqlBatchCommand($"""
            SELECT width_bucket(bucket_start, ${parameters.Length + 1}::timestamptz[]), {sums}
              FROM {table} WHERE {filter}
             GROUP BY 1{groupBy}
            """);
        command.Parameters.AddRange(parameters);
        command.Parameters.Add(new NpgsqlParameter { Value = starts });
        return command;
    }

    private static (string Filter, NpgsqlParameter[] Parameters) Filter(StatsQuery query, DateTimeOffset from, DateTimeOffset to, bool machineFilter)
    {
        var parameters = new List<NpgsqlParameter>
        {
            new() { Value = query.ProjectId },
            new() { Value = from.UtcDateTime },
            new() { Value = to.UtcDateTime },
        };
        // Rollups keep every count for all routes and all tags too, under AllRoutesOrTags: no filter is that filter.
        parameters.Add(new NpgsqlParameter { Value = query.RouteId ?? AllRoutesOrTags });
        parameters.Add(new NpgsqlParameter { Value = query.Tag ?? AllRoutesOrTags });
        var filter = "project_id = $1 AND route_id = $4 AND tag = $5 AND bucket_start >= $2 AND bucket_start < $3";

        if (machineFilter && !query.IncludeMachine)
        {
            filter += " AND counts";
        }

        return (filter, [.. parameters]);
    }
}
