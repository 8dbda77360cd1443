using System.Net;
using System.Text.Json;
using Engagement.Silo.Reporting;
using Engagement.Grains.Reporting;
using Engagement.Tests.Infrastructure;

namespace Engagement.Tests.Http;

/// <summary>Stats read from rollups agree with the events behind them, in any time zone, and bad queries get clear 400s.</summary>
[Collection(ExclusiveDatabaseCollection.Name)]
public sealed class StatsApiTests : IAsyncLifetime
{
    private const string Html = "<html><body><a href=\"https://shop.example/a\">A</a><a href=\"https://shop.example/b\">B</a></body></html>";
    private const string Browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

    private readonly RunningSystem system = new();

    public Task InitializeAsync() => system.InitializeAsync();

    public Task DisposeAsync() => system.DisposeAsync();

    [Fact]
    public async Task Stats_of_messages_sent_and_hit_over_http_reconcile_with_their_events()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        var first = await SentMessage.SendAsync(system.Http, tenant, Html, "ann@example.org", "bob@example.org", "cy@example.org");
        var second = await SentMessage.SendAsync(system.Http, tenant, Html, "dee@example.org", "eve@example.org");
        await HitAsync($"/o/{first.OpenTokens[0]}");
        await HitAsync($"/o/{first.OpenTokens[0]}");
        await HitAsync($"/c/{first.ClickTokens[0][0]}");
        await HitAsync($"/c/{first.ClickTokens[1][1]}");
        await HitAsync($"/o/{second.OpenTokens[0]}");

        var events = new List<JsonElement>();
        foreach (var id in new[] { first.Id, second.Id })
        {
            var (_, body) = await system.Http.GetAsync($"/v1/messages/{id}/events?include_machine=true", tenant.ProjectToken);
            events.AddRange(body.GetProperty("data").EnumerateArray());
        }

        Assert.Equal(5, events.Count);
        var counting = events.Where(e => e.GetProperty("data").GetProperty("bot").GetProperty("counts_for_metrics").GetBoolean()).ToList();
        var opens = counting.Where(e => e.Text("event") == "message.opened").ToList();
        var clicks = counting.Where(e => e.Text("event") == "message.clicked").ToList();
        var openers = opens.Select(Recipient).ToHashSet();

        var stats = await StatsWhenRolledUpAsync(tenant, "", s => s.GetProperty("totals").GetProperty("opens").GetProperty("total").GetInt64() == opens.Count
            && s.GetProperty("totals").GetProperty("clicks").GetProperty("total").GetInt64() == clicks.Count);
        var totals = stats.GetProperty("totals");
        Assert.Equal(5, totals.GetProperty("sent").GetInt64());
        Assert.Equal(opens.Count(e => e.GetProperty("data").GetProperty("first_open").GetBoolean()), totals.GetProperty("opens").GetProperty("unique").GetInt64());
        Assert.Equal(openers.Count, totals.GetProperty("opens").GetProperty("unique").GetInt64());
        Assert.Equal(openers.Union(clicks.Select(Recipient)).Count(), totals.GetProperty("opens").GetProperty("unique_including_implied").GetInt64());
        Assert.Equal(clicks.Select(Recipient).Distinct().Count(), totals.GetProperty("clicks").GetProperty("unique").GetInt64());
        Assert.Equal(Math.Round(openers.Count / 5.0, 4), totals.GetProperty("open_rate").GetDouble());
        var today = Assert.Single(stats.GetProperty("buckets").EnumerateArray(), b => b.GetProperty("sent").GetInt64() > 0);
        Assert.Equal(5, today.GetProperty("sent").GetInt64());

        var (_, links) = await system.Http.GetAsync("/v1/stats/links", tenant.ProjectToken);
        Assert.Equal(
            clicks.GroupBy(c => c.GetProperty("data").Text("destination_url")).ToDictionary(g => g.Key, g => (long)g.Count()),
            links.GetProperty("data").EnumerateArray().ToDictionary(l => l.Text("destination_url"), l => l.GetProperty("clicks").GetProperty("total").GetInt64()));
    }

    [Fact]
    public async Task Seeded_events_over_a_DST_change_fall_in_the_requested_zone_s_days_by_route_tag_and_machine()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        var (_, route) = await system.Http.PostAsync($"/v1/projects/{tenant.ProjectId}/routes", tenant.TeamToken, new { slug = "news", type = "broadcast" });
        var defaultRoute = tenant.Project.GetProperty("routes")[0].Text("id");
        var news = route.Text("id");
        var seed = new EventSeed(system.Database, tenant.ProjectId);
        var sends = new PostgresSendLog(system.Database.DataSource);
        await sends.RecordAsync(new MessageSend("msg_a", tenant.ProjectId, news, "autumn", ["a@x.org", "b@x.org"], DateTimeOffset.Parse("2026-10-24T08:00:00Z")));
        await sends.RecordAsync(new MessageSend("msg_b", tenant.ProjectId, defaultRoute, null, ["c@x.org"], DateTimeOffset.Parse("2026-10-25T08:00:00Z")));

        // Saturday 24 October (CEST), Sunday 25 October (clocks go back at 01:00Z), Monday 26 October (CET).
        await seed.OpenAsync("2026-10-24T21:30:00Z", news, "autumn", "msg_a", 0, first: true);
        await seed.OpenAsync("2026-10-24T22:30:00Z", news, "autumn", "msg_a", 0, first: false);
        await seed.OpenAsync("2026-10-24T22:31:00Z", news, "autumn", "msg_a", 1, first: false, machine: "image_proxy");
        await seed.ClickAsync("2026-10-25T23:30:00Z", news, "autumn", "msg_a", 1, first: true, link: 0);
        await seed.OpenAsync("2026-10-25T09:00:00Z", defaultRoute, null, "msg_b", 0, first: true, device: "mobile");
        await seed.OpenAsync("2026-10-25T09:00:01Z", defaultRoute, null, "msg_b", 0, first: false, machine: "security_scanner");

        const string Range = "from=2026-10-24T00:00:00%2B02:00&to=2026-10-27T00:00:00%2B01:00&tz=Europe/Amsterdam";
        var all = await StatsWhenRolledUpAsync(tenant, Range + "&include_machine=true",
            s => s.GetProperty("totals").GetProperty("opens").GetProperty("total").GetInt64() == 5);
        var buckets = all.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(["2026-10-24T00:00:00+02:00", "2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00"], buckets.Select(b => b.Text("start")));
        Assert.Equal([1L, 4L, 0L], buckets.Select(b => b.GetProperty("opens").GetProperty("total").GetInt64()));
        Assert.Equal([0L, 0L, 1L], buckets.Select(b => b.GetProperty("clicks").GetProperty("total").GetInt64()));
        Assert.Equal([2L, 1L, 0L], buckets.Select(b => b.GetProperty("sent").GetInt64()));
        Assert.Equal(1, all.GetProperty("totals").GetProperty("by_classification").GetProperty("security_scanner").GetProperty("opens").GetInt64());

        var (_, human) = await system.Http.GetAsync($"/v1/stats?{Range}", tenant.ProjectToken);
        var totals = human.GetProperty("totals");
        Assert.Equal(3, totals.GetProperty("opens").GetProperty("total").GetInt64());
        Assert.Equal(2, totals.GetProperty("opens").GetProperty("unique").GetInt64());
        Assert.Equal(3, totals.GetProperty("opens").GetProperty("unique_including_implied").GetInt64());
        Assert.False(totals.GetProperty("by_classification").TryGetProperty("image_proxy", out _));

        var (_, newsOnly) = await system.Http.GetAsync($"/v1/stats?{Range}&route=news&tag=autumn", tenant.ProjectToken);
        Assert.Equal(2, newsOnly.GetProperty("totals").GetProperty("opens").GetProperty("total").GetInt64());
        Assert.Equal(2, newsOnly.GetProperty("totals").GetProperty("sent").GetInt64());
        Assert.Equal(0.5, newsOnly.GetProperty("totals").GetProperty("click_rate").GetDouble());

        var (_, utc) = await system.Http.GetAsync("/v1/stats?from=2026-10-24T00:00:00Z&to=2026-10-27T00:00:00Z", tenant.ProjectToken);
        Assert.Equal([2L, 1L, 0L], utc.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("opens").GetProperty("total").GetInt64()));
        Assert.Equal([0L, 1L, 0L], utc.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("clicks").GetProperty("total").GetInt64()));

        var (_, clients) = await system.Http.GetAsync($"/v1/stats/clients?{Range}", tenant.ProjectToken);
        Assert.Equal(1, clients.GetProperty("by_device_type").GetProperty("mobile").GetProperty("opens").GetInt64());
        Assert.Equal(2, clients.GetProperty("by_device_type").GetProperty("unknown").GetProperty("opens").GetInt64());
    }

    [Theory]
    [InlineData("from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    [InlineData("from=2025-01-01T00:00:00Z&to=2026-11-01T00:00:00Z", "to")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=0001-01-01T00:00:00Z&to=0001-01-02T00:00:00Z", "to")]
    [InlineData("from=9999-12-31T00:00:00Z&to=9999-12-31T23:00:00Z", "to")]
    [InlineData("from=1969-12-31T00:00:00Z&to=1970-01-02T00:00:00Z", "from")]
    [InlineData("from=2026-11-01T00:00:00", "from")]
    [InlineData("interval=week", "interval")]
    [InlineData("tz=Mars/Olympus_Mons", "tz")]
    [InlineData("include_machine=maybe", "include_machine")]
    [InlineData("include_machine=", "include_machine")]
    [InlineData("include_machine=true&include_machine=false", "include_machine")]

    // PostgreSQL's text cannot hold a NUL: a filter that reached the query with one would be a 500.
    [InlineData("tag=a%00b", "tag")]
    [InlineData("tz=a%00b", "tz")]
    public async Task Bad_queries_are_400s_naming_the_field(string query, string field)
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        foreach (var path in new[] { "/v1/stats", "/v1/stats/links", "/v1/stats/clients" })
        {
            var (status, body) = await system.Http.GetAsync($"{path}?{query}", tenant.ProjectToken);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(field, body.ErrorField());
        }
    }

    [Fact]
    public async Task The_openapi_document_lists_the_filters_of_every_stats_endpoint()
    {
        var (_, document) = await system.Http.GetAsync("/openapi/v1.json", null);

        foreach (var path in new[] { "/v1/stats", "/v1/stats/links", "/v1/stats/clients" })
        {
            var parameters = document.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray().ToList();
            Assert.All(parameters, p => Assert.Equal("query", p.Text("in")));
            Assert.Equal(["from", "include_machine", "interval", "route", "tag", "to", "tz"], parameters.Select(p => p.Text("name")).Order());
        }
    }

    [Fact]
    public async Task An_unknown_route_is_refused_and_stats_need_the_project_token()
    {
        var tenant = await Tenant.CreateAsync(system.Http);
        var (status, body) = await system.Http.GetAsync("/v1/stats?route=nope", tenant.ProjectToken);
        var (nulStatus, nulBody) = await system.Http.GetAsync("/v1/stats?route=a%00b", tenant.ProjectToken);
        var (teamStatus, _) = await system.Http.GetAsync("/v1/stats", tenant.TeamToken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("route", body.ErrorField());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nulStatus);
        Assert.Equal("route", nulBody.ErrorField());
        Assert.Equal(HttpStatusCode.Forbidden, teamStatus);
    }

    private static string Recipient(JsonElement e) => e.GetProperty("data").Text("recipient");

    private async Task HitAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.UserAgent.ParseAdd(Browser);
        using var response = await system.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Found);
    }

    private async Task<JsonElement> StatsWhenRolledUpAsync(Tenant tenant, string query, Func<JsonElement, bool> done)
    {
        JsonElement stats = default;
        await Eventually.TrueAsync(async () =>
        {
            var (status, body) = await system.Http.GetAsync($"/v1/stats?{query}", tenant.ProjectToken);
            Assert.Equal(HttpStatusCode.OK, status);
            stats = body;
            return done(body);
        }, TimeSpan.FromSeconds(30));
        return stats;
    }
}
