using System.Net;
using System.Text.Json;
using Engagement.Tests.Infrastructure;

namespace Engagement.Tests.Http;

public sealed class SendApiTests(RunningSystem system) : IClassFixture<RunningSystem>
{
    private const string Newsletter = """
        <!DOCTYPE html>
        <html><body>
        <p>Hello <a href="https://shop.example/sale?a=1&amp;b=2">the sale</a></p>
        <a href="mailto:help@shop.example">Mail us</a>
        <A HREF=https://shop.example/help>Help</A>
        </body></html>
        """;

    private HttpClient Http => system.Http;

    private static object Email(object? extra = null)
    {
        var email = new Dictionary<string, object?>
        {
            ["from"] = "Shop <shop@shop.example>",
            ["to"] = "ann@example.org",
            ["subject"] = "Our sale",
            ["html"] = Newsletter,
            ["text"] = "Our sale: https://shop.example/sale",
        };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            email[property.Name] = property.GetValue(extra);
        }

        return email;
    }

    private async Task<(Tenant Tenant, string RouteId)> TrackedTenantAsync(bool opens = true, bool clicks = true)
    {
        var tenant = await Tenant.CreateAsync(Http);
        var routeId = tenant.Project.GetProperty("routes")[0].Text("id");
        await Http.SendAsync(HttpMethod.Patch, $"/v1/routes/{routeId}", tenant.TeamToken,
            JsonSerializer.Serialize(new { track_opens = opens, track_clicks = clicks }));
        return (tenant, routeId);
    }

    [Fact]
    public async Task A_tracked_email_is_accepted_and_each_recipient_gets_the_pixel_and_rewritten_links()
    {
        var (tenant, _) = await TrackedTenantAsync();

        var (status, accepted) = await Http.PostAsync("/v1/send", tenant.ProjectToken, Email(new { to = new[] { "ann@example.org", "Bob <bob@example.org>" }, metadata = new { order = "42" }, tag = "sale" }));

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("pending", accepted.Text("status"));
        var (getStatus, message) = await Http.GetAsync($"/v1/messages/{accepted.Text("message_id")}", tenant.ProjectToken);
        Assert.Equal(HttpStatusCode.OK, getStatus);
        Assert.Equal("pending", message.Text("status"));
        Assert.Equal("sale", message.Text("tag"));
        Assert.Equal("42", message.GetProperty("metadata").Text("order"));
        var links = message.GetProperty("links").EnumerateArray().ToList();
        Assert.Equal(2, links.Count);
        Assert.Equal("https://shop.example/sale?a=1&b=2", links[0].Text("url"));
        Assert.Equal("the sale", links[0].Text("anchor_text"));
        Assert.Equal("https://shop.example/help", links[1].Text("url"));

        var recipients = message.GetProperty("recipients").EnumerateArray().ToList();
        Assert.Equal(["ann@example.org", "bob@example.org"], recipients.Select(r => r.Text("email")));
        var host = $"https://{tenant.Project.Text("tracking_domain")}";
        var htmls = recipients.Select(r => r.Text("html")).ToList();
        foreach (var html in htmls)
        {
            Assert.Contains($"<img src=\"{host}/o/", html);
            Assert.Contains($"href=\"{host}/c/", html);
            Assert.Contains("href=\"mailto:help@shop.example\"", html);
            Assert.DoesNotContain("https://shop.example/sale", html);
        }

        Assert.NotEqual(htmls[0], htmls[1]);
        Assert.All(recipients, r => Assert.Equal("Our sale: https://shop.example/sale", r.Text("text")));
        Assert.All(recipients, r => Assert.True(r.GetProperty("token_expires_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(29)));
    }

    [Fact]
    public async Task The_rendered_copy_is_the_same_every_time_it_is_read()
    {
        var (tenant, _) = await TrackedTenantAsync();
        var (_, accepted) = await Http.PostAsync("/v1/send", tenant.ProjectToken, Email());

        var (_, first) = await Http.GetAsync($"/v1/messages/{accepted.Text("message_id")}", tenant.ProjectToken);
        var (_, second) = await Http.GetAsync($"/v1/messages/{accepted.Text("message_id")}", tenant.ProjectToken);

        Assert.Equal(first.GetProperty("recipients")[0].Text("html"), second.GetProperty("recipients")[0].Text("html"));
    }

    [Fact]
    public async Task Untracked_routes_pass_the_html_through_unchanged()
    {
        var tenant = await Tenant.CreateAsync(Http);

        var (_, accepted) = await Http.PostAsync("/v1/send", tenant.ProjectToken, Email());
        var (_, message) = await Http.GetAsync($"/v1/messages/{accepted.Text("message_id")}", tenant.ProjectToken);

        var recipient = message.GetProperty("recipients")[0];
        Assert.Equal(Newsletter, recipient.Text("html"));
        Assert.False(recipient.GetProperty("track_opens").GetBoolean());
        Assert.Empty(message.GetProperty("links").EnumerateArray());
    }

    [Theory]
    [InlineData("settings", """{"track_opens": false}""", false, true)]
    [InlineData("tracking", """{"clicks": false}""", true, false)]
    [InlineData("options", """{"open_tracking": false, "click_tracking": false}""", false, false)]
    public async Task Each_override_shape_changes_only_the_fields_it_names(string shape, string value, bool opens, bool clicks)
    {
        var (tenant, _) = await TrackedTenantAsync();
        var email = JsonSerializer.SerializeToNode(Email())!.AsObject();
        email[shape] = System.Text.Json.Nodes.JsonNode.Parse(value);

        var (_, accepted) = await Http.SendAsync(HttpMethod.Post, "/v1/send", tenant.ProjectToken, email.ToJsonString());
        var (_, message) = await Http.GetAsync($"/v1/messages/{accepted.Text("message_id")}", tenant.ProjectToken);

        var recipient = message.GetProperty("recipients")[0];
        Assert.Equal(opens, recipient.GetProperty("track_opens").GetBoolean());
        Assert.Equal(clicks, recipient.GetProperty("track_clicks").GetBoolean());
        Assert.Equal(opens, recipient.Text("html").Contains("/o/", StringComparison.Ordinal));
        Assert.Equal(clicks, recipient.Text("html").Contains("/c/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Text_only_mail_is_never_tracked()
    {
        var (tenant, _) = await TrackedTenantAsync();

        var (status, accepted) = await Http.PostAsync("/v1/send", tenant.ProjectToken, new { from = "shop@shop.example", to = "ann@example.org", subject = "Hi", text = "Visit https://shop.example" });
        var (_, message) = await Http.GetAsync($"/v1/messages/{accepted.Text("message_id")}", tenant.ProjectToken);

        Assert.Equal(HttpStatusCode.Accepted, status);
        var recipient = message.GetProperty("recipients")[0];
        Assert.False(recipient.GetProperty("track_opens").GetBoolean());
        Assert.False(recipient.GetProperty("track_clicks").GetBoolean());
        Assert.Equal(JsonValueKind.Null, recipient.GetProperty("html").ValueKind);
        Assert.Equal("Visit https://shop.example", recipient.Text("text"));
    }

    [Fact]
    public async Task A_named_route_is_used_by_slug_or_id()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var (_, route) = await Http.PostAsync($"/v1/projects/{tenant.ProjectId}/routes", tenant.TeamToken, new { slug = "news", type = "broadcast" });

        var (_, bySlug) = await Http.PostAsync("/v1/send", tenant.ProjectToken, Email(new { route = "news" }));
        var (_, byId) = await Http.PostAsync("/v1/send", tenant.ProjectToken, Email(new { route = route.Text("id") }));

        var (_, message) = await Http.GetAsync($"/v1/messages/{bySlug.Text("message_id")}", tenant.ProjectToken);
        Assert.Equal("news", message.GetProperty("route").Text("slug"));
        (_, message) = await Http.GetAsync($"/v1/messages/{byId.Text("message_id")}", tenant.ProjectToken);
        Assert.Equal(route.Text("id"), message.GetProperty("route").Text("id"));
    }

    [Fact]
    public async Task Unknown_foreign_and_inbound_routes_are_unprocessable()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var other = await Tenant.CreateAsync(Http, "Other");
        await Http.PostAsync($"/v1/projects/{tenant.ProjectId}/routes", tenant.TeamToken, new { slug = "replies", type = "inbound" });
        var foreignRoute = other.Project.GetProperty("routes")[0].Text("id");

        foreach (var route in new[] { "nope", foreignRoute, "replies" })
        {
            var (status, body) = await Http.PostAsync("/v1/send", tenant.ProjectToken, Email(new { route }));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
            Assert.Equal("route", body.ErrorField());
        }
    }

    [Theory]
    [InlineData("""{"from": "shop@shop.example", "to": "bad", "subject": "s", "html": "<p>x</p>"}""", HttpStatusCode.BadRequest, "to")]
    [InlineData("""{"from": "shop@shop.example", "subject": "s", "html": "<p>x</p>"}""", HttpStatusCode.BadRequest, "to")]
    [InlineData("""{"from": "shop@shop.example", "to": "a@example.org", "subject": "s"}""", HttpStatusCode.BadRequest, "html")]
    [InlineData("""{"from": "shop@shop.example", "to": 5, "subject": "s", "html": "x"}""", HttpStatusCode.BadRequest, "to")]
    [InlineData("""{"from": "shop@shop.example", "to": "a@example.org", "subject": "s", "html": "x", "metadata": {"n": 1}}""", HttpStatusCode.BadRequest, "metadata.n")]
    [InlineData("""{"from": "shop@shop.example", "to": "a@example.org", "subject": "s", "html": "x", "settings": {"track_opens": "yes"}}""", HttpStatusCode.BadRequest, "settings.track_opens")]
    [InlineData("""{"from": "shop@shop.example", "to": "a@example.org", "subject": "s", "html": "x", "settings": {}, "tracking": {}}""", HttpStatusCode.BadRequest, "tracking")]
    [InlineData("""{"from": "shop@shop.example", "to": "a@example.org", "subject": "s", "html": "x", "priority": "high"}""", HttpStatusCode.BadRequest, "priority")]
    [InlineData("""{"from": "shop@shop.example", "to": "a@example.org", "subject": "s", "html": "x", "headers": {"X-A": null}}""", HttpStatusCode.BadRequest, "headers.X-A")]
    [InlineData("""{"from": "shop@shop.example", "to": "a@example.org", "subject": "s", "html": "x", "metadata": {"k": null}}""", HttpStatusCode.BadRequest, "metadata.k")]
    [InlineData("""{"from": "shop@shop.example", "to": [null], "subject": "s", "html": "x"}""", HttpStatusCode.BadRequest, "to")]
    [InlineData("""{"from": null, "to": "a@example.org", "subject": "s", "html": "x"}""", HttpStatusCode.BadRequest, "from")]
    [InlineData("""{"from": "shop@shop.example", "to": "a@example.org", "subject": "s", "html": "x", "settings": null, "tracking": {"opens": true}}""", HttpStatusCode.Accepted, null)]
    // PostgreSQL's JSON cannot hold a NUL character, and a mail header cannot hold control characters.
    [InlineData("""{"from": "shop@shop.example", "to": "a@example.org", "subject": "s\u0000x", "html": "x"}""", HttpStatusCode.BadRequest, "subject")]
    [InlineData("""{"from": "shop@shop.example", "to": "a@example.org", "subject": "s\u0007x", "html": "x"}""", HttpStatusCode.BadRequest, "subject")]
    [InlineData("""{"from": "shop@shop.example", "to": "a@example.org", "subject": "s\tx", "html": "x"}""", HttpStatusCode.Accepted, null)]
    [InlineData("""{"from": "shop@shop.example", "to": "a@example.org", "subject": "s", "html": "x", "metadata": {"k": "a\u0000b"}}""", HttpStatusCode.BadRequest, "metadata.k")]
    [InlineData("""{"from": "shop@shop.example", "to": "a@example.org", "subject": "s", "html": "x", "metadata": {"k\u0000": "v"}}""", HttpStatusCode.BadRequest, "metadata.k\0")]
    [InlineData("""{"from": "shop@shop.example", "to": "a@example.org", "subject": "s", "html": "x", "headers": {"X-A": "a\u0000b"}}""", HttpStatusCode.BadRequest, "headers.X-A")]
    [InlineData("""{"from": "shop@shop.example", "to": "a\u0000b@example.org", "subject": "s", "html": "x"}""", HttpStatusCode.BadRequest, "to")]
    [InlineData("""{"from": "shop\u0000@shop.example", "to": "a@example.org", "subject": "s", "html": "x"}""", HttpStatusCode.BadRequest, "from")]
    [InlineData("""{"from": "shop@shop.example", "to": "A\u0000B <a@example.org>", "subject": "s", "html": "x"}""", HttpStatusCode.BadRequest, "to")]
    [InlineData("""{"from": "shop@shop.example", "to": "a@example.org", "subject": "s", "html": "<p>a\u0000b</p>"}""", HttpStatusCode.BadRequest, "html")]
    [InlineData("""{"from": "shop@shop.example", "to": "a@example.org", "subject": "s", "text": "a\u0000b"}""", HttpStatusCode.BadRequest, "text")]
    [InlineData("""null""", HttpStatusCode.BadRequest, "body")]
    [InlineData("""{"from": "shop@shop.example", "to": "a@example.org", "subject": "s", "html": "x" """, HttpStatusCode.BadRequest, "body")]
    public async Task Invalid_emails_are_refused_naming_the_field(string json, HttpStatusCode expected, string? field)
    {
        var tenant = await Tenant.CreateAsync(Http);

        var (status, body) = await Http.SendAsync(HttpMethod.Post, "/v1/send", tenant.ProjectToken, json);

        Assert.Equal(expected, status);
        if (field is not null)
        {
            Assert.Equal(field, body.ErrorField());
        }
    }

    [Fact]
    public async Task Too_many_recipients_and_too_large_bodies_are_unprocessable()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var many = Enumerable.Range(0, 51).Select(i => $"r{i}@example.org").ToArray();

        var (recipientsStatus, recipientsBody) = await Http.PostAsync("/v1/send", tenant.ProjectToken, Email(new { to = many }));
        var (bodyStatus, bodyBody) = await Http.PostAsync("/v1/send", tenant.ProjectToken, Email(new { html = new string('x', 5 * 1024 * 1024 + 1) }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, recipientsStatus);
        Assert.Equal("too_many_recipients", recipientsBody.GetProperty("error").Text("code"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bodyStatus);
        Assert.Equal("body_too_large", bodyBody.GetProperty("error").Text("code"));
    }

    [Fact]
    public async Task A_body_over_the_request_limit_is_refused_with_413_in_json()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var huge = JsonSerializer.Serialize(Email(new { html = new string('x', 31 * 1024 * 1024) }));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/send") { Content = new StringContent(huge, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tenant.ProjectToken);

        // As a well-behaved client does with a large body: ask first, so the refusal arrives before the upload.
        request.Headers.ExpectContinue = true;
        using var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("body", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.ErrorField());
    }

    [Fact]
    public async Task Team_tokens_cannot_send_and_messages_of_other_projects_are_not_found()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var other = await Tenant.CreateAsync(Http, "Other");
        var (_, accepted) = await Http.PostAsync("/v1/send", tenant.ProjectToken, Email());

        Assert.Equal(HttpStatusCode.Forbidden, (await Http.PostAsync("/v1/send", tenant.TeamToken, Email())).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"/v1/messages/{accepted.Text("message_id")}", other.ProjectToken)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/v1/messages/msg_00000000000000000000000000000000", tenant.ProjectToken)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync("/v1/messages/garbage", tenant.ProjectToken)).Status);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_returns_the_first_answer_and_creates_nothing()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var body = JsonSerializer.Serialize(Email());

        var first = await SendWithKeyAsync(tenant, "order-42", body);
        var retry = await SendWithKeyAsync(tenant, "order-42", body);
        var different = await SendWithKeyAsync(tenant, "order-42", JsonSerializer.Serialize(Email(new { subject = "Another" })));
        var otherKey = await SendWithKeyAsync(tenant, "order-43", body);

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.Accepted, retry.Status);
        Assert.Equal(first.Body.Text("message_id"), retry.Body.Text("message_id"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, different.Status);
        Assert.Equal("idempotency_key_reused", different.Body.GetProperty("error").Text("code"));
        Assert.NotEqual(first.Body.Text("message_id"), otherKey.Body.Text("message_id"));
        var (_, message) = await Http.GetAsync($"/v1/messages/{first.Body.Text("message_id")}", tenant.ProjectToken);
        Assert.Equal("Our sale", message.Text("subject"));
    }

    [Fact]
    public async Task A_batch_applies_defaults_and_answers_per_email()
    {
        var (tenant, _) = await TrackedTenantAsync();
        var batch = new
        {
            defaults = new { from = "shop@shop.example", subject = "Default subject", html = Newsletter, tag = "batch" },
            emails = new object[]
            {
                new { to = "ann@example.org" },
                new { to = "not an address" },
                new { to = "bob@example.org", subject = "Own subject", settings = new { track_clicks = false } },
                "not an object",
            },
        };

        var (status, body) = await Http.PostAsync("/v1/send/batch", tenant.ProjectToken, batch);

        Assert.Equal(HttpStatusCode.OK, status);
        var results = body.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([202, 400, 202, 400], results.Select(r => r.GetProperty("http_status").GetInt32()));
        Assert.Equal("to", results[1].ErrorField());
        var (_, first) = await Http.GetAsync($"/v1/messages/{results[0].Text("message_id")}", tenant.ProjectToken);
        var (_, third) = await Http.GetAsync($"/v1/messages/{results[2].Text("message_id")}", tenant.ProjectToken);
        Assert.Equal("Default subject", first.Text("subject"));
        Assert.Equal("batch", first.Text("tag"));
        Assert.Equal("Own subject", third.Text("subject"));
        Assert.False(third.GetProperty("recipients")[0].GetProperty("track_clicks").GetBoolean());
        Assert.True(first.GetProperty("recipients")[0].GetProperty("track_clicks").GetBoolean());
    }

    [Fact]
    public async Task A_retried_batch_with_the_same_key_creates_nothing_new()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var batch = JsonSerializer.Serialize(new { defaults = new { from = "shop@shop.example", subject = "s", html = "<p>x</p>" }, emails = new[] { new { to = "a@example.org" }, new { to = "b@example.org" } } });

        var first = await SendWithKeyAsync(tenant, "batch-1", batch, "/v1/send/batch");
        var retry = await SendWithKeyAsync(tenant, "batch-1", batch, "/v1/send/batch");

        Assert.Equal(first.Body.ToString(), retry.Body.ToString());
        var ids = first.Body.GetProperty("data").EnumerateArray().Select(r => r.Text("message_id")).ToArray();
        Assert.Equal(2, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("""{"emails": []}""", "emails")]
    [InlineData("""{"emails": [{}], "defaults": 3}""", "defaults")]
    [InlineData("""{"emails": [{}], "extra": 1}""", "extra")]
    public async Task Malformed_batches_are_refused_naming_the_field(string json, string field)
    {
        var tenant = await Tenant.CreateAsync(Http);

        var (status, body) = await Http.SendAsync(HttpMethod.Post, "/v1/send/batch", tenant.ProjectToken, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(field, body.ErrorField());
    }

    [Fact]
    public async Task A_batch_over_500_emails_is_unprocessable()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var emails = Enumerable.Range(0, 501).Select(i => new { to = $"r{i}@example.org" }).ToArray();

        var (status, body) = await Http.PostAsync("/v1/send/batch", tenant.ProjectToken, new { emails });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("emails", body.ErrorField());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendWithKeyAsync(Tenant tenant, string key, string body, string path = "/v1/send")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tenant.ProjectToken);
        request.Headers.Add("Idempotency-Key", key);
        using var response = await Http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
