using System.Net;
using System.Net.Sockets;
using System.Text;
using Engagement.Contracts.Webhooks;
using Microsoft.Extensions.Options;

namespace Engagement.Grains.Webhooks;

/// <summary>
/// POSTs signed events to receivers. Connections are made only to addresses the policy allows, checked when each
/// connection is opened (so a host re-pointed at an internal address after creation is still refused); no proxy,
/// no redirects, a bounded wait, and only the start of the receiver's answer is read.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const int ResponseBodyLimit = 1024;

    private readonly WebhookAddressPolicy policy;
    private readonly WebhookOptions options;
    private readonly TimeProvider clock;
    private readonly HttpClient http;

    public WebhookSender(WebhookAddressPolicy policy, IOptions<WebhookOptions> options, TimeProvider clock)
    {
        this.policy = policy;
        this.options = options.Value;
        this.clock = clock;
        http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = ConnectAsync,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<DeliveryResult> SendAsync(string url, string eventId, string body, IEnumerable<string> secrets)
    {
        var attemptedAt = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        using var timeout = new CancellationTokenSource(options.Timeout, clock);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var timestamp = attemptedAt.ToUnixTimeSeconds();
        request.Headers.Add("webhook-id", eventId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Header(secrets, eventId, timestamp, body));
        request.Headers.UserAgent.ParseAdd("EngagementWebhooks/1.0");
        string error;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var start = await ReadStartAsync(response, timeout.Token);
            return new DeliveryResult(
                new WebhookAttempt(attemptedAt, (int)response.StatusCode, Milliseconds(started), start, null),
                RetryAfterOf(response));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            error = $"No answer within {options.Timeout.TotalSeconds:0.#} s.";
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookAddressRefusedException refused)
        {
            error = "Not connected: " + refused.Message + ".";
        }
        catch (HttpRequestException e)
        {
            error = "Connection failed: " + e.Message;
        }

        return new DeliveryResult(new WebhookAttempt(attemptedAt, null, Milliseconds(started), null, error), null);
    }

    public void Dispose() => http.Dispose();

    private int Milliseconds(long started) => (int)Math.Min(int.MaxValue, clock.GetElapsedTime(started).TotalMilliseconds);

    private TimeSpan? RetryAfterOf(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - clock.GetUtcNow(),
            _ => null,
        };

    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[ResponseBodyLimit];
        var read = 0;
        int got;
        while (read < buffer.Length && (got = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += got;
        }

        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await WebhookUrlCheck.ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        var httpOnlyInside = context.InitialRequestMessage.RequestUri?.Scheme == Uri.UriSchemeHttp && !options.AllowHttp;
        var permitted = new List<IPAddress>();
        var refusals = new List<string>();
        foreach (var address in addresses)
        {
            var refusal = policy.Refusal(address)
                ?? (httpOnlyInside && !policy.IsInsideAllowedNetworks(address) ? $"{address} is outside the networks http is allowed to" : null);
            if (refusal is null)
            {
                permitted.Add(address);
            }
            else
            {
                refusals.Add(refusal);
            }
        }

        if (permitted.Count == 0)
        {
            throw new WebhookAddressRefusedException(refusals.Count == 0 ? $"{context.DnsEndPoint.Host} has no address" : string.Join("; ", refusals));
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync([.. permitted], context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
