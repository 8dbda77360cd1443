using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engagement.Api;
using Engagement.Contracts.Configuration;
using Engagement.Contracts.Tokens;
using Engagement.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
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
        var seconds = Option(args, "--seconds", 10);
        var connections = Option(args, "--connections", 32);
        var duration = TimeSpan.FromSeconds(seconds);
        var databaseUrl = Environment.GetEnvironmentVariable(DatabaseSettings.UrlVariable)
            ?? throw new InvalidOperationException("DATABASE_URL is not set; run scripts/bench, which starts a throwaway PostgreSQL.");
        var settings = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = databaseUrl,
            ["ADMIN_TOKEN"] = "bench-admin",
            ["Orleans:SiloPort"] = "0",
            ["Orleans:GatewayPort"] = "0",
            ["Tracking:Keys:0:Id"] = "1",
            ["Tracking:Keys:0:Key"] = TrackingKeyRing.GenerateKey(),
            ["Tracking:ActiveKeyId"] = "1",
            ["Spool:Directory"] = Path.Combine(Path.GetTempPath(), "engagement-bench-spool"),
            ["Logging:LogLevel:Default"] = "Warning",
        };

        using var silo = SiloApplication.Build([], c => c.AddInMemoryCollection(settings));
        await SiloApplication.StartAsync(silo);
        await using var api = ApiApplication.Build([], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await api.StartAsync();
        var apiBase = new Uri(api.Urls.First());

        Console.WriteLine($"Sending messages through {apiBase} ...");
        var (targets, messageIds) = await SendMessagesAsync(apiBase, messages: 50, recipients: 4);
        Console.WriteLine($"{targets.Count} tracking URLs over {messageIds.Count} messages; {connections} connections, {seconds} s per run.");

        using var client = LoadGenerator.Client(connections);
        await LoadGenerator.ClosedLoopAsync("warm-up", client, targets, connections, TimeSpan.FromSeconds(2));
        await using var database = NpgsqlDataSource.Create(DatabaseSettings.ConnectionStringFrom(databaseUrl));
        var before = await SettledObservationCountAsync(database, messageIds);
        var max = await LoadGenerator.ClosedLoopAsync("tracking, max rate", client, targets, connections, duration);
        var half = await LoadGenerator.OpenLoopAsync("tracking, half max rate", client, targets, max.RequestsPerSecond / 2, duration);

        await using var bare = await BareRedirectServer.StartAsync();
        var bareBase = new Uri(bare.Urls.First());
        var bareTargets = targets.Select(t => new Uri(bareBase, t.PathAndQuery)).ToList();
        await LoadGenerator.ClosedLoopAsync("warm-up", client, bareTargets, connections, TimeSpan.FromSeconds(2));
        var bareMax = await LoadGenerator.ClosedLoopAsync("bare Kestrel, max rate", client, bareTargets, connections, duration);

        var committed = await SettledObservationCountAsync(database, messageIds) - before;
        var acknowledged = (long)max.Succeeded + half.Succeeded;
        Print([max, half, bareMax], max.RequestsPerSecond / bareMax.RequestsPerSecond, committed, acknowledged);
        await api.StopAsync();
        await silo.StopAsync();
    }

    private static void Print(IReadOnlyList<LoadResult> results, double ratio, long committed, long acknowledged)
    {
        Console.WriteLine();
        Console.WriteLine("| run | requests/s | p50 ms | p99 ms | p99 ms from due time | ok | failed |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.RequestsPerSecond:F0} | {r.Percentile(50):F2} | {r.Percentile(99):F2} | {(r.ScheduledLatenciesMs is { } due ? LoadResult.Percentile(due, 99).ToString("F2", CultureInfo.InvariantCulture) : "-")} | {r.Succeeded} | {r.Failed} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Tracking / bare Kestrel throughput ratio: {ratio:F3}"));
        Console.WriteLine($"Successful tracking responses in the measured runs: {acknowledged}; observations they committed in PostgreSQL: {committed} ({(committed == acknowledged ? "equal" : "NOT EQUAL")})");
    }

    /// <summary>The observations of the benchmark's messages, once spooled hits (if any) have been replayed.</summary>
    private static async Task<long> SettledObservationCountAsync(NpgsqlDataSource database, IReadOnlyList<string> messageIds)
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

    private static async Task<(List<Uri> Targets, List<string> MessageIds)> SendMessagesAsync(Uri apiBase, int messages, int recipients)
    {
        using var http = new HttpClient { BaseAddress = apiBase };
        var team = await PostAsync(http, "/v1/teams", "bench-admin", new { name = "Bench" });
        var project = await PostAsync(http, "/v1/projects", team.GetProperty("token").GetString()!, new { name = "Bench" });
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
            var accepted = await PostAsync(http, "/v1/send", projectToken, new
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

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    [GeneratedRegex("/[oc]/[A-Za-z0-9_-]+")]
    private static partial Regex TrackingPath();
}
