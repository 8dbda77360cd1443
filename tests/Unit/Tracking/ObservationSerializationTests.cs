using Engagement.Contracts.Tokens;
using Engagement.Contracts.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Engagement.Tests.Unit.Tracking;

/// <summary>An observation as the silo receives it from the API, through Orleans' own serializer.</summary>
public sealed class ObservationSerializationTests
{
    [Fact]
    public void Its_headers_arrive_still_looked_up_whatever_the_case()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["User-Agent"] = "Mozilla/5.0", ["Via"] = "1.1 proxy" };
        var sent = new Observation(Guid.CreateVersion7(), TrackingKind.Open, "m1", 0, 0, DateTimeOffset.UtcNow, "GET", "203.0.113.9", "Mozilla/5.0", headers);

        var received = serializer.Deserialize<Observation>(serializer.SerializeToArray(sent))!;

        // The classifier reads the received dictionary as it is, without a copy, when its comparer came along.
        var dictionary = Assert.IsType<Dictionary<string, string>>(received.Headers);
        Assert.Equal(StringComparer.OrdinalIgnoreCase, dictionary.Comparer);
        Assert.Equal("1.1 proxy", received.Headers["via"]);
        Assert.Equal(sent.Id, received.Id);
    }
}
