using System.Net;
using Engagement.Tests.Infrastructure;

namespace Engagement.Tests.Http;

public sealed class WebhookAutoDisableFixture : IAsyncLifetime
{
    // The documented five days of failure become three seconds here; retries come every second.
    public WebhookSystem Webhooks { get; } = new(new Dictionary<string, string?>
    {
        ["Webhooks:DisableAfter"] = "00:00:03",
        ["Webhooks:RetryDelays:0"] = "00:00:01",
        ["Webhooks:RetryDelays:1"] = "00:00:01",
        ["Webhooks:RetryDelays:2"] = "00:00:01",
        ["Webhooks:RetryDelays:3"] = "00:00:01",
        ["Webhooks:RetryDelays:4"] = "00:00:01",
        ["Webhooks:RetryDelays:5"] = "00:00:01",
    });

    public Task InitializeAsync() => Webhooks.InitializeAsync();

    public Task DisposeAsync() => Webhooks.DisposeAsync();
}

public sealed class WebhookAutoDisableTests(WebhookAutoDisableFixture fixture) : IClassFixture<WebhookAutoDisableFixture>
{
    private readonly WebhookSystem system = fixture.Webhooks;

    [Fact]
    public async Task A_webhook_failing_for_the_whole_limit_is_disabled_with_a_reason_and_can_be_enabled_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AlwaysStatus = 500;
        var tenant = await Tenant.CreateAsync(system.Http);
        var (webhookId, _) = await system.CreateWebhookAsync(tenant, receiver);
        var sent = await SentMessage.SendAsync(system.Http, tenant, "<html><body>Hi</body></html>", "ann@example.org");
        using (await system.Http.GetAsync($"/o/{sent.OpenTokens[0]}"))
        {
        }

        System.Text.Json.JsonElement webhook = default;
        await Eventually.TrueAsync(async () =>
        {
            (_, webhook) = await system.Http.GetAsync($"/v1/webhooks/{webhookId}", tenant.TeamToken);
            return !webhook.GetProperty("enabled").GetBoolean();
        }, TimeSpan.FromSeconds(30));
        var attemptsWhenDisabled = receiver.Received.Count;
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.Contains("HTTP 500", webhook.Text("disabled_reason"), StringComparison.Ordinal);
        // Disabled by the length of the failing run, not by a count of attempts.
        var attempts = receiver.Received.ToList();
        Assert.True(attempts[^1].At - attempts[0].At >= TimeSpan.FromSeconds(2.9), $"{attempts.Count} attempts over {attempts[^1].At - attempts[0].At}");
        Assert.Equal(attemptsWhenDisabled, receiver.Received.Count);

        receiver.AlwaysStatus = null;
        var (status, enabled) = await system.Http.SendAsync(HttpMethod.Patch, $"/v1/webhooks/{webhookId}", tenant.TeamToken, """{"enabled": true}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(enabled.GetProperty("enabled").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, enabled.GetProperty("disabled_reason").ValueKind);

        // The event still pending from before is sent once the webhook is on again.
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Received.Count > attemptsWhenDisabled), TimeSpan.FromSeconds(30));
    }
}
