using System.Net;
using Engagement.Grains.Classification;
using Engagement.Grains.Classification.Networks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Engagement.Tests.Unit.Classification;

public sealed class RangeRefresherTests
{
    private static readonly NetworkDefinition Relay = new()
    {
        Name = "apple_relay", Role = NetworkRoles.AppleRelay, File = "", Format = PublishedRangeFormats.AppleEgressCsv, Url = "https://ranges.test/egress.csv",
    };

    [Fact]
    public async Task Swaps_in_a_fresh_copy_asks_with_its_etag_and_keeps_the_last_good_copy_on_bad_answers()
    {
        var catalog = new NetworkCatalog([new NetworkRanges(Relay, IpRangeSet.From(["104.28.0.0/26"], out _))]);
        var cache = Path.Combine(Path.GetTempPath(), "ranges-" + Guid.NewGuid().ToString("N"));
        var publisher = new Publisher();
        using var refresher = new RangeRefresher(
            catalog, Options.Create(new ClassificationOptions { CacheDirectory = cache }), NullLogger<RangeRefresher>.Instance, publisher);
        bool Knows(string ip) => catalog.Match(IPAddress.Parse(ip)).Count == 1;

        publisher.Answer = () => Csv("172.225.76.0/22,US,US-CA,Los Angeles,\n", "\"v1\"");
        Assert.Equal(["apple_relay"], await refresher.RefreshOnceAsync(CancellationToken.None));
        Assert.True(Knows("172.225.77.1"));
        Assert.False(Knows("104.28.0.1"));
        Assert.True(File.Exists(Path.Combine(cache, "apple_relay")));

        publisher.Answer = () => new HttpResponseMessage(HttpStatusCode.NotModified);
        Assert.Empty(await refresher.RefreshOnceAsync(CancellationToken.None));
        Assert.Equal("\"v1\"", publisher.LastIfNoneMatch);

        publisher.Answer = () => Csv("<html>we are down</html>", null);
        Assert.Empty(await refresher.RefreshOnceAsync(CancellationToken.None));
        publisher.Answer = () => new HttpResponseMessage(HttpStatusCode.InternalServerError);
        Assert.Empty(await refresher.RefreshOnceAsync(CancellationToken.None));
        publisher.Answer = () => throw new HttpRequestException("unreachable");
        Assert.Empty(await refresher.RefreshOnceAsync(CancellationToken.None));
        Assert.True(Knows("172.225.77.1"));

        // A restarted silo starts from the last good copy, not the older built-in snapshot.
        var restarted = new NetworkCatalog([new NetworkRanges(Relay, IpRangeSet.From(["104.28.0.0/26"], out _))]);
        using var again = new RangeRefresher(
            restarted, Options.Create(new ClassificationOptions { CacheDirectory = cache }), NullLogger<RangeRefresher>.Instance, new Publisher());
        await again.StartAsync(CancellationToken.None);
        Assert.Single(restarted.Match(IPAddress.Parse("172.225.77.1")));
        await again.StopAsync(CancellationToken.None);
        Directory.Delete(cache, recursive: true);
    }

    private static HttpResponseMessage Csv(string text, string? etag)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(text) };
        if (etag is not null)
        {
            response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue(etag);
        }

        return response;
    }

    private sealed class Publisher : HttpMessageHandler
    {
        public Func<HttpResponseMessage> Answer { get; set; } = () => new HttpResponseMessage(HttpStatusCode.NotFound);

        public string? LastIfNoneMatch { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastIfNoneMatch = request.Headers.IfNoneMatch.FirstOrDefault()?.ToString();
            return Task.FromResult(Answer());
        }
    }
}
