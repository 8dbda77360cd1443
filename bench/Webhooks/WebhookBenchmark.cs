using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.Api;
using Engagement.Contracts.Configuration;
using Engagement.Contracts.Tokens;
using Engagement.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Engagement.Bench.Webhooks;

/// <summary>
/// Webhook delivery throughput: the whole system (PostgreSQL, a silo, the API) delivering a burst of events written
/// to the log, to 1, 10 and 100 webhooks of one route on a local receiver. Each run counts from the moment the events
/// commit until the receiver has every (webhook, event) pair.
/// </summary>
public static class WebhookBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var deliveriesPerRun = Option(args, "--deliveries", 5000);
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
            ["WEBHOOK_ALLOWED_NETWORKS"] = "127.0.0.0/8",
        };

        using var silo = SiloApplication.Build([], c => c.AddInMemoryCollection(settings));
        await SiloApplication.StartAsync(silo);
        await using var api = ApiApplication.Build([], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await api.StartAsync();
        await using var sink = await WebhookSink.StartAsync();
        await using var database = NpgsqlDataSource.Create(DatabaseSettings.ConnectionStringFrom(databaseUrl));
        using var http = new HttpClient { BaseAddress = new Uri(api.Urls.First()) };

        var rows = new List<string>();
        foreach (var webhooks in new[] { 1, 10, 100 })
        {
            var events = deliveriesPerRun / webhooks;
            var (projectId, routeId) = await RouteWithWebhooksAsync(http, sink, webhooks);
            await Task.Delay(TimeSpan.FromSeconds(3));
            sink.Reset();
            var clock = Stopwatch.StartNew();
            await WriteEventsAsync(database, projectId, routeId, events);
            var expected = webhooks * events;
            var deadline = TimeSpan.FromMinutes(5);
            while (sink.Distinct < expected && clock.Elapsed < deadline)
            {
                await Task.Delay(20);
            }

            var seconds = clock.Elapsed.TotalSeconds;
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {webhooks} | {events} | {sink.Distinct} of {expected} | {seconds:F1} | {sink.Distinct / seconds:F0} | {sink.Requests - sink.Distinct} |"));
            Console.WriteLine(rows[^1]);
        }

        Console.WriteLine();
        Console.WriteLine("| webhooks | events | deliveries received | seconds | deliveries/s | repeats |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        rows.ForEach(Console.WriteLine);
        await api.StopAsync();
        await silo.StopAsync();
    }

    private static async Task<(string ProjectId, string RouteId)> RouteWithWebhooksAsync(HttpClient http, WebhookSink sink, int webhooks)
    {
        var team = await PostAsync(http, "/v1/teams", "bench-admin", new { name = "Bench" });
        var project = await PostAsync(http, "/v1/projects", team.GetProperty("token").GetString()!, new { name = "Bench" });
        var routeId = project.GetProperty("routes")[0].GetProperty("id").GetString()!;
        var projectToken = project.GetProperty("token").GetString()!;
        for (var i = 0; i < webhooks; i++)
        {
            await PostAsync(http, $"/v1/routes/{routeId}/webhooks", projectToken, new { url = $"{sink.BaseUrl}/hook/{i}" });
        }

        return (project.GetProperty("id").GetString()!, routeId);
    }

    /// <summary>A burst of settled opens on the route, as the engagement log would have written them, in one transaction.</summary>
    private static async Task WriteEventsAsync(NpgsqlDataSource database, string projectId, string routeId, int count)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO events (event_id, occurred_at, settles_at, project_id, route_id, message_id, recipient_index, recipient,
                                event_type, first_of_kind, machine, counts_for_metrics, classification, data)
            SELECT gen_random_uuid(), now(), now() - interval '1 minute', $1, $2, 'msg_bench', 0, 'ann@example.org',
                   'message.opened', false, false, true, 'genuine',
                   jsonb_build_object('message_id', 'msg_bench', 'subject', 'Bench', 'metadata', '{}'::jsonb, 'tag', null,
                                      'recipient', 'ann@example.org', 'opened_at', now(), 'first_open', false,
                                      'device_type', 'desktop', 'client_type', 'browser', 'client_name', 'Firefox',
                                      'user_agent', 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
                                      'bot', jsonb_build_object('detected', false, 'probability', 0, 'classification', 'genuine',
                                                                'proxy_type', null, 'reason_codes', '[]'::jsonb,
                                                                'machine', false, 'counts_for_metrics', true))
              FROM generate_series(1, $3)
            """);
        command.Parameters.AddWithValue(projectId);
        command.Parameters.AddWithValue(routeId);
        command.Parameters.AddWithValue(count);
        await command.ExecuteNonQueryAsync();
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
}
