using System.Net;
using Engagement.Tests.Infrastructure;

namespace Engagement.Tests.Http;

/// <summary>Erasing a recipient removes its hits and address from the project, counts what went, and can be repeated.</summary>
public sealed class PrivacyApiTests : IAsyncLifetime
{
    private const string Html = "<html><body><a href=\"https://shop.example/a\">A</a></body></html>";

    private readonly RunningSystem system = new();

    public Task InitializeAsync() => system.InitializeAsync();

    public Task DisposeAsync() => system.DisposeAsync();

    [Fact]
    public async Task Erasing_a_recipient_removes_its_observations_events_and_address_and_a_repeat_erases_nothing()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        var sent = await SentMessage.SendAsync(system.Http, tenant, Html, "ann@example.org", "bob@example.org");
        foreach (var path in new[] { $"/o/{sent.OpenTokens[0]}", $"/c/{sent.ClickTokens[0][0]}", $"/o/{sent.OpenTokens[1]}" })
        {
            using var hit = await system.Http.GetAsync(path);
        }

        var (status, erased) = await system.Http.PostAsync("/v1/privacy/erase", tenant.ProjectToken, new { recipient = "Ann@Example.org" });
        var (_, again) = await system.Http.PostAsync("/v1/privacy/erase", tenant.ProjectToken, new { recipient = "ann@example.org" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((1, 2L, 2L), Counts(erased));
        Assert.Equal((0, 0L, 0L), Counts(again));
        var message = await SentMessage.ReadAsync(system.Http, tenant, sent.Id);
        var recipients = message.GetProperty("recipients");
        Assert.Equal("", recipients[0].Text("email"));
        Assert.Equal(0, recipients[0].GetProperty("opens").GetInt32());
        Assert.Equal("bob@example.org", recipients[1].Text("email"));
        Assert.Equal(1, recipients[1].GetProperty("opens").GetInt32());
        var (_, events) = await system.Http.GetAsync($"/v1/messages/{sent.Id}/events?include_machine=true", tenant.ProjectToken);
        Assert.Equal(["bob@example.org"], events.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("data").Text("recipient")));
        Assert.Equal(0L, await system.Database.ScalarAsync<long>("SELECT count(*) FROM observations WHERE message_id = $1 AND recipient_index = 0", sent.Id));
        Assert.DoesNotContain("127.0.0.1", message.ToString() + events.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasure_needs_a_recipient_address_and_the_project_token()
    {
        var tenant = await Tenant.CreateAsync(system.Http);

        var (missing, body) = await system.Http.PostAsync("/v1/privacy/erase", tenant.ProjectToken, new { recipient = "" });
        var (team, _) = await system.Http.PostAsync("/v1/privacy/erase", tenant.TeamToken, new { recipient = "ann@example.org" });

        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal("recipient", body.ErrorField());
        Assert.Equal(HttpStatusCode.Forbidden, team);
    }

    private static (int Messages, long Observations, long Events) Counts(System.Text.Json.JsonElement body)
    {
        var erased = body.GetProperty("erased");
        return (erased.GetProperty("messages").GetInt32(), erased.GetProperty("observations").GetInt64(), erased.GetProperty("events").GetInt64());
    }
}
