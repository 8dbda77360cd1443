using Engagement.Grains.Classification.Networks;

namespace Engagement.Tests.Unit.Classification;

public sealed class PublishedRangeFormatsTests
{
    [Fact]
    public void Reads_each_publishers_own_format()
    {
        Assert.Equal(["172.224.226.0/27", "2a02:26f7:b3c0:4000::/64"], PublishedRangeFormats.Read(
            PublishedRangeFormats.AppleEgressCsv, "172.224.226.0/27,US,US-CA,Los Angeles,\n2a02:26f7:b3c0:4000::/64,DE,DE-BE,Berlin,\n"));
        Assert.Equal(["8.8.4.0/24", "2001:4860::/32"], PublishedRangeFormats.Read(
            PublishedRangeFormats.GoogleJson, """{"syncToken":"1","prefixes":[{"ipv4Prefix":"8.8.4.0/24"},{"ipv6Prefix":"2001:4860::/32"}]}"""));
        Assert.Equal(["3.5.140.0/22", "2600:1f18::/33"], PublishedRangeFormats.Read(
            PublishedRangeFormats.AwsJson, """{"prefixes":[{"ip_prefix":"3.5.140.0/22","service":"AMAZON"}],"ipv6_prefixes":[{"ipv6_prefix":"2600:1f18::/33"}]}"""));
        Assert.Equal(["40.92.0.0/15", "40.107.0.0/16"], PublishedRangeFormats.Read(
            PublishedRangeFormats.MicrosoftEndpointsJson, """[{"id":1,"urls":["x.example"]},{"id":2,"ips":["40.92.0.0/15","40.107.0.0/16"]}]"""));
        Assert.Equal(["91.108.4.0/22", "149.154.160.0/20"], PublishedRangeFormats.Read(
            PublishedRangeFormats.CidrText, "# Telegram\n91.108.4.0/22\r\n\n149.154.160.0/20\n"));
    }

    [Fact]
    public void A_file_that_is_mostly_not_prefixes_is_refused_so_the_last_good_copy_stays()
    {
        var definition = new NetworkDefinition { Name = "x", Role = NetworkRoles.Datacenter, File = "x", Format = PublishedRangeFormats.CidrText };

        Assert.Throws<FormatException>(() => NetworkCatalog.Parse(definition, "<html>maintenance</html>"));
        Assert.Throws<FormatException>(() => NetworkCatalog.Parse(definition with { Format = PublishedRangeFormats.GoogleJson }, "{\"prefixes\": []}"));
        Assert.Equal(1, NetworkCatalog.Parse(definition, "192.0.2.0/24").RangeCount);
    }

    [Fact]
    public void Every_shipped_network_loads_from_its_snapshot()
    {
        var networks = Classifiers.Networks.Networks;

        Assert.Contains(networks, n => n.Definition.Role == NetworkRoles.AppleRelay);
        Assert.All(networks, n => Assert.True(n.Ranges.RangeCount > 0, n.Definition.Name));
        Assert.Equal(networks.Count, networks.Select(n => n.Definition.Name).Distinct().Count());
    }
}
