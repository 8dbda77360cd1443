using System.Net;
using System.Text.Json;
using Engagement.Tests.Infrastructure;

namespace Engagement.Tests.Http;

/// <summary>POST /v1/classify and the verdicts recorded on real hits, through the real API and silo.</summary>
public sealed class ClassificationApiTests(RunningSystem system) : IClassFixture<RunningSystem>
{
    private const string Html = """<html><body><a href="https://shop.example/a">A</a> <a href="https://shop.example/b">B</a> <a href="https://shop.example/c">C</a> <a href="https://shop.example/d">D</a></body></html>""";

    private HttpClient Http => system.Http;

    [Fact]
    public async Task Explains_an_apple_mpp_prefetch_and_a_persons_click()
    {
        var (status, mpp) = await Http.PostAsync("/v1/classify", RunningSystem.AdminToken,
            new { kind = "open", method = "GET", ip = "172.225.77.10", user_agent = "Mozilla/5.0", headers = new Dictionary<string, string> { ["Accept"] = "*/*" }, seconds_after_send = 40 });
        Assert.Equal(HttpStatusCode.OK, status);
        var bot = mpp.GetProperty("bot");
        Assert.Equal(("privacy_proxy", "apple_mpp"), (bot.Text("classification"), bot.Text("proxy_type")));
        Assert.True(bot.GetProperty("machine").GetBoolean());
        Assert.False(bot.GetProperty("counts_for_metrics").GetBoolean());
        Assert.Equal(["ip.apple_relay", "ua.bare_mozilla"], bot.GetProperty("reason_codes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal([("ip.apple_relay", 60), ("ua.bare_mozilla", 45)],
            mpp.GetProperty("explanation").EnumerateArray().Select(e => (e.Text("signal"), e.GetProperty("weight").GetInt32())));

        (status, var person) = await Http.PostAsync("/v1/classify", RunningSystem.AdminToken, new
        {
            kind = "click",
            ip = "104.28.101.130",
            user_agent = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1",
            headers = new Dictionary<string, string> { ["Accept-Language"] = "en-GB", ["Sec-Fetch-Mode"] = "navigate" },
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("genuine", "apple_private_relay"), (person.GetProperty("bot").Text("classification"), person.GetProperty("bot").Text("proxy_type")));
        Assert.Equal(("mobile", "browser", "Safari"), (person.Text("device_type"), person.Text("client_type"), person.Text("client_name")));
    }

    [Theory]
    [InlineData("""{"method": "GET"}""", "kind")]
    [InlineData("""{"kind": "view"}""", "kind")]
    [InlineData("""{"kind": "open", "ip": "300.1.2.3"}""", "ip")]
    [InlineData("""{"kind": "open", "method": "FETCH"}""", "method")]
    [InlineData("""{"kind": "open", "seconds_after_send": -1}""", "seconds_after_send")]
    [InlineData("""{"kind": "open", "seconds_after_send": "soon"}""", "seconds_after_send")]
    [InlineData("""{"kind": "open", "headers": {"Accept": 5}}""", "headers.Accept")]
    [InlineData("""{"kind": "open", "agent": "curl/8"}""", "agent")]
    [InlineData("""[1, 2]""", "body")]
    public async Task A_bad_description_is_a_400_naming_the_field(string json, string field)
    {
        var (status, body) = await Http.SendAsync(HttpMethod.Post, "/v1/classify", RunningSystem.AdminToken, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(field, body.ErrorField());
    }

    [Fact]
    public async Task Only_the_operator_may_classify()
    {
        var tenant = await Tenant.CreateAsync(Http);

        var (anonymous, _) = await Http.PostAsync("/v1/classify", null, new { kind = "open" });
        var (team, _) = await Http.PostAsync("/v1/classify", tenant.TeamToken, new { kind = "open" });
        var (project, _) = await Http.PostAsync("/v1/classify", tenant.ProjectToken, new { kind = "open" });

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (anonymous, team, project));
    }

    [Fact]
    public async Task A_recorded_scan_is_a_machine_event_that_shows_why_and_does_not_count()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var sent = await SentMessage.SendAsync(Http, tenant, Html, "ann@example.org");

        using (var head = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/c/{sent.ClickTokens[0][0]}")))
        {
            Assert.Equal(HttpStatusCode.Found, head.StatusCode);
        }

        using (var person = await Http.GetAsync($"/c/{sent.ClickTokens[0][1]}"))
        {
            Assert.Equal(HttpStatusCode.Found, person.StatusCode);
        }

        var (_, counting) = await Http.GetAsync($"/v1/messages/{sent.Id}/events", tenant.ProjectToken);
        var (_, all) = await Http.GetAsync($"/v1/messages/{sent.Id}/events?include_machine=true", tenant.ProjectToken);
        var scan = all.GetProperty("data").EnumerateArray().Single(e => e.GetProperty("data").GetProperty("link_index").GetInt32() == 0).GetProperty("data");

        Assert.Single(counting.GetProperty("data").EnumerateArray());
        Assert.Equal("security_scanner", scan.GetProperty("bot").Text("classification"));
        Assert.True(scan.GetProperty("bot").GetProperty("machine").GetBoolean());
        Assert.Contains(scan.GetProperty("bot").GetProperty("explanation").EnumerateArray(), e => e.Text("signal") == "method.head" && e.GetProperty("weight").GetInt32() == 80);
        Assert.Equal(("desktop", "browser", "Chrome"), (scan.Text("device_type"), scan.Text("client_type"), scan.Text("client_name")));
        var message = await SentMessage.ReadAsync(Http, tenant, sent.Id);
        Assert.Equal(1, message.GetProperty("recipients")[0].GetProperty("clicks").GetInt32());
    }

    [Fact]
    public async Task Clicks_on_every_link_within_a_moment_are_a_scanners_sweep()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var sent = await SentMessage.SendAsync(Http, tenant, Html, "ann@example.org");

        foreach (var token in sent.ClickTokens[0])
        {
            using var _ = await Http.GetAsync($"/c/{token}");
        }

        var (_, all) = await Http.GetAsync($"/v1/messages/{sent.Id}/events?include_machine=true", tenant.ProjectToken);
        var verdicts = all.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("data").GetProperty("bot")).ToList();

        // The sweep is recognised at its third link; the settle window lets that verdict reach the first two as well.
        Assert.Equal(4, verdicts.Count);
        Assert.All(verdicts, v => Assert.Equal("security_scanner", v.Text("classification")));
        Assert.All(verdicts, v => Assert.StartsWith("burst.", v.GetProperty("reason_codes")[0].GetString(), StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Array, verdicts[0].GetProperty("explanation").ValueKind);
        Assert.All(all.GetProperty("data").EnumerateArray(), e => Assert.False(e.GetProperty("data").GetProperty("first_click").GetBoolean()));
        var (_, counting) = await Http.GetAsync($"/v1/messages/{sent.Id}/events", tenant.ProjectToken);
        Assert.Empty(counting.GetProperty("data").EnumerateArray());
        var message = await SentMessage.ReadAsync(Http, tenant, sent.Id);
        Assert.Equal((0, JsonValueKind.Null), (message.GetProperty("recipients")[0].GetProperty("clicks").GetInt32(), message.GetProperty("recipients")[0].GetProperty("clicked_at").ValueKind));
    }

    [Fact]
    public async Task A_settled_event_keeps_its_verdict_when_later_evidence_arrives()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var sent = await SentMessage.SendAsync(Http, tenant, Html, "ann@example.org");

        using (var _ = await Http.GetAsync($"/c/{sent.ClickTokens[0][0]}"))
        {
        }

        await using (var settle = system.Database.DataSource.CreateCommand("UPDATE events SET settles_at = now() - interval '1 second' WHERE message_id = $1"))
        {
            settle.Parameters.AddWithValue(sent.Id);
            await settle.ExecuteNonQueryAsync();
        }

        foreach (var token in sent.ClickTokens[0].Skip(1))
        {
            using var _ = await Http.GetAsync($"/c/{token}");
        }

        var (_, counting) = await Http.GetAsync($"/v1/messages/{sent.Id}/events", tenant.ProjectToken);
        var kept = Assert.Single(counting.GetProperty("data").EnumerateArray());
        Assert.Equal(0, kept.GetProperty("data").GetProperty("link_index").GetInt32());
        Assert.True(kept.GetProperty("data").GetProperty("first_click").GetBoolean());
    }

    [Fact]
    public async Task A_source_that_follows_the_honeypot_link_is_a_machine_for_the_message_and_people_still_count()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var sent = await SentMessage.SendAsync(Http, tenant, Html, "ann@example.org");
        Assert.NotNull(sent.TrapTokens[0]);

        using (var trap = await Http.GetAsync($"/c/{sent.TrapTokens[0]}"))
        {
            Assert.Equal(HttpStatusCode.Found, trap.StatusCode);
        }

        using (var scannerAgain = await Http.GetAsync($"/c/{sent.ClickTokens[0][2]}"))
        {
            Assert.Equal(HttpStatusCode.Found, scannerAgain.StatusCode);
        }

        using var person = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Http.BaseAddress };
        Browser.Imitate(person);
        person.DefaultRequestHeaders.UserAgent.Clear();
        person.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Safari/605.1.15");
        using (var click = await person.GetAsync($"/c/{sent.ClickTokens[0][1]}"))
        {
            Assert.Equal(HttpStatusCode.Found, click.StatusCode);
        }

        var (_, all) = await Http.GetAsync($"/v1/messages/{sent.Id}/events?include_machine=true", tenant.ProjectToken);
        var bots = all.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("data").GetProperty("bot")).ToList();
        Assert.Equal(3, bots.Count);
        Assert.All(bots.Take(2), b => Assert.Equal(("security_scanner", true), (b.Text("classification"), b.GetProperty("machine").GetBoolean())));
        Assert.All(bots.Take(2), b => Assert.Contains("trap.hit", b.GetProperty("reason_codes").EnumerateArray().Select(c => c.GetString())));
        Assert.Equal("genuine", bots[2].Text("classification"));
        var message = await SentMessage.ReadAsync(Http, tenant, sent.Id);
        Assert.Equal(1, message.GetProperty("recipients")[0].GetProperty("clicks").GetInt32());
        Assert.Equal(4, message.GetProperty("links").GetArrayLength());
    }

    [Fact]
    public async Task The_honeypot_link_is_a_route_setting_on_by_default_and_only_where_clicks_are_tracked()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var routeId = tenant.Project.GetProperty("routes")[0].Text("id");
        var (_, route) = await Http.GetAsync($"/v1/routes/{routeId}", tenant.TeamToken);
        Assert.True(route.GetProperty("trap_link").GetBoolean());

        var (status, changed) = await Http.SendAsync(HttpMethod.Patch, $"/v1/routes/{routeId}", tenant.TeamToken, """{"trap_link": false}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(changed.GetProperty("trap_link").GetBoolean());
        var withoutTrap = await SentMessage.SendAsync(Http, tenant, Html, "ann@example.org");

        (status, _) = await Http.SendAsync(HttpMethod.Patch, $"/v1/routes/{routeId}", tenant.TeamToken, """{"trap_link": "yes"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);

        Assert.Null(withoutTrap.TrapTokens[0]);
        Assert.Equal(4, withoutTrap.ClickTokens[0].Count);

        await Http.SendAsync(HttpMethod.Patch, $"/v1/routes/{routeId}", tenant.TeamToken, """{"trap_link": true}""");
        var (_, opensOnly) = await Http.PostAsync("/v1/send", tenant.ProjectToken,
            new { from = "shop@shop.example", to = "bob@example.org", subject = "Hi", html = Html, settings = new { track_clicks = false } });
        var copy = (await SentMessage.ReadAsync(Http, tenant, opensOnly.Text("message_id"))).GetProperty("recipients")[0].Text("html");
        Assert.Contains("/o/", copy, StringComparison.Ordinal);
        Assert.DoesNotContain("/c/", copy, StringComparison.Ordinal);
    }
}
