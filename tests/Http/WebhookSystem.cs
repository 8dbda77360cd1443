using System.Net;
using System.Text.Json;
using Engagement.Tests.Infrastructure;

namespace Engagement.Tests.Http;

/// <summary>
/// The running system as webhook tests need it: loopback receivers allowed, short polls and, per test class,
/// short retry delays and failure limits, so that minutes of real schedule take seconds.
/// </summary>
public sealed class WebhookSystem(IReadOnlyDictionary<string, string?> settings) : IAsyncLifetime
{
    public RunningSystem System { get; } = Configured(settings);

    public HttpClient Http => System.Http;

    public Task InitializeAsync() => System.InitializeAsync();

    public Task DisposeAsync() => System.DisposeAsync();

    public async Task<(string Id, string Secret)> CreateWebhookAsync(Tenant tenant, WebhookReceiver receiver, object? body = null)
    {
        var routeId = tenant.Project.GetProperty("routes")[0].Text("id");
        var (status, created) = await Http.PostAsync($"/v1/routes/{routeId}/webhooks", tenant.TeamToken, body ?? new { url = receiver.Url });
        Assert.True(status == HttpStatusCode.Created, created.ToString());
        var secret = created.Text("secret");
        receiver.Secrets.Add(secret);
        return (created.Text("id"), secret);
    }

    public async Task<JsonElement> DeliveriesAsync(Tenant tenant, string webhookId)
    {
        var (status, page) = await Http.GetAsync($"/v1/webhooks/{webhookId}/deliveries", tenant.TeamToken);
        Assert.Equal(HttpStatusCode.OK, status);
        return page.GetProperty("data");
    }

    private static RunningSystem Configured(IReadOnlyDictionary<string, string?> settings)
    {
        var system = new RunningSystem();
        system.ExtraSettings["WEBHOOK_ALLOWED_NETWORKS"] = "127.0.0.0/8";
        system.ExtraSettings["Webhooks:PollInterval"] = "00:00:00.200";
        foreach (var (key, value) in settings)
        {
            system.ExtraSettings[key] = value;
        }

        return system;
    }
}
