using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Npgsql;

namespace Engagement.Bench.Load;

/// <summary>
/// The tracking endpoints under load on this machine: the whole system (PostgreSQL, a silo, the API) against a bare
/// Kestrel answering the same responses, and the count of committed observations beside the successful responses.
/// </summary>
public static partial class LoadBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var seconds = BenchSystem.Option(args, "--seconds", 10);

        // The maximum rate is the best of several concurrencies: with too few requests in flight a server that makes
        // each hit durable waits on its commits with idle cores, and that is its latency, not its capacity.
        var concurrencies = ConnectionCounts(args);

        // A server runs for days: measure it once the JIT has promoted the hit path to optimised code, not before.
        var warmUp = TimeSpan.FromSeconds(BenchSystem.Option(args, "--warm-up", 20));
        var duration = TimeSpan.FromSeconds(seconds);
        using var gcPauses = new GcPauses();
        await using var system = await BenchSystem.StartAsync();
        var apiBase = system.ApiBase;

        Console.WriteLine($"Sending messages through {apiBase} ...");
        var (targets, messageIds) = await SendMessagesAsync(apiBase, messages: 50, recipients: 4);
        Console.WriteLine($"{targets.Count} tracking URLs over {messageIds.Count} messages; {string.Join('/', concurrencies)} connections, {warmUp.TotalSeconds} s warm-up, {seconds} s per run.");

        // This machine's speed drifts within minutes, so each tracking run is paired with a bare run at the same
        // concurrency straight after it, and the ratio of each pair is printed beside the best against best.
        await using var bare = await BareRedirectServer.StartAsync();
        using var flushedAppends = new FlushedAppends();
        await using var durable = await BareRedirectServer.StartAsync(flushedAppends);
        await using var driver = await LoadDriver.StartAsync(targets, SameRequestsOf(bare, targets), SameRequestsOf(durable, targets), concurrencies.Max());
        await driver.ClosedLoopAsync("warm-up", LoadTarget.Tracking, concurrencies[0], warmUp);
        await driver.ClosedLoopAsync("warm-up", LoadTarget.Bare, concurrencies[0], warmUp);
        await system.UntilRollupsCaughtUpAsync();
        var database = system.Database;
        var before = await SettledObservationCountAsync(database, messageIds);
        var tracking = new List<LoadResult>();
        var bareRuns = new List<LoadResult>();
        var commitRows = new List<string>();
        foreach (var connections in concurrencies)
        {
            using (var commits = new CommitObserver())
            {
                tracking.Add(await driver.ClosedLoopAsync($"tracking, max rate, {connections} connections", LoadTarget.Tracking, connections, duration));
                commitRows.Add(commits.Row(tracking[^1]));
            }

            // An overload leaves rollups behind; the next run measures a system that is not still catching up.
            var catchingUp = Stopwatch.StartNew();
            await system.UntilRollupsCaughtUpAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Rollups caught up {catchingUp.Elapsed.TotalSeconds:F1} s after the run with {connections} connections (at least the settle window and the feed's margin)."));
            bareRuns.Add(await driver.ClosedLoopAsync($"bare Kestrel, max rate, {connections} connections", LoadTarget.Bare, connections, duration));
        }

        var max = tracking.MaxBy(r => r.RequestsPerSecond)!;
        var fixedRate = BenchSystem.Option(args, "--rate", 0);
        var rate = fixedRate > 0 ? fixedRate : max.RequestsPerSecond / 2;
        var rateName = fixedRate > 0 ? $"{fixedRate}/s" : "half max rate";
        LoadResult half;
        IReadOnlyList<(DateTime End, double Ms)> halfCommits;
        // Its sampling ends with the run, its table comes last: the runtime delivers a run's GC events late.
        var tail = new TailWindows(system.Database);
        await using (tail)
        using (var commits = new CommitObserver())
        {
            half = await driver.OpenLoopAsync($"tracking, {rateName}", LoadTarget.Tracking, rate, duration);
            commitRows.Add(commits.Row(half));
            halfCommits = commits.Commits;
        }

        // The same rate against bare Kestrel: the latency that this machine and the load generator give any server;
        // and against bare Kestrel waiting for a hit's writes to be flushed: what they give any server that makes every
        // hit durable on this disk before it answers (a few seconds first, for its connections and its JIT).
        var floor = await driver.OpenLoopAsync($"bare Kestrel, {rateName}", LoadTarget.Bare, rate, duration);
        await driver.OpenLoopAsync("warm-up", LoadTarget.Durable, rate, TimeSpan.FromSeconds(3));
        var durableFloor = await driver.OpenLoopAsync($"durable bare Kestrel, {rateName}", LoadTarget.Durable, rate, duration);

        await system.UntilRollupsCaughtUpAsync();
        var committed = await SettledObservationCountAsync(database, messageIds) - before;
        var acknowledged = tracking.Sum(r => (long)r.Succeeded) + half.Succeeded;
        Print([.. tracking, half, .. bareRuns, floor, durableFloor], gcPauses, max.RequestsPerSecond / bareRuns.Max(r => r.RequestsPerSecond), committed, acknowledged);
        var pairRatios = concurrencies.Select((connections, i) => string.Create(CultureInfo.InvariantCulture,
            $"{connections} connections {tracking[i].RequestsPerSecond / bareRuns[i].RequestsPerSecond:F3}"));
        Console.WriteLine("Ratio of each tracking run to the bare run right after it: " + string.Join(", ", pairRatios));

        // What the silo's group commits did in each tracking run: a hit's wait is from its append to its commit.
        Console.WriteLine();
        Console.WriteLine("| run | commits/s | hits per commit | commit p50 ms | commit p99 ms | longest commit ms | hit wait p50 ms | hit wait p99 ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        commitRows.ForEach(Console.WriteLine);
        tail.Print(half, rate, gcPauses, halfCommits);
    }

    private static List<Uri> SameRequestsOf(WebApplication server, IEnumerable<Uri> targets)
    {
        var serverBase = new Uri(server.Urls.First());
        return [.. targets.Select(t => new Uri(serverBase, t.PathAndQuery))];
    }

    // Up to 512: a server that makes every hit durable before it answers reaches its maximum only with that many in flight.
    private const string DefaultConnections = "32,64,128,256,512";

    /// <summary>"--connections 32,64,128": the closed-loop concurrencies, each run in turn (<see cref="DefaultConnections"/> when not given).</summary>
    private static int[] ConnectionCounts(string[] args)
    {
        var at = Array.IndexOf(args, "--connections");
        var list = at >= 0 && at + 1 < args.Length ? args[at + 1] : DefaultConnections;
        return [.. list.Split(',').Select(c => int.TryParse(c, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw new BenchOptionException($"--connections takes positive whole numbers separated by commas (32,64,128), not '{list}'."))];
    }

    private static void Print(IReadOnlyList<LoadResult> results, GcPauses gcPauses, double ratio, long committed, long acknowledged)
    {
        Console.WriteLine();
        Console.WriteLine("| run | requests/s | p50 ms | p99 ms | p99 ms from due time | GC pause ms | longest GC pause ms | ok | failed |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.RequestsPerSecond:F0} | {r.Percentile(50):F2} | {r.Percentile(99):F2} | {(r.ScheduledLatenciesMs is { } due ? LoadResult.Percentile(due, 99).ToString("F2", CultureInfo.InvariantCulture) : "-")} | {r.GcPause.TotalMilliseconds:F0} | {gcPauses.LongestMs(r.StartedAt, r.EndedAt):F1} | {r.Succeeded} | {r.Failed} |"));
        }

        // What each request cost, beside how fast they went: the rate moves with the host's other work much more.
        Console.WriteLine();
        Console.WriteLine("| run | servers' CPU µs/request | PostgreSQL CPU µs/request | load generator CPU µs/request | machine CPU µs/request | servers' KB allocated/request |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.MicrosecondsPerRequest(c => c.Servers):F0} | {r.MicrosecondsPerRequest(c => c.Database):F0} | {r.MicrosecondsPerRequest(c => c.Generator):F0} | {r.MicrosecondsPerRequest(c => c.Servers + c.Database + c.Generator):F0} | {(r.Succeeded == 0 ? double.NaN : r.AllocatedBytes / 1024.0 / r.Succeeded):F1} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Tracking / bare Kestrel throughput ratio, best against best: {ratio:F3}"));
        Console.WriteLine($"Successful tracking responses in the measured runs: {acknowledged}; observations they committed in PostgreSQL: {committed} ({(committed == acknowledged ? "equal" : "NOT EQUAL")})");
    }

    /// <summary>The observations of the benchmark's messages, once spooled hits (if any) have been replayed.</summary>
    internal static async Task<long> SettledObservationCountAsync(NpgsqlDataSource database, IReadOnlyList<string> messageIds)
    {
        long previous = -1;
        while (true)
        {
            await using var command = database.CreateCommand("SELECT count(*) FROM observations WHERE message_id = ANY($1)");
            command.Parameters.AddWithValue(messageIds.ToArray());
            var count = (long)(await command.ExecuteScalarAsync())!;
            if (count == previous)
            {
                return count;
            }

            previous = count;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    internal static async Task<(List<Uri> Targets, List<string> MessageIds)> SendMessagesAsync(Uri apiBase, int messages, int recipients)
    {
        using var http = new HttpClient { BaseAddress = apiBase };
        var team = await BenchSystem.PostAsync(http, "/v1/teams", BenchSystem.AdminToken, new { name = "Bench" });
        var project = await BenchSystem.PostAsync(http, "/v1/projects", team.GetProperty("token").GetString()!, new { name = "Bench" });
        var routeId = project.GetProperty("routes")[0].GetProperty("id").GetString()!;
        using (var patch = new HttpRequestMessage(HttpMethod.Patch, $"/v1/routes/{routeId}") { Content = JsonContent.Create(new { track_opens = true, track_clicks = true }) })
        {
            patch.Headers.Authorization = new("Bearer", team.GetProperty("token").GetString());
            (await http.SendAsync(patch)).EnsureSuccessStatusCode();
        }

        var projectToken = project.GetProperty("token").GetString()!;
        var html = "<html><body>" + string.Concat(Enumerable.Range(0, 5).Select(i => $"<a href=\"https://shop.example/products/{i}?ref=newsletter\">Product {i}</a>")) + "</body></html>";
        var targets = new List<Uri>();
        var ids = new List<string>();
        for (var m = 0; m < messages; m++)
        {
            var accepted = await BenchSystem.PostAsync(http, "/v1/send", projectToken, new
            {
                from = "shop@shop.example",
                to = Enumerable.Range(0, recipients).Select(r => $"m{m}r{r}@example.org").ToArray(),
                subject = "Bench",
                html,
            });
            var id = accepted.GetProperty("message_id").GetString()!;
            ids.Add(id);
            using var get = new HttpRequestMessage(HttpMethod.Get, $"/v1/messages/{id}");
            get.Headers.Authorization = new("Bearer", projectToken);
            var message = JsonDocument.Parse(await (await http.SendAsync(get)).Content.ReadAsStringAsync()).RootElement;
            foreach (var recipient in message.GetProperty("recipients").EnumerateArray())
            {
                targets.AddRange(TrackingPath().Matches(recipient.GetProperty("html").GetString()!).Select(match => new Uri(apiBase, match.Value)));
            }
        }

        return (targets, ids);
    }

    [GeneratedRegex("/[oc]/[A-Za-z0-9_-]+")]
    private static partial Regex TrackingPath();
}
