using Engagement.Contracts.Tokens;

namespace Engagement.Api.Tracking;

/// <summary>
/// The recipient-facing endpoints. They answer no matter what: a genuine hit is recorded (durably, or spooled)
/// before the answer; an expired one is answered without recording; a forged one never redirects anywhere the
/// project did not sign or configure.
/// </summary>
public static class TrackingEndpoints
{
    public static void MapTrackingEndpoints(this WebApplication app)
    {
        app.MapGet("/o/{token}", OpenAsync).ExcludeFromDescription();
        app.MapMethods("/c/{token}", [HttpMethods.Get, HttpMethods.Head], ClickAsync).ExcludeFromDescription();
    }

    private static async Task OpenAsync(string token, HttpContext context, TrackingTokenCodec codec, HitRecorder recorder, TimeProvider clock)
    {
        var read = codec.Decode(token);
        if (read is { Status: TokenStatus.Valid, Claims.Kind: TrackingKind.Open })
        {
            await recorder.RecordAsync(HitObservation.From(context, read.Claims, clock.GetUtcNow()));
        }

        var headers = context.Response.Headers;
        headers.CacheControl = "no-store, no-cache, must-revalidate, private";
        headers.Pragma = "no-cache";
        headers.Expires = "0";
        context.Response.ContentType = "image/gif";
        context.Response.ContentLength = TransparentGif.Bytes.Length;
        await context.Response.Body.WriteAsync(TransparentGif.Bytes);
    }

    private static async Task ClickAsync(string token, HttpContext context, TrackingTokenCodec codec, HitRecorder recorder, ClickFallbacks fallbacks, TimeProvider clock)
    {
        var read = codec.Decode(token);
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        if (read is { Status: TokenStatus.Valid or TokenStatus.Expired, Claims: { Kind: TrackingKind.Click, DestinationUrl: not null } claims })
        {
            if (read.Status == TokenStatus.Valid)
            {
                await recorder.RecordAsync(HitObservation.From(context, claims, clock.GetUtcNow()));
            }

            Redirect(context, claims.DestinationUrl);
            return;
        }

        var fallback = await fallbacks.ForHostAsync(context.Request.Host.Host);
        if (fallback is not null)
        {
            Redirect(context, fallback);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Link not found</title></head><body><p>This link is not valid. Please check the email it came from.</p></body></html>");
    }

    private static void Redirect(HttpContext context, string destination)
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = LocationHeader.From(destination);
    }
}
