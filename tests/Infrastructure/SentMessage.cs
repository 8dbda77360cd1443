using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Engagement.Tests.Infrastructure;

/// <summary>A message sent through the API, with each recipient's open token, click tokens of its real links in link
/// order, and the token of its honeypot link (null when the copy has none).</summary>
public sealed partial record SentMessage(
    string Id, IReadOnlyList<string> OpenTokens, IReadOnlyList<IReadOnlyList<string>> ClickTokens, IReadOnlyList<string?> TrapTokens)
{
    public static async Task<SentMessage> SendAsync(HttpClient http, Tenant tenant, string html, params string[] recipients)
    {
        var routeId = tenant.Project.GetProperty("routes")[0].Text("id");
        await http.SendAsync(HttpMethod.Patch, $"/v1/routes/{routeId}", tenant.TeamToken, """{"track_opens": true, "track_clicks": true}""");
        var (status, accepted) = await http.PostAsync("/v1/send", tenant.ProjectToken, new { from = "shop@shop.example", to = recipients, subject = "Hello", html });
        Assert.Equal(HttpStatusCode.Accepted, status);
        var id = accepted.Text("message_id");
        var (_, message) = await http.GetAsync($"/v1/messages/{id}", tenant.ProjectToken);
        var copies = message.GetProperty("recipients").EnumerateArray().Select(r => r.Text("html")).ToList();
        return new SentMessage(
            id,
            [.. copies.Select(html => OpenToken().Match(html).Groups[1].Value)],
            [.. copies.Select(html => (IReadOnlyList<string>)[.. ClickToken().Matches(html).Select(m => m.Groups[1].Value).Where(t => t != TrapToken(html))])],
            [.. copies.Select(TrapToken)]);
    }

    public static async Task<JsonElement> ReadAsync(HttpClient http, Tenant tenant, string messageId)
    {
        var (_, message) = await http.GetAsync($"/v1/messages/{messageId}", tenant.ProjectToken);
        return message;
    }

    private static string? TrapToken(string html) => TrapLink().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("<a href=\"[^\"]*/c/([A-Za-z0-9_-]+)\" tabindex=\"-1\" aria-hidden=\"true\"")]
    private static partial Regex TrapLink();

    [GeneratedRegex("/o/([A-Za-z0-9_-]+)")]
    private static partial Regex OpenToken();

    [GeneratedRegex("/c/([A-Za-z0-9_-]+)")]
    private static partial Regex ClickToken();
}
