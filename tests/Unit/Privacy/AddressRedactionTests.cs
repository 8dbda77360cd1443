using Engagement.Grains.Privacy;

namespace Engagement.Tests.Unit.Privacy;

public sealed class AddressRedactionTests
{
    [Theory]
    [InlineData("Hello Ann@Example.org!", "Hello !")]
    [InlineData("<a href=\"mailto:ann%40example.org\">write</a>", "<a href=\"mailto:\">write</a>")]
    [InlineData("<a href=\"https://shop.example/?u=ANN%40EXAMPLE.ORG&x=1\">", "<a href=\"https://shop.example/?u=&x=1\">")]
    public void The_address_goes_wherever_it_is_written_and_the_rest_stays(string body, string expected) =>
        Assert.Equal(expected, AddressRedaction.WithoutAddress(body, "ann@example.org"));

    [Fact]
    public void An_address_that_contains_it_loses_that_part_too_as_an_erasure_errs_on_the_side_of_removing() =>
        Assert.Equal("For jo.uk and bob@example.org", AddressRedaction.WithoutAddress("For joann@example.org.uk and bob@example.org", "ann@example.org"));

    [Fact]
    public void A_missing_body_stays_missing() => Assert.Null(AddressRedaction.WithoutAddress(null, "ann@example.org"));
}
