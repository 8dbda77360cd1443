using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Engagement.Bench.Webhooks;

/// <summary>A receiver for any number of webhooks (/hook/{n}) that answers 200 at once and counts distinct event ids.</summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, byte> seen = new();
    private long requests;

    private WebhookSink(WebApplication app) => this.app = app;

    public string BaseUrl => app.Urls.First();

    public int Distinct => seen.Count;

    public long Requests => Interlocked.Read(ref requests);

    public static async Task<WebhookSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var sink = new WebhookSink(app);
        app.MapPost("/hook/{n}", (string n, HttpContext context) =>
        {
            Interlocked.Increment(ref sink.requests);
            sink.seen.TryAdd(n + "/" + context.Request.Headers["webhook-id"], 0);
            return Results.Ok();
        });
        await app.StartAsync();
        return sink;
    }

    public void Reset()
    {
        seen.Clear();
        Interlocked.Exchange(ref requests, 0);
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
