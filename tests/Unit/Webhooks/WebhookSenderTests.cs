using Engagement.Grains.Webhooks;
using Engagement.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Engagement.Tests.Unit.Webhooks;

/// <summary>The sender against a real receiver on 127.0.0.1: signing, timeouts, and the address check at connect time.</summary>
public sealed class WebhookSenderTests : IAsyncLifetime
{
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public async Task A_signed_post_reaches_the_receiver_with_its_status_and_answer()
    {
        var secret = WebhookSignature.NewSecret();
        receiver.Secrets.Add(secret);
        using var sender = Sender("127.0.0.0/8");

        var result = await sender.SendAsync(receiver.Url, "evt_1", """{"id":"evt_1"}""", [secret]);

        Assert.Equal(200, result.Attempt.StatusCode);
        Assert.Equal("thanks", result.Attempt.ResponseBody);
        var received = Assert.Single(receiver.Received);
        Assert.Equal("evt_1", received.Id);
        Assert.Equal([secret], received.VerifiedBy);
    }

    [Fact]
    public async Task A_loopback_receiver_outside_the_allowed_networks_is_never_connected_to()
    {
        using var sender = Sender("");

        var result = await sender.SendAsync(receiver.Url, "evt_1", "{}", [WebhookSignature.NewSecret()]);

        Assert.Null(result.Attempt.StatusCode);
        Assert.Contains("loopback", result.Attempt.Error, StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task A_slow_receiver_is_cut_off_at_the_timeout()
    {
        receiver.Delay = TimeSpan.FromSeconds(5);
        using var sender = Sender("127.0.0.0/8", timeout: TimeSpan.FromMilliseconds(500));

        var result = await sender.SendAsync(receiver.Url, "evt_1", "{}", [WebhookSignature.NewSecret()]);

        Assert.Null(result.Attempt.StatusCode);
        Assert.Contains("No answer within", result.Attempt.Error, StringComparison.Ordinal);
        Assert.InRange(result.Attempt.LatencyMs, 400, 3000);
    }

    [Fact]
    public async Task Retry_after_is_read_from_the_answer()
    {
        receiver.FailNext(1);
        receiver.FailureStatus = 429;
        receiver.RetryAfter = "42";
        using var sender = Sender("127.0.0.0/8");

        var result = await sender.SendAsync(receiver.Url, "evt_1", "{}", [WebhookSignature.NewSecret()]);

        Assert.Equal(429, result.Attempt.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(42), result.RetryAfter);
    }

    private static WebhookSender Sender(string allowed, TimeSpan? timeout = null)
    {
        var options = new WebhookOptions { AllowedNetworks = allowed, Timeout = timeout ?? TimeSpan.FromSeconds(10) };
        return new WebhookSender(WebhookAddressPolicy.Parse(allowed), Options.Create(options), TimeProvider.System);
    }
}
