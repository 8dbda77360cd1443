using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Engagement.Bench.Load;

/// <summary>
/// The yardstick: Kestrel answering the same 302 and GIF with no work at all, or, given <paramref name="durability"/>,
/// with no work but waiting for what a hit writes to be flushed.
/// </summary>
public static class BareRedirectServer
{
    public static async Task<WebApplication> StartAsync(FlushedAppends? durability = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var gif = new byte[43];
        app.MapGet("/c/{token}", async (HttpContext context) =>
        {
            await (durability?.AppendAsync() ?? Task.CompletedTask);
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = "https://shop.example/products/1?ref=newsletter";
        });
        app.MapGet("/o/{token}", async (HttpContext context) =>
        {
            await (durability?.AppendAsync() ?? Task.CompletedTask);
            context.Response.ContentType = "image/gif";
            await context.Response.Body.WriteAsync(gif);
        });
        await app.StartAsync();
        return app;
    }
}
