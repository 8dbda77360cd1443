using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Engagement.Tests.Infrastructure;

/// <summary>Small conveniences for talking JSON to the API the way a customer's backend does.</summary>
public static class ApiCalls
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(
        this HttpClient http, HttpMethod method, string path, string? token, string? json = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body);
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(this HttpClient http, string path, string? token, object body) =>
        http.SendAsync(HttpMethod.Post, path, token, JsonSerializer.Serialize(body));

    public static Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(this HttpClient http, string path, string? token) =>
        http.SendAsync(HttpMethod.Get, path, token);

    public static string Text(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    public static string ErrorField(this JsonElement body) => body.GetProperty("error").GetProperty("field").GetString()!;

    /// <summary>A click on a tracking link as it arrives at a project's own tracking host.</summary>
    public static async Task<HttpResponseMessage> ClickOnHostAsync(this HttpClient http, string token, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/c/{token}");
        request.Headers.Host = host;
        return await http.SendAsync(request);
    }
}
