using System.Net;
using Engagement.Tests.Infrastructure;

namespace Engagement.Tests.Http;

/// <summary>Killing a silo while hits are written and rolled up leaves rollups equal to a recount of the raw events.</summary>
public sealed class RollupResilienceTests : IAsyncLifetime
{
    private const string Html = "<html><body><a href=\"https://shop.example/a\">A</a><a href=\"https://shop.example/b\">B</a></body></html>";

    private readonly RunningSystem system = new() { ExtraSettings = { ["Capture:Timeout"] = "00:00:00.500" } };

    public Task InitializeAsync() => system.InitializeAsync();

    public Task DisposeAsync() => system.DisposeAsync();

    [Fact]
    public async Task Rollups_equal_a_recount_after_a_silo_is_killed_during_writes()
    {
        using var second = await SiloProcess.StartAsync(system.Settings);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var tenant = await Tenant.CreateAsync(system.Http);
        var messages = new List<SentMessage>();
        for (var i = 0; i < 10; i++)
        {
            messages.Add(await SentMessage.SendAsync(system.Http, tenant, Html, $"r{i}@example.org", $"s{i}@example.org"));
        }

        var acknowledged = 0;
        var load = Task.Run(async () =>
        {
            for (var round = 0; round < 12; round++)
            {
                var codes = await Task.WhenAll(messages.Select(async (m, i) =>
                {
                    var path = (round + i) % 3 == 0 ? $"/c/{m.ClickTokens[round % 2][round % 2]}" : $"/o/{m.OpenTokens[round % 2]}";
                    using var response = await system.Http.GetAsync(path);
                    return response.StatusCode;
                }));
                Interlocked.Add(ref acknowledged, codes.Count(c => c is HttpStatusCode.OK or HttpStatusCode.Found));
            }
        });
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        second.Kill();
        await load;

        await Eventually.TrueAsync(
            async () => await system.Database.ScalarAsync<long>("SELECT count(*) FROM events") == acknowledged
                && await RollupRecount.CaughtUpAsync(system.Database),
            TimeSpan.FromSeconds(90));

        Assert.Equal(120, acknowledged);
        Assert.Equal(0L, await RollupRecount.DifferingRowsAsync(system.Database));
        var (_, stats) = await system.Http.GetAsync("/v1/stats?include_machine=true", tenant.ProjectToken);
        var totals = stats.GetProperty("totals");
        Assert.Equal(20, totals.GetProperty("sent").GetInt64());
        Assert.Equal(acknowledged, totals.GetProperty("opens").GetProperty("total").GetInt64() + totals.GetProperty("clicks").GetProperty("total").GetInt64());
    }
}
