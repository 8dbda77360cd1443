using System.Net;
using Engagement.Tests.Infrastructure;

namespace Engagement.Tests.Http;

/// <summary>Erasing a recipient removes its hits and address from the project, counts what went, and can be repeated.</summary>
[Collection(ExclusiveDatabaseCollection.Name)]
public sealed class PrivacyApiTests : IAsyncLifetime
{
    private const string Html = "<html><body><a href=\"https://shop.example/a\">A</a></body></html>";

    private readonly WebhookSystem webhooks = new(new Dictionary<string, string?>());
    private WebhookReceiver receiver = null!;

    private RunningSystem system => webhooks.System;

    public async Task InitializeAsync()
    {
        await webhooks.InitializeAsync();
        receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        await webhooks.DisposeAsync();
    }

    [Fact]
    public async Task Erasing_a_recipient_removes_its_observations_events_and_address_and_a_repeat_erases_nothing()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        var sent = await SentMessage.SendAsync(system.Http, tenant, Html, "ann@example.org", "bob@example.org");
        foreach (var path in new[] { $"/o/{sent.OpenTokens[0]}", $"/c/{sent.ClickTokens[0][0]}", $"/o/{sent.OpenTokens[1]}" })
        {
            using var hit = await system.Http.GetAsync(path);
        }

        var (status, erased) = await system.Http.PostAsync("/v1/privacy/erase", tenant.ProjectToken, new { recipient = "Ann@Example.org" });
        var (_, again) = await system.Http.PostAsync("/v1/privacy/erase", tenant.ProjectToken, new { recipient = "ann@example.org" });
        using var later = await system.Http.GetAsync($"/o/{sent.OpenTokens[0]}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal((1, 2L, 2L, 0L), Counts(erased));
        Assert.Equal((0, 0L, 0L, 0L), Counts(again));
        var message = await SentMessage.ReadAsync(system.Http, tenant, sent.Id);
        var recipients = message.GetProperty("recipients");
        Assert.Equal("", recipients[0].Text("email"));
        Assert.Equal(0, recipients[0].GetProperty("opens").GetInt32());
        Assert.Equal("bob@example.org", recipients[1].Text("email"));
        Assert.Equal(1, recipients[1].GetProperty("opens").GetInt32());
        var (_, events) = await system.Http.GetAsync($"/v1/messages/{sent.Id}/events?include_machine=true", tenant.ProjectToken);
        Assert.Equal(["bob@example.org"], events.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("data").Text("recipient")));
        Assert.Equal(0L, await system.Database.ScalarAsync<long>("SELECT count(*) FROM observations WHERE message_id = $1 AND recipient_index = 0", sent.Id));
        Assert.DoesNotContain("127.0.0.1", message.ToString() + events.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hit_still_being_committed_when_its_recipient_is_erased_goes_with_the_rest()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        var sent = await SentMessage.SendAsync(system.Http, tenant, Html, "ann@example.org", "bob@example.org");

        // Ann's hit takes a second to insert, so the erasure starts while it is being committed.
        await system.Database.ExecuteAsync($"""
            CREATE FUNCTION insert_slowly() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(1); RETURN NEW; END $$;
            CREATE TRIGGER insert_slowly BEFORE INSERT ON events FOR EACH ROW WHEN (NEW.message_id = '{sent.Id}') EXECUTE FUNCTION insert_slowly();
            """);
        try
        {
            var hit = system.Http.GetAsync($"/o/{sent.OpenTokens[0]}");
            await Eventually.TrueAsync(
                async () => await system.Database.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'") == 1,
                TimeSpan.FromSeconds(10));
            var (status, erased) = await system.Http.PostAsync("/v1/privacy/erase", tenant.ProjectToken, new { recipient = "ann@example.org" });
            using var answered = await hit;

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            Assert.Equal((1, 1L, 1L, 0L), Counts(erased));
            Assert.Equal(0L, await system.Database.ScalarAsync<long>("SELECT count(*) FROM events WHERE message_id = $1", sent.Id));
            var recipients = (await SentMessage.ReadAsync(system.Http, tenant, sent.Id)).GetProperty("recipients");
            Assert.Equal(0, recipients[0].GetProperty("opens").GetInt32());
        }
        finally
        {
            await system.Database.ExecuteAsync("DROP TRIGGER insert_slowly ON events; DROP FUNCTION insert_slowly();");
        }
    }

    [Fact]
    public async Task Erasing_a_recipient_redacts_its_webhook_deliveries_in_the_project_and_no_others()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        var (webhookId, _) = await webhooks.CreateWebhookAsync(tenant, receiver);
        var other = await Tenant.CreateAsync(system.Http, "Other");
        await webhooks.CreateWebhookAsync(other, receiver);
        var sent = await SentMessage.SendAsync(system.Http, tenant, Html, "ann@example.org", "bob@example.org");
        var elsewhere = await SentMessage.SendAsync(system.Http, other, Html, "ann@example.org");
        foreach (var path in new[] { $"/o/{sent.OpenTokens[0]}", $"/c/{sent.ClickTokens[0][0]}", $"/o/{sent.OpenTokens[1]}", $"/o/{elsewhere.OpenTokens[0]}" })
        {
            using var hit = await system.Http.GetAsync(path);
        }

        await Eventually.TrueAsync(() => Task.FromResult(receiver.Events().Count == 4), TimeSpan.FromSeconds(30));

        var (_, erased) = await system.Http.PostAsync("/v1/privacy/erase", tenant.ProjectToken, new { recipient = "ANN@example.org" });
        var (_, again) = await system.Http.PostAsync("/v1/privacy/erase", tenant.ProjectToken, new { recipient = "ann@example.org" });

        Assert.Equal((1, 2L, 2L, 2L), Counts(erased));
        Assert.Equal((0, 0L, 0L, 0L), Counts(again));
        var bodies = await BodiesAsync(sent.Id);
        Assert.Equal(2, bodies.Count(b => b.Contains("\"recipient\":\"\"", StringComparison.Ordinal) && !b.Contains("user_agent", StringComparison.Ordinal)));
        Assert.Single(bodies, b => b.Contains("\"recipient\":\"bob@example.org\"", StringComparison.Ordinal) && b.Contains("\"user_agent\":", StringComparison.Ordinal));
        Assert.DoesNotContain(bodies, b => b.Contains("ann@example.org", StringComparison.OrdinalIgnoreCase));
        var untouched = Assert.Single(await BodiesAsync(elsewhere.Id));
        Assert.Contains("\"recipient\":\"ann@example.org\"", untouched, StringComparison.Ordinal);
        Assert.Contains("\"user_agent\":", untouched, StringComparison.Ordinal);

        // A replay sends what is left: the event without the address.
        var deliveries = await webhooks.DeliveriesAsync(tenant, webhookId);
        var annsOpen = receiver.Events().Single(e => e.GetProperty("data").Text("recipient") == "ann@example.org" && e.Text("event") == "message.opened"
            && e.GetProperty("data").Text("message_id") == sent.Id);
        var delivery = deliveries.EnumerateArray().Single(d => d.Text("event_id") == annsOpen.Text("id"));
        await system.Http.PostAsync($"/v1/webhooks/{webhookId}/deliveries/{delivery.Text("id")}/replay", tenant.ProjectToken, new { });
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Received.Count(r => r.Id == annsOpen.Text("id")) == 2), TimeSpan.FromSeconds(30));
        var replayed = receiver.Received.Last(r => r.Id == annsOpen.Text("id")).Body.GetProperty("data");
        Assert.Equal("", replayed.Text("recipient"));
        Assert.Equal("", replayed.Text("subject"));
        Assert.False(replayed.TryGetProperty("user_agent", out _));
    }

    [Fact]
    public async Task Erasing_a_recipient_drops_the_bodies_and_subjects_of_its_own_messages_and_takes_its_address_out_of_shared_bodies()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        var own = await SentMessage.SendAsync(system.Http, tenant, "<html><body><p>Dear Ann</p><a href=\"https://shop.example/a\">A</a></body></html>", "ann@example.org");
        var shared = await SentMessage.SendAsync(system.Http, tenant,
            "<html><body><p>To ANN@example.org and bob@example.org</p><a href=\"https://shop.example/a?to=ann%40example.org\">A</a></body></html>",
            "ann@example.org", "bob@example.org");

        await system.Http.PostAsync("/v1/privacy/erase", tenant.ProjectToken, new { recipient = "ann@example.org" });

        Assert.Equal(1L, await system.Database.ScalarAsync<long>("SELECT count(*) FROM message_contents WHERE message_id = $1 AND html IS NULL AND text IS NULL", own.Id));
        Assert.Equal(
            "<html><body><p>To  and bob@example.org</p><a href=\"https://shop.example/a?to=\">A</a></body></html>",
            await system.Database.ScalarAsync<string>("SELECT html FROM message_contents WHERE message_id = $1", shared.Id));
        var sharedView = await SentMessage.ReadAsync(system.Http, tenant, shared.Id);
        Assert.Contains("<p>To  and bob@example.org</p>", sharedView.GetProperty("recipients")[1].Text("html"), StringComparison.Ordinal);
        Assert.Equal("Hello", sharedView.Text("subject"));
        var ownView = await SentMessage.ReadAsync(system.Http, tenant, own.Id);
        Assert.DoesNotContain("Dear Ann", ownView.ToString(), StringComparison.Ordinal);
        Assert.Equal("", ownView.Text("subject"));
    }

    [Fact]
    public async Task Erasing_a_recipient_takes_its_address_out_of_the_links_events_deliveries_and_link_stats_it_shared_with_others()
    {
        const string link = "https://shop.example/orders?for=ann%40example.org";
        const string redacted = "https://shop.example/orders?for=";
        var tenant = await Tenant.CreateAsync(system.Http);
        await webhooks.CreateWebhookAsync(tenant, receiver);
        var shared = await SentMessage.SendAsync(system.Http, tenant,
            $"<html><body><a href=\"{link}\">Orders of Ann@Example.org</a></body></html>", "ann@example.org", "bob@example.org");
        foreach (var path in new[] { $"/c/{shared.ClickTokens[0][0]}", $"/c/{shared.ClickTokens[1][0]}" })
        {
            using var hit = await system.Http.GetAsync(path);
        }

        await Eventually.TrueAsync(() => Task.FromResult(receiver.Events().Count == 2), TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(async () => (await LinkClicksAsync(tenant)).GetValueOrDefault(link) == 2, TimeSpan.FromSeconds(30));

        var (_, order) = await system.Http.PostAsync("/v1/send", tenant.ProjectToken, new
        {
            from = "shop@shop.example",
            to = new[] { "ann@example.org", "bob@example.org" },
            subject = "Orders of ann@example.org",
            html = "<p>Orders</p>",
            metadata = new Dictionary<string, string> { ["for"] = "ANN@example.org", ["shop"] = "north" },
        });

        await system.Http.PostAsync("/v1/privacy/erase", tenant.ProjectToken, new { recipient = "ann@example.org" });
        using var later = await system.Http.GetAsync($"/c/{shared.ClickTokens[1][0]}");

        var view = await SentMessage.ReadAsync(system.Http, tenant, shared.Id);
        var listed = Assert.Single(view.GetProperty("links").EnumerateArray());
        Assert.Equal((redacted, "Orders of "), (listed.Text("url"), listed.Text("anchor_text")));
        var (_, events) = await system.Http.GetAsync($"/v1/messages/{shared.Id}/events?include_machine=true", tenant.ProjectToken);
        var bobs = events.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("data")).ToList();
        Assert.Equal(2, bobs.Count);
        Assert.All(bobs, e => Assert.Equal(("bob@example.org", redacted, "Orders of "), (e.Text("recipient"), e.Text("destination_url"), e.Text("anchor_text"))));
        var bodies = await BodiesAsync(shared.Id);
        Assert.DoesNotContain(bodies, b => b.Contains("ann@example.org", StringComparison.OrdinalIgnoreCase) || b.Contains("ann%40example.org", StringComparison.OrdinalIgnoreCase));
        Assert.Single(bodies, b => b.Contains("\"recipient\":\"bob@example.org\"", StringComparison.Ordinal)
            && b.Contains($"\"destination_url\":\"{redacted}\"", StringComparison.Ordinal) && b.Contains("\"user_agent\":", StringComparison.Ordinal));
        Assert.Equal(0L, await system.Database.ScalarAsync<long>(
            "SELECT count(*) FROM webhook_deliveries WHERE message_id = $1 AND minimised_at IS NOT NULL AND body LIKE '%bob@example.org%'", shared.Id));
        await Eventually.TrueAsync(async () => (await LinkClicksAsync(tenant)).GetValueOrDefault(redacted) == 3, TimeSpan.FromSeconds(30));
        Assert.Equal([redacted], (await LinkClicksAsync(tenant)).Keys);
        Assert.Equal(0L, await system.Database.ScalarAsync<long>(
            "SELECT count(*) FROM link_rollups WHERE project_id = $1 AND destination_url LIKE '%ann%'", tenant.ProjectId));

        var orderView = await SentMessage.ReadAsync(system.Http, tenant, order.Text("message_id"));
        Assert.Equal("Orders of ", orderView.Text("subject"));
        Assert.Equal("""{"for":"","shop":"north"}""", orderView.GetProperty("metadata").GetRawText());

        // The mail already sent still leads where it did: each click token carries its own destination.
        Assert.Equal(HttpStatusCode.Found, later.StatusCode);
        Assert.Equal(link, later.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Erasure_needs_a_whole_recipient_address_and_the_project_token()
    {
        var tenant = await Tenant.CreateAsync(system.Http);

        var (missing, body) = await system.Http.PostAsync("/v1/privacy/erase", tenant.ProjectToken, new { recipient = "" });
        var (team, _) = await system.Http.PostAsync("/v1/privacy/erase", tenant.TeamToken, new { recipient = "ann@example.org" });
        var fragments = new List<(HttpStatusCode, string?)>();
        foreach (var fragment in new[] { "@", "ann@", "@example.org", "ann@example" })
        {
            var (status, refusal) = await system.Http.PostAsync("/v1/privacy/erase", tenant.ProjectToken, new { recipient = fragment });
            fragments.Add((status, refusal.ErrorField()));
        }

        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal("recipient", body.ErrorField());
        Assert.All(fragments, f => Assert.Equal((HttpStatusCode.BadRequest, "recipient"), f));
        Assert.Equal(HttpStatusCode.Forbidden, team);
    }

    /// <summary>The project's clicks per destination, machine ones included, as the link stats report them.</summary>
    private async Task<Dictionary<string, long>> LinkClicksAsync(Tenant tenant)
    {
        var (_, stats) = await system.Http.GetAsync("/v1/stats/links?include_machine=true", tenant.ProjectToken);
        return stats.GetProperty("data").EnumerateArray().ToDictionary(l => l.Text("destination_url"), l => l.GetProperty("clicks").GetProperty("total").GetInt64());
    }

    private async Task<List<string>> BodiesAsync(string messageId)
    {
        await using var command = system.Database.DataSource.CreateCommand("SELECT body FROM webhook_deliveries WHERE message_id = $1");
        command.Parameters.AddWithValue(messageId);
        await using var reader = await command.ExecuteReaderAsync();
        var bodies = new List<string>();
        while (await reader.ReadAsync())
        {
            bodies.Add(reader.GetString(0));
        }

        return bodies;
    }

    private static (int Messages, long Observations, long Events, long WebhookDeliveries) Counts(System.Text.Json.JsonElement body)
    {
        var erased = body.GetProperty("erased");
        return (erased.GetProperty("messages").GetInt32(), erased.GetProperty("observations").GetInt64(), erased.GetProperty("events").GetInt64(),
            erased.GetProperty("webhook_deliveries").GetInt64());
    }
}
