using System.Diagnostics;
using System.Globalization;
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
        var deliveriesPerRun = BenchSystem.Option(args, "--deliveries", 5000);
        await using var system = await BenchSystem.StartAsync(new Dictionary<string, string?> { ["WEBHOOK_ALLOWED_NETWORKS"] = "127.0.0.0/8" });
        await using var sink = await WebhookSink.StartAsync();
        var database = system.Database;
        using var http = new HttpClient { BaseAddress = system.ApiBase };

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
    }

    private static async Task<(string ProjectId, string RouteId)> RouteWithWebhooksAsync(HttpClient http, WebhookSink sink, int webhooks)
    {
        var team = await BenchSystem.PostAsync(http, "/v1/teams", BenchSystem.AdminToken, new { name = "Bench" });
        var project = await BenchSystem.PostAsync(http, "/v1/projects", team.GetProperty("token").GetString()!, new { name = "Bench" });
        var routeId = project.GetProperty("routes")[0].GetProperty("id").GetString()!;
        var projectToken = project.GetProperty("token").GetString()!;
        for (var i = 0; i < webhooks; i++)
        {
            await BenchSystem.PostAsync(http, $"/v1/routes/{routeId}/webhooks", projectToken, new { url = $"{sink.BaseUrl}/hook/{i}" });
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
}
