using System.Net;
using Engagement.Grains.Webhooks;

namespace Engagement.Tests.Unit.Webhooks;

public sealed class WebhookAddressPolicyTests
{
    private static readonly WebhookAddressPolicy Strict = WebhookAddressPolicy.Parse("");
    private static readonly WebhookAddressPolicy Local = WebhookAddressPolicy.Parse("127.0.0.0/8, 10.1.0.0/16, 169.254.0.0/16, fd00::/8");

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    public void Public_addresses_are_allowed(string address) => Assert.Null(Strict.Refusal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.5.4")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("0.0.0.0")]
    public void Loopback_private_and_reserved_addresses_are_refused(string address) =>
        Assert.NotNull(Strict.Refusal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("10.1.200.3")]
    public void Allowed_networks_open_private_ranges(string address) => Assert.Null(Local.Refusal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("10.2.0.1")]
    [InlineData("192.168.1.1")]
    public void Private_addresses_outside_the_allowed_networks_stay_refused(string address) =>
        Assert.NotNull(Local.Refusal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.1.1")]
    [InlineData("fe80::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("100.100.100.200")]
    [InlineData("::ffff:169.254.169.254")]
    public void Link_local_and_metadata_addresses_are_refused_even_inside_allowed_networks(string address) =>
        Assert.NotNull(Local.Refusal(IPAddress.Parse(address)));

    [Fact]
    public void A_malformed_network_is_a_clear_start_up_error()
    {
        var error = Assert.Throws<FormatException>(() => WebhookAddressPolicy.Parse("127.0.0.0/8, nonsense"));
        Assert.Contains("nonsense", error.Message, StringComparison.Ordinal);
    }
}
