using Engagement.Grains.Webhooks;

namespace Engagement.Tests.Unit.Webhooks;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void Signs_the_Standard_Webhooks_example_exactly()
    {
        // The example message, secret and signature published with the Standard Webhooks specification.
        var signature = WebhookSignature.Sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}""");

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void Several_secrets_give_several_space_separated_signatures()
    {
        var (a, b) = (WebhookSignature.NewSecret(), WebhookSignature.NewSecret());

        var header = WebhookSignature.Header([a, b], "evt_1", 1700000000, "{}");

        Assert.Equal($"{WebhookSignature.Sign(a, "evt_1", 1700000000, "{}")} {WebhookSignature.Sign(b, "evt_1", 1700000000, "{}")}", header);
        Assert.NotEqual(a, b);
        Assert.StartsWith("whsec_", a, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_change_to_id_timestamp_or_body_changes_the_signature()
    {
        var secret = WebhookSignature.NewSecret();
        var original = WebhookSignature.Sign(secret, "evt_1", 1700000000, "{}");

        Assert.NotEqual(original, WebhookSignature.Sign(secret, "evt_2", 1700000000, "{}"));
        Assert.NotEqual(original, WebhookSignature.Sign(secret, "evt_1", 1700000001, "{}"));
        Assert.NotEqual(original, WebhookSignature.Sign(secret, "evt_1", 1700000000, "{ }"));
    }
}
