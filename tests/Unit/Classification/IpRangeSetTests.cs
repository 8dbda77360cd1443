using System.Net;
using Engagement.Grains.Classification.Networks;

namespace Engagement.Tests.Unit.Classification;

public sealed class IpRangeSetTests
{
    [Theory]
    [InlineData("104.28.101.128", true)]
    [InlineData("104.28.101.191", true)]
    [InlineData("104.28.101.192", false)]
    [InlineData("104.28.101.127", false)]
    [InlineData("10.1.2.3", true)]
    [InlineData("11.0.0.0", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("255.255.255.255", true)]
    [InlineData("2a04:4e41:3300::1", true)]
    [InlineData("2a04:4e41:3400::", false)]
    [InlineData("::ffff:104.28.101.130", true)]
    public void Finds_an_address_exactly_inside_its_prefixes(string address, bool inside)
    {
        var set = IpRangeSet.From(["104.28.101.128/26", "10.0.0.0/8", "255.255.255.0/24", "2a04:4e41:3300::/40"], out var rejected);

        Assert.Equal(0, rejected);
        Assert.Equal(inside, set.Contains(IPAddress.Parse(address)));
    }

    [Fact]
    public void Overlapping_and_adjacent_prefixes_merge_and_bad_entries_are_counted_not_thrown()
    {
        var set = IpRangeSet.From(["10.0.0.0/25", "10.0.0.128/25", "10.0.0.64/26", "192.0.2.7", "not a prefix", "300.1.1.1/8"], out var rejected);

        Assert.Equal(2, set.RangeCount);
        Assert.Equal(2, rejected);
        Assert.True(set.Contains(IPAddress.Parse("10.0.0.255")));
        Assert.True(set.Contains(IPAddress.Parse("192.0.2.7")));
        Assert.False(set.Contains(IPAddress.Parse("192.0.2.8")));
    }

    [Fact]
    public void Agrees_with_a_linear_scan_on_random_prefixes_and_addresses()
    {
        var random = new Random(7);
        var prefixes = Enumerable.Range(0, 2000).Select(_ =>
        {
            var length = random.Next(8, 33);
            var address = (uint)random.NextInt64(0, uint.MaxValue) & (length == 32 ? uint.MaxValue : ~(uint.MaxValue >> length));
            return (Network: new IPNetwork(new IPAddress(BitConverter.GetBytes(address).Reverse().ToArray()), length), Text: "");
        }).Select(p => p.Network).ToList();
        var set = IpRangeSet.From(prefixes.Select(p => p.ToString()), out _);

        for (var i = 0; i < 20_000; i++)
        {
            var address = new IPAddress(BitConverter.GetBytes((uint)random.NextInt64(0, uint.MaxValue)));
            Assert.Equal(prefixes.Any(p => p.Contains(address)), set.Contains(address));
        }
    }
}
