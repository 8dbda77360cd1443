using Engagement.Api.Tracking;

namespace Engagement.Tests.Unit.Tracking;

public sealed class LocationHeaderTests
{
    [Theory]
    [InlineData("https://shop.example/sale?a=1&b=2#top")]
    [InlineData("https://shop.example/p/(x)[y]!,'@%20ok?q=%E2%82%AC")]
    [InlineData("http://shop.example:8080/a%2Fb")]
    [InlineData("https://user:pw@shop.example/")]
    public void Ascii_destinations_are_kept_exactly(string destination)
    {
        Assert.Equal(destination, LocationHeader.From(destination));
    }

    [Fact]
    public void A_non_ascii_host_becomes_punycode_and_the_rest_percent_encoded_utf8()
    {
        Assert.Equal("https://xn--bcher-kva.example/stra%C3%9Fe?q=%C3%BC#%F0%9F%8E%89", LocationHeader.From("https://bücher.example/straße?q=ü#🎉"));
    }

    [Fact]
    public void A_port_and_user_info_survive_beside_an_idn_host()
    {
        Assert.Equal("https://me@xn--mnchen-3ya.example:8443/x", LocationHeader.From("https://me@münchen.example:8443/x"));
    }

    [Fact]
    public void Spaces_and_controls_which_a_header_cannot_carry_are_percent_encoded()
    {
        Assert.Equal("https://shop.example/a%20b%09c", LocationHeader.From("https://shop.example/a b\tc"));
    }
}
