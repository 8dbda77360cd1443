using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Engagement.Bench.Load;

/// <summary>The yardstick: Kestrel answering the same 302 and GIF with no work at all.</summary>
public static class BareRedirectServer
{
    public static async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var gif = new byte[43];
        app.MapGet("/c/{token}", (HttpContext context) =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = "https://shop.example/products/1?ref=newsletter";
            return Task.CompletedTask;
        });
        app.MapGet("/o/{token}", (HttpContext context) =>
        {
            context.Response.ContentType = "image/gif";
            return context.Response.Body.WriteAsync(gif).AsTask();
        });
        await app.StartAsync();
        return app;
    }
}
