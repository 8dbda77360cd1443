using System.Diagnostics;
using System.Globalization;
using Engagement.Bench.Load;
using Npgsql;

namespace Engagement.Bench.Stats;

/// <summary>
/// Stats queries over many events: seeds N events (default 10 million) over 90 days, three routes, five tags and
/// three classifications straight into the events table, lets the silo's rollup consumer take them from the event
/// feed as it takes real hits, then times stats queries over HTTP, one at a time, and the log's recurring statements
/// (<see cref="KeptDays"/>).
/// </summary>
public static class StatsBenchmark
{
    private const int Days = 90;
    private const int Queries = 300;

    public static async Task RunAsync(string[] args)
    {
        var events = BenchSystem.Option(args, "--events", 10_000_000);
        await using var system = await BenchSystem.StartAsync();
        using var http = new HttpClient { BaseAddress = system.ApiBase };

        var team = await BenchSystem.PostAsync(http, "/v1/teams", BenchSystem.AdminToken, new { name = "Bench" });
        var project = await BenchSystem.PostAsync(http, "/v1/projects", team.GetProperty("token").GetString()!, new { name = "Bench mail" });
        var projectId = project.GetProperty("id").GetString()!;
        var routes = new List<string> { project.GetProperty("routes")[0].GetProperty("id").GetString()! };
        foreach (var slug in new[] { "newsletter", "alerts" })
        {
            var route = await BenchSystem.PostAsync(http, $"/v1/projects/{projectId}/routes", team.GetProperty("token").GetString()!, new { slug, type = "broadcast" });
            routes.Add(route.GetProperty("id").GetString()!);
        }

        var database = system.Database;
        var now = DateTimeOffset.UtcNow;
        var seeding = Stopwatch.StartNew();
        await SeedAsync(database, projectId, routes, events, now);
        Console.WriteLine($"Seeded {events:N0} events in {seeding.Elapsed.TotalSeconds:F0} s; rolling them up ...");

        var rolling = Stopwatch.StartNew();
        await system.UntilRollupsCaughtUpAsync();
        rolling.Stop();
        var rows = await ScalarAsync<long>(database, "SELECT count(*) FROM engagement_rollups");
        Console.WriteLine($"Rolled up in {rolling.Elapsed.TotalSeconds:F0} s ({events / rolling.Elapsed.TotalSeconds:N0} events/s); {rows:N0} engagement rollup rows.");

        var token = project.GetProperty("token").GetString()!;
        var range = $"from={Iso(now.AddDays(-30))}&to={Iso(now)}";
        var cases = new (string Name, string Path)[]
        {
            ("30 days, daily, Europe/Amsterdam", $"/v1/stats?{range}&interval=day&tz=Europe/Amsterdam"),
            ("30 days, daily, one route and tag, machine included", $"/v1/stats?{range}&interval=day&route=newsletter&tag=tag-3&include_machine=true"),
            ("30 days, hourly, Asia/Kolkata", $"/v1/stats?{range}&interval=hour&tz=Asia/Kolkata"),
            ("90 days, daily", $"/v1/stats?from={Iso(now.AddDays(-Days))}&to={Iso(now)}&interval=day"),
            ("30 days, links", $"/v1/stats/links?{range}"),
            ("30 days, clients", $"/v1/stats/clients?{range}"),
        };

        Console.WriteLine();
        Console.WriteLine($"| query ({events:N0} events, {Queries} requests each, one at a time) | p50 ms | p99 ms |");
        Console.WriteLine("| --- | ---: | ---: |");
        foreach (var (name, path) in cases)
        {
            var latencies = await TimeAsync(http, token, path);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {LoadResult.Percentile(latencies, 50):F2} | {LoadResult.Percentile(latencies, 99):F2} |"));
        }

        await KeptDays.TimeAsync(database, routes[1]);
    }

    /// <summary>
    /// Events in time order, as hits arrive (event ids rising with time, so the feed hands them out in that order), in
    /// chunks of a million per transaction, and the sends behind them. Sends go straight into sends and send_rollups,
    /// the same rows the send log writes on accept.
    /// </summary>
    private static async Task SeedAsync(NpgsqlDataSource database, string projectId, IReadOnlyList<string> routes, int events, DateTimeOffset now)
    {
        await ExecuteAsync(database, "SELECT ensure_engagement_partitions($1, $2)", DateOnly.FromDateTime(now.UtcDateTime).AddDays(-Days - 1), Days + 2);
        const int Chunk = 1_000_000;
        for (var start = 0; start < events; start += Chunk)
        {
            await ExecuteAsync(database, """
                INSERT INTO events (event_id, occurred_at, settles_at, project_id, route_id, tag, message_id, recipient_index, recipient,
                                    event_type, link_index, first_of_kind, machine, counts_for_metrics, classification,
                                    device_type, client_type, client_name, destination_url, data)
                SELECT lpad(to_hex(i), 32, '0')::uuid, t, t, $1, ($2::text[])[1 + i % 3], 'tag-' || (i % 5), 'msg_' || (i / 20), i % 4,
                       'r' || (i % 4) || '@' || (i / 20) || '.example',
                       CASE WHEN i % 4 = 3 THEN 'message.clicked' ELSE 'message.opened' END,
                       CASE WHEN i % 4 = 3 THEN i % 7 END,
                       i % 20 < 4, i % 10 = 9, i % 10 <> 9,
                       CASE WHEN i % 10 = 9 THEN 'security_scanner' WHEN i % 10 = 8 THEN 'image_proxy' ELSE 'genuine' END,
                       (ARRAY['desktop', 'mobile', 'tablet'])[1 + i % 3], 'email_client', (ARRAY['Outlook', 'Apple Mail', 'Gmail'])[1 + i % 3],
                       CASE WHEN i % 4 = 3 THEN 'https://shop.example/' || (i % 7) END,
                       CASE WHEN i % 4 = 3 THEN json_build_object('destination_url', 'https://shop.example/' || (i % 7)) ELSE '{}' END
                  FROM generate_series($3::bigint, $4::bigint) AS i,
                       LATERAL (SELECT $5::timestamptz + i * ($6::interval / $7::bigint) AS t) AS at
                """, projectId, routes.ToArray(), (long)start, (long)Math.Min(events, start + Chunk) - 1, now.AddDays(-Days).UtcDateTime,
                TimeSpan.FromDays(Days), (long)events);
            Console.WriteLine($"  {Math.Min(events, start + Chunk):N0} events written");
        }

        await ExecuteAsync(database, """
            WITH s AS (
                INSERT INTO sends (message_id, recipient_index, project_id, route_id, tag, recipient, sent_at)
                SELECT 'msg_' || m, r, $1, ($2::text[])[1 + (m * 20) % 3], 'tag-' || ((m * 20) % 5), 'r' || r || '@' || m || '.example',
                       $3::timestamptz + (m * 20) * ($4::interval / $5::bigint)
                  FROM generate_series(0, $5::bigint / 20) AS m, generate_series(0, 3) AS r
                RETURNING project_id, sent_at, route_id, tag)
            INSERT INTO send_rollups (project_id, bucket_start, route_id, tag, sent)
            SELECT project_id, b, coalesce(route_id, E'\x01'), coalesce(tag, E'\x01'), count(*)
              FROM (SELECT *, date_bin('15 minutes', sent_at, 'epoch') AS b FROM s) AS x
             GROUP BY GROUPING SETS ((project_id, b, route_id, tag), (project_id, b, route_id), (project_id, b, tag), (project_id, b))
            """, projectId, routes.ToArray(), now.AddDays(-Days).UtcDateTime, TimeSpan.FromDays(Days), (long)events);
        await ExecuteAsync(database, "ANALYZE");
    }

    private static async Task<List<double>> TimeAsync(HttpClient http, string token, string path)
    {
        var latencies = new List<double>();
        for (var i = -20; i < Queries; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new("Bearer", token);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            if (i >= 0)
            {
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return latencies;
    }

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    private static async Task ExecuteAsync(NpgsqlDataSource database, string sql, params object[] parameters)
    {
        await using var command = database.CreateCommand(sql);
        command.CommandTimeout = 0;
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
