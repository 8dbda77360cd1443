using System.Net;
using System.Text.Json;
using Engagement.Contracts.Tokens;
using Engagement.Tests.Infrastructure;

namespace Engagement.Tests.Http;

public sealed class TrackingEndpointTests(RunningSystem system) : IClassFixture<RunningSystem>
{
    private const string Html = """
        <html><body>
        <a href="https://shop.example/sale?a=1&amp;b=2">Sale</a>
        <a href="https://bücher.example/straße?q=ü#top">Books</a>
        </body></html>
        """;

    private HttpClient Http => system.Http;

    private async Task<long> CountAsync(string table, string messageId) =>
        await system.Database.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE message_id = $1", messageId);

    [Fact]
    public async Task An_open_answers_the_43_byte_gif_uncached_and_records_the_open()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var sent = await SentMessage.SendAsync(Http, tenant, Html, "ann@example.org");

        using var response = await Http.GetAsync($"/o/{sent.OpenTokens[0]}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/gif", response.Content.Headers.ContentType!.MediaType);
        var gif = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(43, gif.Length);
        Assert.Equal("GIF89a"u8.ToArray(), gif[..6]);
        Assert.Equal("no-store, no-cache, must-revalidate, private", response.Headers.NonValidated["Cache-Control"].ToString());
        Assert.Equal("no-cache", response.Headers.Pragma.ToString());
        Assert.Equal("0", response.Content.Headers.GetValues("Expires").Single());

        Assert.Equal(1L, await CountAsync("observations", sent.Id));
        Assert.Equal($"events_{DateTime.UtcNow:yyyyMMdd}", await system.Database.ScalarAsync<string>(
            "SELECT tableoid::regclass::text FROM events WHERE message_id = $1", sent.Id));
        var message = await SentMessage.ReadAsync(Http, tenant, sent.Id);
        Assert.Equal("opened", message.Text("status"));
        var recipient = message.GetProperty("recipients")[0];
        Assert.Equal(1, recipient.GetProperty("opens").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, recipient.GetProperty("opened_at").ValueKind);
    }

    [Fact]
    public async Task A_click_redirects_to_the_destination_exactly_and_records_it()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var sent = await SentMessage.SendAsync(Http, tenant, Html, "ann@example.org");

        using var first = await Http.GetAsync($"/c/{sent.ClickTokens[0][0]}");
        using var idn = await Http.GetAsync($"/c/{sent.ClickTokens[0][1]}");

        Assert.Equal(HttpStatusCode.Found, first.StatusCode);
        Assert.Equal("https://shop.example/sale?a=1&b=2", first.Headers.Location!.OriginalString);
        Assert.Equal("no-store", first.Headers.CacheControl!.ToString());
        Assert.Equal("no-referrer", first.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("https://xn--bcher-kva.example/stra%C3%9Fe?q=%C3%BC#top", idn.Headers.Location!.OriginalString);
        var message = await SentMessage.ReadAsync(Http, tenant, sent.Id);
        Assert.Equal("clicked", message.Text("status"));
        Assert.Equal(2, message.GetProperty("recipients")[0].GetProperty("clicks").GetInt32());
    }

    [Fact]
    public async Task A_click_on_an_eight_kilobyte_destination_lands_exactly()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var destination = "https://shop.example/deep?state=" + new string('x', 8 * 1024);
        var sent = await SentMessage.SendAsync(Http, tenant, $"<a href=\"{destination}\">Deep</a>", "ann@example.org");

        using var response = await Http.GetAsync($"/c/{sent.ClickTokens[0][0]}");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(destination, response.Headers.Location!.OriginalString);
        Assert.Equal(1L, await CountAsync("observations", sent.Id));
    }

    [Fact]
    public async Task A_head_click_redirects_too()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var sent = await SentMessage.SendAsync(Http, tenant, Html, "ann@example.org");

        using var response = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/c/{sent.ClickTokens[0][0]}"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("https://shop.example/sale?a=1&b=2", response.Headers.Location!.OriginalString);
        Assert.Equal(1L, await system.Database.ScalarAsync<long>("SELECT count(*) FROM observations WHERE message_id = $1 AND method = 'HEAD'", sent.Id));
    }

    [Fact]
    public async Task Expired_tokens_are_answered_but_not_recorded()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var sent = await SentMessage.SendAsync(Http, tenant, Html, "ann@example.org");
        var codec = new TrackingTokenCodec(
            TrackingKeyRing.From(new TrackingKeyOptions { ActiveKeyId = 1, Keys = [new TrackingKeyEntry { Id = 1, Key = TestKeys.First }] }),
            TimeProvider.System);
        var past = DateTimeOffset.UtcNow.AddMinutes(-1);

        using var open = await Http.GetAsync($"/o/{codec.Encode(TrackingClaims.Open(sent.Id, 0, past))}");
        using var click = await Http.GetAsync($"/c/{codec.Encode(TrackingClaims.Click(sent.Id, 0, 0, past, "https://shop.example/old"))}");

        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal(43, (await open.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(HttpStatusCode.Found, click.StatusCode);
        Assert.Equal("https://shop.example/old", click.Headers.Location!.OriginalString);
        Assert.Equal(0L, await CountAsync("observations", sent.Id));
    }

    [Fact]
    public async Task Tampered_tokens_get_the_gif_or_a_404_page_and_never_a_redirect()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var sent = await SentMessage.SendAsync(Http, tenant, Html, "ann@example.org");
        var tampered = Tamper(sent.ClickTokens[0][0]);

        using var open = await Http.GetAsync($"/o/{Tamper(sent.OpenTokens[0])}");
        using var click = await Http.GetAsync($"/c/{tampered}");
        using var garbage = await Http.GetAsync("/c/~garbage!");
        using var nul = await Http.GetAsync("/c/%25%00garbage");
        using var openAsClick = await Http.GetAsync($"/c/{sent.OpenTokens[0]}");

        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal(43, (await open.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(HttpStatusCode.NotFound, click.StatusCode);
        Assert.Equal("text/html", click.Content.Headers.ContentType!.MediaType);
        Assert.Null(click.Headers.Location);
        Assert.Equal(HttpStatusCode.NotFound, garbage.StatusCode);
        Assert.Null(nul.Headers.Location);
        Assert.True((int)nul.StatusCode is >= 400 and < 500);
        Assert.Equal(HttpStatusCode.NotFound, openAsClick.StatusCode);
        Assert.Equal(0L, await CountAsync("observations", sent.Id));
    }

    [Fact]
    public async Task A_project_fallback_url_catches_unreadable_clicks_on_its_own_host_only()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var other = await Tenant.CreateAsync(Http, "Other");
        var (status, _) = await Http.SendAsync(HttpMethod.Patch, $"/v1/projects/{tenant.ProjectId}", tenant.TeamToken, """{"click_fallback_url": "https://shop.example/home"}""");
        Assert.Equal(HttpStatusCode.OK, status);

        using var own = await Http.ClickOnHostAsync("not-a-token", tenant.Project.Text("tracking_domain"));
        using var foreign = await Http.ClickOnHostAsync("not-a-token", other.Project.Text("tracking_domain"));

        Assert.Equal(HttpStatusCode.Found, own.StatusCode);
        Assert.Equal("https://shop.example/home", own.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        var (badStatus, body) = await Http.SendAsync(HttpMethod.Patch, $"/v1/projects/{tenant.ProjectId}", tenant.TeamToken, """{"click_fallback_url": "javascript:alert(1)"}""");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Equal("click_fallback_url", body.ErrorField());
    }

    [Fact]
    public async Task Concurrent_hits_on_one_token_are_each_recorded_once()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var sent = await SentMessage.SendAsync(Http, tenant, Html, "ann@example.org");

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var response = await Http.GetAsync($"/o/{sent.OpenTokens[0]}");
            return response.StatusCode;
        }));

        Assert.All(responses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(50L, await CountAsync("observations", sent.Id));
        Assert.Equal(50L, await CountAsync("events", sent.Id));
        var message = await SentMessage.ReadAsync(Http, tenant, sent.Id);
        Assert.Equal(50, message.GetProperty("recipients")[0].GetProperty("opens").GetInt32());
    }

    [Fact]
    public async Task First_open_and_first_click_are_per_recipient_and_events_carry_them()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var sent = await SentMessage.SendAsync(Http, tenant, Html, "ann@example.org", "bob@example.org");

        foreach (var path in new[]
        {
            $"/o/{sent.OpenTokens[0]}", $"/o/{sent.OpenTokens[0]}", $"/c/{sent.ClickTokens[0][1]}",
            $"/o/{sent.OpenTokens[1]}", $"/c/{sent.ClickTokens[1][0]}", $"/c/{sent.ClickTokens[1][0]}",
        })
        {
            using var _ = await Http.GetAsync(path);
        }

        var (status, events) = await Http.GetAsync($"/v1/messages/{sent.Id}/events", tenant.ProjectToken);
        Assert.Equal(HttpStatusCode.OK, status);
        var list = events.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(
            [("message.opened", "ann@example.org", true), ("message.opened", "ann@example.org", false), ("message.clicked", "ann@example.org", true),
             ("message.opened", "bob@example.org", true), ("message.clicked", "bob@example.org", true), ("message.clicked", "bob@example.org", false)],
            list.Select(e => (e.Text("event"), e.GetProperty("data").Text("recipient"),
                e.GetProperty("data").GetProperty(e.Text("event") == "message.opened" ? "first_open" : "first_click").GetBoolean())));
        var click = list[2];
        Assert.StartsWith("evt_", click.Text("id"));
        Assert.Equal("https://bücher.example/straße?q=ü#top", click.GetProperty("data").Text("destination_url"));
        Assert.Equal(1, click.GetProperty("data").GetProperty("link_index").GetInt32());
        Assert.Equal("Books", click.GetProperty("data").Text("anchor_text"));
        Assert.Equal(sent.Id, click.GetProperty("data").Text("message_id"));
        Assert.Equal("Hello", click.GetProperty("data").Text("subject"));
        Assert.Equal("genuine", click.GetProperty("data").GetProperty("bot").Text("classification"));
        Assert.True(click.GetProperty("data").GetProperty("bot").GetProperty("counts_for_metrics").GetBoolean());
        var message = await SentMessage.ReadAsync(Http, tenant, sent.Id);
        Assert.Equal([2, 1], message.GetProperty("recipients").EnumerateArray().Select(r => r.GetProperty("opens").GetInt32()));
        Assert.Equal([1, 2], message.GetProperty("recipients").EnumerateArray().Select(r => r.GetProperty("clicks").GetInt32()));
    }

    [Fact]
    public async Task Forwarded_for_is_ignored_from_untrusted_peers_and_believed_from_trusted_ones()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var sent = await SentMessage.SendAsync(Http, tenant, Html, "ann@example.org");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/o/{sent.OpenTokens[0]}");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var _ = await Http.SendAsync(request);

        // The test client connects from loopback, which is trusted when no proxies are configured.
        Assert.Equal("203.0.113.9", await system.Database.ScalarAsync<string>("SELECT client_ip FROM observations WHERE message_id = $1", sent.Id));
    }

    private static string Tamper(string token)
    {
        var chars = token.ToCharArray();
        chars[token.Length / 2] = chars[token.Length / 2] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}
