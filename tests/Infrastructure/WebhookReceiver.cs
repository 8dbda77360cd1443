using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Engagement.Tests.Infrastructure;

/// <summary>
/// A customer's webhook endpoint on 127.0.0.1: records every POST, checks its Standard Webhooks signature against
/// the secrets it is told, and can be told to fail the next N requests, to answer slowly, or to answer a fixed status.
/// Written from the spec, independently of the platform's signing code.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private int failuresLeft;

    private WebhookReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>The secrets signatures are checked against (a request is verified when any of them signed it).</summary>
    public ConcurrentBag<string> Secrets { get; } = [];

    public int FailureStatus { get; set; } = 503;

    public string? RetryAfter { get; set; }

    /// <summary>When set, every request gets this status (after any configured failures).</summary>
    public int? AlwaysStatus { get; set; }

    public TimeSpan Delay { get; set; }

    public string Url => app.Urls.First() + "/hook";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    public void FailNext(int count) => Interlocked.Exchange(ref failuresLeft, count);

    /// <summary>The events received (each once, by webhook-id), as parsed bodies.</summary>
    public IReadOnlyList<JsonElement> Events() =>
        [.. Received.GroupBy(r => r.Id).Select(g => g.First().Body)];

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers;
        var id = headers["webhook-id"].ToString();
        var timestamp = headers["webhook-timestamp"].ToString();
        var signatures = headers["webhook-signature"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var verifiedBy = Secrets.Where(secret => Verify(secret, id, timestamp, body, headers["webhook-signature"].ToString())).ToList();
        var failing = Interlocked.Decrement(ref failuresLeft) >= 0;
        var status = failing ? FailureStatus : AlwaysStatus ?? 200;
        Received.Enqueue(new ReceivedWebhook(id, timestamp, signatures, verifiedBy, body, JsonDocument.Parse(body).RootElement.Clone(), DateTimeOffset.UtcNow, status));

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        if (failing && RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = RetryAfter;
        }

        context.Response.StatusCode = status;
        await context.Response.WriteAsync(failing ? "failing on purpose" : status == 200 ? "thanks" : "status on purpose");
    }

    // The verification the README shows customers, word for word, so the documented snippet is tested.
    private static bool Verify(string secret, string id, string timestamp, string body, string signatureHeader)
    {
        if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(timestamp)) > 300) return false; // refuse replays of old requests
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        var expected = Encoding.ASCII.GetBytes("v1," + Convert.ToBase64String(mac));
        return signatureHeader.Split(' ').Any(given => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(given), expected));
    }
}

public sealed record ReceivedWebhook(
    string Id, string Timestamp, IReadOnlyList<string> Signatures, IReadOnlyList<string> VerifiedBy, string Raw, JsonElement Body, DateTimeOffset At, int Status);
