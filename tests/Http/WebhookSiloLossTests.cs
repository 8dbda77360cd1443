using System.Net;
using Engagement.Tests.Infrastructure;

namespace Engagement.Tests.Http;

/// <summary>Deliveries survive a silo killed outright between attempts: nothing lost, repeats only with the same event id.</summary>
public sealed class WebhookSiloLossTests : IAsyncLifetime
{
    private const int Webhooks = 6;
    private const int Opens = 3;

    private readonly WebhookSystem system = new(new Dictionary<string, string?>
    {
        ["Webhooks:RetryDelays:0"] = "00:00:02",
        ["Webhooks:RetryDelays:1"] = "00:00:02",
        ["Webhooks:RetryDelays:2"] = "00:00:02",
        ["Webhooks:RetryDelays:3"] = "00:00:02",
        ["Webhooks:RetryDelays:4"] = "00:00:02",
        ["Webhooks:RetryDelays:5"] = "00:00:02",
        ["Webhooks:RetryDelays:6"] = "00:00:02",
        ["Webhooks:RetryDelays:7"] = "00:00:02",
    });

    public Task InitializeAsync() => system.InitializeAsync();

    public Task DisposeAsync() => system.DisposeAsync();

    [Fact]
    public async Task A_silo_killed_between_attempts_loses_no_event()
    {
        using var second = await SiloProcess.StartAsync(system.System.Settings);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var receivers = new List<WebhookReceiver>();
        try
        {
            var tenant = await Tenant.CreateAsync(system.Http);
            for (var i = 0; i < Webhooks; i++)
            {
                var receiver = await WebhookReceiver.StartAsync();
                receivers.Add(receiver);
                receiver.FailNext(2);
                await system.CreateWebhookAsync(tenant, receiver);
            }

            var sent = await SentMessage.SendAsync(system.Http, tenant, "<html><body>Hi</body></html>", "ann@example.org");
            for (var i = 0; i < Opens; i++)
            {
                using var open = await system.Http.GetAsync($"/o/{sent.OpenTokens[0]}");
                Assert.Equal(HttpStatusCode.OK, open.StatusCode);
            }

            var (_, events) = await system.Http.GetAsync($"/v1/messages/{sent.Id}/events", tenant.ProjectToken);
            var expected = events.GetProperty("data").EnumerateArray().Select(e => e.Text("id")).Order().ToList();
            Assert.Equal(Opens, expected.Count);

            // Every webhook has failed its first attempt and is waiting to retry when the silo goes.
            await Eventually.TrueAsync(() => Task.FromResult(receivers.All(r => !r.Received.IsEmpty)), TimeSpan.FromSeconds(30));
            second.Kill();

            await Eventually.TrueAsync(
                () => Task.FromResult(receivers.All(r => Delivered(r).Count == Opens)),
                TimeSpan.FromSeconds(150));
            Assert.All(receivers, r => Assert.Equal(expected, Delivered(r)));
            Assert.All(receivers, r => Assert.All(r.Received, x => Assert.Contains(x.Id, expected)));
        }
        finally
        {
            foreach (var receiver in receivers)
            {
                await receiver.DisposeAsync();
            }
        }
    }

    private static List<string> Delivered(WebhookReceiver receiver) =>
        [.. receiver.Received.Where(r => r.Status == 200).Select(r => r.Id).Distinct().Order()];
}
