using System.Net;
using System.Text.Json;
using Engagement.Tests.Infrastructure;

namespace Engagement.Tests.Http;

public sealed class WebhookDeliveryFixture() : IAsyncLifetime
{
    public WebhookSystem Webhooks { get; } = new(new Dictionary<string, string?>
    {
        ["Webhooks:RetryDelays:0"] = "00:00:01",
        ["Webhooks:RetryDelays:1"] = "00:00:02",
    });

    public Task InitializeAsync() => Webhooks.InitializeAsync();

    public Task DisposeAsync() => Webhooks.DisposeAsync();
}

/// <summary>Webhooks end to end: real sends, real tracking hits, a real receiver on 127.0.0.1 checking signatures.</summary>
public sealed class WebhookDeliveryTests(WebhookDeliveryFixture fixture) : IClassFixture<WebhookDeliveryFixture>, IAsyncLifetime
{
    private const string Html = "<html><body><p>Hi</p><a href=\"https://shop.example/sale?a=1&amp;b=2\">The  sale</a></body></html>";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly WebhookSystem system = fixture.Webhooks;
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task Opens_and_clicks_arrive_signed_in_the_documented_envelope()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        await system.CreateWebhookAsync(tenant, receiver);
        var sent = await SentMessage.SendAsync(system.Http, tenant, Html, "ann@example.org");

        using (await system.Http.GetAsync($"/o/{sent.OpenTokens[0]}"))
        using (await system.Http.GetAsync($"/c/{sent.ClickTokens[0][0]}"))
        {
        }

        await Eventually.TrueAsync(() => Task.FromResult(receiver.Events().Count == 2), Patience);
        Assert.All(receiver.Received, r => Assert.Single(r.VerifiedBy));
        var opened = receiver.Events().Single(e => e.Text("event") == "message.opened");
        var clicked = receiver.Events().Single(e => e.Text("event") == "message.clicked");
        var data = opened.GetProperty("data");
        Assert.Equal(sent.Id, data.Text("message_id"));
        Assert.Equal("Hello", data.Text("subject"));
        Assert.Equal("ann@example.org", data.Text("recipient"));
        Assert.True(data.GetProperty("first_open").GetBoolean());
        Assert.Equal("genuine", data.GetProperty("bot").Text("classification"));
        foreach (var field in new[] { "metadata", "tag", "opened_at", "device_type", "client_type", "client_name", "user_agent" })
        {
            Assert.True(data.TryGetProperty(field, out _), field);
        }

        var click = clicked.GetProperty("data");
        Assert.Equal("https://shop.example/sale?a=1&b=2", click.Text("destination_url"));
        Assert.Equal(0, click.GetProperty("link_index").GetInt32());
        Assert.Equal("The sale", click.Text("anchor_text"));
        Assert.True(click.GetProperty("first_click").GetBoolean());

        // The webhook carries exactly what the events API shows for the message.
        var (_, events) = await system.Http.GetAsync($"/v1/messages/{sent.Id}/events", tenant.ProjectToken);
        foreach (var shown in events.GetProperty("data").EnumerateArray())
        {
            var delivered = receiver.Events().Single(e => e.Text("id") == shown.Text("id"));
            Assert.Equal(shown.GetProperty("data").GetRawText(), delivered.GetProperty("data").GetRawText());
            Assert.Equal(shown.GetProperty("timestamp").GetDateTimeOffset(), delivered.GetProperty("timestamp").GetDateTimeOffset());
            Assert.Equal(shown.Text("id"), receiver.Received.First(r => r.Body.Text("id") == shown.Text("id")).Id);
        }
    }

    [Fact]
    public async Task A_failing_receiver_gets_retries_of_the_same_event_until_it_answers()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        var (webhookId, _) = await system.CreateWebhookAsync(tenant, receiver);
        receiver.FailNext(2);
        var sent = await SentMessage.SendAsync(system.Http, tenant, Html, "ann@example.org");

        using (await system.Http.GetAsync($"/o/{sent.OpenTokens[0]}"))
        {
        }

        await Eventually.TrueAsync(() => Task.FromResult(receiver.Received.Count == 3), Patience);
        var attempts = receiver.Received.ToList();
        Assert.Single(attempts.Select(a => a.Id).Distinct());
        Assert.InRange((attempts[1].At - attempts[0].At).TotalSeconds, 0.7, 5);
        Assert.InRange((attempts[2].At - attempts[1].At).TotalSeconds, 1.5, 6);

        var delivery = await OnlyDeliveryAsync(tenant, webhookId, "delivered");
        Assert.Equal(3, delivery.GetProperty("attempt_count").GetInt32());
        Assert.Equal([503, 503, 200], delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("status_code").GetInt32()));
        Assert.Equal("failing on purpose", delivery.GetProperty("attempts")[0].Text("response_body"));
        Assert.Equal(attempts[0].Id, delivery.Text("event_id"));
    }

    [Fact]
    public async Task A_slow_receiver_does_not_hold_up_another_webhooks_deliveries()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        await using var fast = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromSeconds(9.5);
        await system.CreateWebhookAsync(tenant, receiver);
        await system.CreateWebhookAsync(tenant, fast);
        var sent = await SentMessage.SendAsync(system.Http, tenant, Html, "ann@example.org");

        for (var i = 0; i < 6; i++)
        {
            using var open = await system.Http.GetAsync($"/o/{sent.OpenTokens[0]}");
        }

        await Eventually.TrueAsync(() => Task.FromResult(fast.Events().Count == 6 && !receiver.Received.IsEmpty), Patience);

        // Nothing the slow receiver got has been answered yet, and it never has more than 4 requests at once.
        var slowAnswered = receiver.Received.Count(r => DateTimeOffset.UtcNow - r.At > receiver.Delay);
        Assert.Equal(0, slowAnswered);
        Assert.InRange(receiver.Received.Count, 1, 4);
    }

    [Fact]
    public async Task A_retry_waits_as_long_as_the_receivers_retry_after_asks()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        await system.CreateWebhookAsync(tenant, receiver);
        receiver.FailNext(1);
        receiver.FailureStatus = 429;
        receiver.RetryAfter = "4";
        var sent = await SentMessage.SendAsync(system.Http, tenant, Html, "ann@example.org");

        using (await system.Http.GetAsync($"/o/{sent.OpenTokens[0]}"))
        {
        }

        // The schedule alone would retry after about 1 s.
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Received.Count == 2), Patience);
        var attempts = receiver.Received.ToList();
        Assert.InRange((attempts[1].At - attempts[0].At).TotalSeconds, 3.9, 8);
        Assert.Equal([429, 200], attempts.Select(a => a.Status));
    }

    [Fact]
    public async Task A_receiver_answering_410_is_not_retried_and_a_retried_one_gives_up_after_the_schedule()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        await using var other = await WebhookReceiver.StartAsync();
        var (gone, _) = await system.CreateWebhookAsync(tenant, receiver);
        var (broken, _) = await system.CreateWebhookAsync(tenant, other);
        receiver.AlwaysStatus = 410;
        other.AlwaysStatus = 500;
        var sent = await SentMessage.SendAsync(system.Http, tenant, Html, "ann@example.org");

        using (await system.Http.GetAsync($"/o/{sent.OpenTokens[0]}"))
        {
        }

        await OnlyDeliveryAsync(tenant, gone, "failed");
        var failed = await OnlyDeliveryAsync(tenant, broken, "failed");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(receiver.Received);
        Assert.Equal(3, other.Received.Count);
        Assert.Equal(3, failed.GetProperty("attempt_count").GetInt32());
    }

    [Fact]
    public async Task After_rotation_both_secrets_sign_until_the_old_one_retires()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        var (webhookId, oldSecret) = await system.CreateWebhookAsync(tenant, receiver);
        var (status, rotated) = await system.Http.PostAsync($"/v1/webhooks/{webhookId}/rotate-secret", tenant.TeamToken, new { });
        Assert.Equal(HttpStatusCode.OK, status);
        var newSecret = rotated.Text("secret");
        receiver.Secrets.Add(newSecret);
        var sent = await SentMessage.SendAsync(system.Http, tenant, Html, "ann@example.org");

        using (await system.Http.GetAsync($"/o/{sent.OpenTokens[0]}"))
        {
        }

        await Eventually.TrueAsync(() => Task.FromResult(receiver.Received.Count == 1), Patience);
        var received = Assert.Single(receiver.Received);
        Assert.Equal(2, received.Signatures.Count);
        Assert.Equal(new HashSet<string> { oldSecret, newSecret }, received.VerifiedBy.ToHashSet());
        var (_, shown) = await system.Http.GetAsync($"/v1/webhooks/{webhookId}", tenant.TeamToken);
        Assert.False(shown.TryGetProperty("secret", out _));
    }

    [Fact]
    public async Task A_replayed_delivery_is_sent_again_with_the_same_event_id()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        var (webhookId, _) = await system.CreateWebhookAsync(tenant, receiver);
        var sent = await SentMessage.SendAsync(system.Http, tenant, Html, "ann@example.org");
        using (await system.Http.GetAsync($"/o/{sent.OpenTokens[0]}"))
        {
        }

        var delivery = await OnlyDeliveryAsync(tenant, webhookId, "delivered");
        var (status, replayed) = await system.Http.PostAsync($"/v1/webhooks/{webhookId}/deliveries/{delivery.Text("id")}/replay", tenant.ProjectToken, new { });
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("pending", replayed.Text("state"));

        await Eventually.TrueAsync(() => Task.FromResult(receiver.Received.Count == 2), Patience);
        Assert.Single(receiver.Received.Select(r => r.Id).Distinct());
        await Eventually.TrueAsync(async () => (await OnlyDeliveryAsync(tenant, webhookId, "delivered")).GetProperty("attempt_count").GetInt32() == 2, Patience);
        var (missing, _) = await system.Http.PostAsync($"/v1/webhooks/{webhookId}/deliveries/dlv_{Guid.NewGuid():N}/replay", tenant.TeamToken, new { });
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }

    [Fact]
    public async Task Machine_events_go_only_to_webhooks_that_ask_for_them()
    {
        // The current classifier calls every hit genuine, so the machine event is written straight into the log.
        var tenant = await Tenant.CreateAsync(system.Http);
        await using var withMachines = await WebhookReceiver.StartAsync();
        var routeId = tenant.Project.GetProperty("routes")[0].Text("id");
        await system.CreateWebhookAsync(tenant, receiver);
        await system.CreateWebhookAsync(tenant, withMachines, new { url = withMachines.Url, include_machine_events = true });

        var scanner = await WriteEventAsync(tenant, routeId, machine: true);
        var person = await WriteEventAsync(tenant, routeId, machine: false);

        await Eventually.TrueAsync(() => Task.FromResult(withMachines.Events().Count == 2 && receiver.Events().Count == 1), Patience);
        Assert.Equal(["evt_" + person.ToString("N")], receiver.Events().Select(e => e.Text("id")));
        Assert.Equal(
            new[] { scanner, person }.Select(id => "evt_" + id.ToString("N")).Order(),
            withMachines.Events().Select(e => e.Text("id")).Order());
    }

    [Fact]
    public async Task A_disabled_webhook_receives_nothing_and_an_event_type_filter_holds()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        await using var clicksOnly = await WebhookReceiver.StartAsync();
        await system.CreateWebhookAsync(tenant, receiver, new { url = receiver.Url, enabled = false });
        await system.CreateWebhookAsync(tenant, clicksOnly, new { url = clicksOnly.Url, events = new[] { "message.clicked" } });
        var sent = await SentMessage.SendAsync(system.Http, tenant, Html, "ann@example.org");

        using (await system.Http.GetAsync($"/o/{sent.OpenTokens[0]}"))
        using (await system.Http.GetAsync($"/c/{sent.ClickTokens[0][0]}"))
        {
        }

        await Eventually.TrueAsync(() => Task.FromResult(clicksOnly.Events().Count == 1), Patience);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal("message.clicked", Assert.Single(clicksOnly.Events()).Text("event"));
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task The_test_endpoint_sends_a_signed_sample_and_returns_the_receivers_answer()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        var (webhookId, _) = await system.CreateWebhookAsync(tenant, receiver);

        var (status, answer) = await system.Http.PostAsync($"/v1/webhooks/{webhookId}/test", tenant.ProjectToken, new { });
        receiver.AlwaysStatus = 500;
        var (_, failing) = await system.Http.PostAsync($"/v1/webhooks/{webhookId}/test", tenant.ProjectToken, new { });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(answer.GetProperty("delivered").GetBoolean());
        Assert.Equal(200, answer.GetProperty("status_code").GetInt32());
        Assert.Equal("thanks", answer.Text("response_body"));
        Assert.False(failing.GetProperty("delivered").GetBoolean());
        Assert.Equal(500, failing.GetProperty("status_code").GetInt32());
        Assert.Equal(2, receiver.Received.Count);
        Assert.All(receiver.Received, r => Assert.Single(r.VerifiedBy));
        Assert.Equal("message.opened", receiver.Received.First().Body.Text("event"));
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", 422)]
    [InlineData("https://10.0.0.8/hook", 422)]
    [InlineData("https://[::1]/hook", 422)]
    [InlineData("https://[fe80::1]/hook", 422)]
    [InlineData("https://user:pass@127.0.0.1/hook", 422)]
    [InlineData("ftp://127.0.0.1/hook", 400)]
    [InlineData("/relative", 400)]
    public async Task Urls_reaching_internal_addresses_are_refused_at_creation(string url, int expected)
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        var routeId = tenant.Project.GetProperty("routes")[0].Text("id");

        var (status, body) = await system.Http.PostAsync($"/v1/routes/{routeId}/webhooks", tenant.TeamToken, new { url });

        Assert.Equal(expected, (int)status);
        Assert.Equal("url", body.ErrorField());
    }

    [Fact]
    public async Task Bad_fields_are_refused_naming_the_field()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        var routeId = tenant.Project.GetProperty("routes")[0].Text("id");

        var (unknownEvent, body) = await system.Http.PostAsync($"/v1/routes/{routeId}/webhooks", tenant.TeamToken, new { url = receiver.Url, events = new[] { "message.opened", "message.bounced" } });
        var (noEvents, _) = await system.Http.PostAsync($"/v1/routes/{routeId}/webhooks", tenant.TeamToken, new { url = receiver.Url, events = Array.Empty<string>() });
        var (unknownField, _) = await system.Http.PostAsync($"/v1/routes/{routeId}/webhooks", tenant.TeamToken, new { url = receiver.Url, secret = "mine" });
        var (noUrl, _) = await system.Http.PostAsync($"/v1/routes/{routeId}/webhooks", tenant.TeamToken, new { });

        Assert.Equal(HttpStatusCode.BadRequest, unknownEvent);
        Assert.Equal("events[1]", body.ErrorField());
        Assert.Equal(HttpStatusCode.BadRequest, noEvents);
        Assert.Equal(HttpStatusCode.BadRequest, unknownField);
        Assert.Equal(HttpStatusCode.BadRequest, noUrl);
    }

    [Fact]
    public async Task Another_tenants_webhook_is_indistinguishable_from_a_missing_one()
    {
        var owner = await Tenant.CreateAsync(system.Http, "Owner");
        var stranger = await Tenant.CreateAsync(system.Http, "Stranger");
        var (webhookId, _) = await system.CreateWebhookAsync(owner, receiver);
        var ownerRoute = owner.Project.GetProperty("routes")[0].Text("id");

        var theirs = await RawAsync(HttpMethod.Get, $"/v1/webhooks/{webhookId}", stranger.ProjectToken);
        var missing = await RawAsync(HttpMethod.Get, $"/v1/webhooks/wh_{Guid.NewGuid():N}", stranger.ProjectToken);
        var theirsByTeam = await RawAsync(HttpMethod.Delete, $"/v1/webhooks/{webhookId}", stranger.TeamToken);
        var (createOnTheirRoute, _) = await system.Http.PostAsync($"/v1/routes/{ownerRoute}/webhooks", stranger.TeamToken, new { url = receiver.Url });
        var (byProject, _) = await system.Http.GetAsync($"/v1/webhooks/{webhookId}", owner.ProjectToken);
        var (byOperator, _) = await system.Http.GetAsync($"/v1/webhooks/{webhookId}", RunningSystem.AdminToken);

        Assert.Equal((HttpStatusCode.NotFound, missing.Body), theirs);
        Assert.Equal((HttpStatusCode.NotFound, missing.Body), theirsByTeam);
        Assert.Equal(HttpStatusCode.NotFound, createOnTheirRoute);
        Assert.Equal(HttpStatusCode.OK, byProject);
        Assert.Equal(HttpStatusCode.Forbidden, byOperator);
    }

    [Fact]
    public async Task A_routes_webhooks_are_listed_without_their_secrets()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        var stranger = await Tenant.CreateAsync(system.Http, "Stranger");
        var routeId = tenant.Project.GetProperty("routes")[0].Text("id");
        var (first, _) = await system.CreateWebhookAsync(tenant, receiver);
        var (second, _) = await system.CreateWebhookAsync(tenant, receiver, new { url = receiver.Url, events = new[] { "message.clicked" } });

        var (status, listed) = await system.Http.GetAsync($"/v1/routes/{routeId}/webhooks", tenant.TeamToken);
        var (theirs, _) = await system.Http.GetAsync($"/v1/routes/{routeId}/webhooks", stranger.ProjectToken);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([first, second], listed.GetProperty("data").EnumerateArray().Select(w => w.Text("id")));
        Assert.All(listed.GetProperty("data").EnumerateArray(), w => Assert.False(w.TryGetProperty("secret", out _)));
        Assert.Equal(HttpStatusCode.NotFound, theirs);
    }

    [Fact]
    public async Task A_deleted_webhook_stops_and_is_gone()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        var (webhookId, _) = await system.CreateWebhookAsync(tenant, receiver);

        var deleted = await RawAsync(HttpMethod.Delete, $"/v1/webhooks/{webhookId}", tenant.TeamToken);
        var sent = await SentMessage.SendAsync(system.Http, tenant, Html, "ann@example.org");
        using (await system.Http.GetAsync($"/o/{sent.OpenTokens[0]}"))
        {
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var (after, _) = await system.Http.GetAsync($"/v1/webhooks/{webhookId}", tenant.TeamToken);
        var routeId = tenant.Project.GetProperty("routes")[0].Text("id");
        var (_, listed) = await system.Http.GetAsync($"/v1/routes/{routeId}/webhooks", tenant.ProjectToken);
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NotFound, after);
        Assert.Empty(receiver.Received);
        Assert.Equal(0, listed.GetProperty("data").GetArrayLength());
    }

    private async Task<JsonElement> OnlyDeliveryAsync(Tenant tenant, string webhookId, string state)
    {
        JsonElement delivery = default;
        await Eventually.TrueAsync(async () =>
        {
            var deliveries = await system.DeliveriesAsync(tenant, webhookId);
            delivery = deliveries.GetArrayLength() == 1 ? deliveries[0] : default;
            return delivery.ValueKind == JsonValueKind.Object && delivery.Text("state") == state;
        }, Patience);
        return delivery;
    }

    private async Task<(HttpStatusCode Status, string Body)> RawAsync(HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await system.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<Guid> WriteEventAsync(Tenant tenant, string routeId, bool machine)
    {
        var id = Guid.NewGuid();
        await system.System.Database.ScalarAsync<int>("""
            WITH written AS (
                INSERT INTO events (event_id, occurred_at, settles_at, project_id, route_id, message_id, recipient_index, recipient,
                                    event_type, first_of_kind, machine, counts_for_metrics, classification, data)
                VALUES ($1, now(), now() - interval '1 minute', $2, $3, 'msg_x', 0, 'ann@example.org', 'message.opened', false, $4, NOT $4,
                        CASE WHEN $4 THEN 'security_scanner' ELSE 'genuine' END, '{"message_id": "msg_x"}')
                RETURNING 1)
            SELECT count(*)::int FROM written
            """, id, tenant.ProjectId, routeId, machine);
        return id;
    }
}
