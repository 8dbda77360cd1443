using System.Net;
using System.Text.Json;
using Engagement.Tests.Infrastructure;

namespace Engagement.Tests.Http;

/// <summary>A query or path value that cannot be read as its parameter's type is a 400 naming the parameter.</summary>
public sealed class MalformedParameterTests(RunningSystem system) : IClassFixture<RunningSystem>
{
    private static readonly string[] HttpMethods = ["get", "post", "put", "patch", "delete"];

    private HttpClient Http => system.Http;

    [Theory]
    [InlineData("/v1/webhooks/whk_0/deliveries?limit=abc", "limit", "'limit' must be a whole number.")]
    [InlineData("/v1/webhooks/whk_0/deliveries?limit=1.5", "limit", "'limit' must be a whole number.")]
    [InlineData("/v1/webhooks/whk_0/deliveries?limit=99999999999", "limit", "'limit' must be a whole number.")]
    [InlineData("/v1/messages/msg_0/events?include_machine=yes", "include_machine", "'include_machine' must be true or false.")]
    [InlineData("/v1/messages/msg_0/events?include_machine=1", "include_machine", "'include_machine' must be true or false.")]
    [InlineData("/v1/stats/links?include_machine=yes", "include_machine", "'include_machine' must be true or false.")]
    public async Task A_malformed_value_is_a_400_naming_the_parameter(string path, string field, string message)
    {
        var tenant = await Tenant.CreateAsync(Http);

        var (status, body) = await Http.GetAsync(path, tenant.ProjectToken);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request", body.GetProperty("error").Text("code"));
        Assert.Equal(field, body.ErrorField());
        Assert.Equal(message, body.GetProperty("error").Text("message"));
    }

    [Fact]
    public async Task Every_typed_query_or_path_parameter_the_api_documents_refuses_a_malformed_value_by_name()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var (_, document) = await Http.GetAsync("/openapi/v1.json", null);
        var refused = new List<string>();

        foreach (var (method, typed, url) in DocumentedParameters(document, "not-a-value").Where(p => IsTyped(p.Parameter)))
        {
            var name = typed.Text("name");

            var (status, body) = await Http.SendAsync(method, url, tenant.ProjectToken);

            Assert.True(status == HttpStatusCode.BadRequest, $"{method} {url}: {status} {body}");
            Assert.Equal(name, body.ErrorField());
            refused.Add(name);
        }

        Assert.Contains("limit", refused);
        Assert.Contains("include_machine", refused);
    }

    [Fact]
    public async Task No_query_or_path_parameter_the_api_documents_fails_on_a_nul_character()
    {
        var tenant = await Tenant.CreateAsync(Http);
        var (_, document) = await Http.GetAsync("/openapi/v1.json", null);
        var tried = new List<string>();

        // PostgreSQL's text cannot hold a NUL, so a value that reached a query unchecked would be a 5xx. Kestrel refuses
        // one in a path itself; a query value reaches the endpoint.
        foreach (var (method, parameter, url) in DocumentedParameters(document, "a%00b"))
        {
            var (status, body) = await Http.SendAsync(method, url, tenant.ProjectToken);

            Assert.True((int)status < 500, $"{method} {url}: {status} {body}");
            tried.Add(parameter.Text("name"));
        }

        Assert.Contains("tag", tried);
        Assert.Contains("route", tried);
    }

    private static bool IsTyped(JsonElement parameter)
    {
        if (!parameter.TryGetProperty("schema", out var schema) || !schema.TryGetProperty("type", out var type))
        {
            return false;
        }

        var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList() : [type.GetString()];
        return !types.Contains("string");
    }

    /// <summary>
    /// Every query or path parameter of every documented operation, with the URL that gives it <paramref name="value"/>.
    /// Every other path parameter gets a harmless id: the value is refused before any lookup.
    /// </summary>
    private static IEnumerable<(HttpMethod Method, JsonElement Parameter, string Url)> DocumentedParameters(JsonElement document, string value)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => HttpMethods.Contains(o.Name)))
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
                foreach (var parameter in parameters.Where(p => p.Text("in") is "query" or "path"))
                {
                    var name = parameter.Text("name");
                    var url = path.Name;
                    foreach (var pathParameter in parameters.Where(p => p.Text("in") == "path"))
                    {
                        var placeholder = "{" + pathParameter.Text("name") + "}";
                        url = url.Replace(placeholder, pathParameter.Text("name") == name ? value : "x0", StringComparison.Ordinal);
                    }

                    yield return (new HttpMethod(operation.Name.ToUpperInvariant()), parameter, parameter.Text("in") == "query" ? $"{url}?{name}={value}" : url);
                }
            }
        }
    }
}
