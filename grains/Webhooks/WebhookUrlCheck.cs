using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Engagement.Grains.Webhooks;

/// <summary>
/// The check a URL passes before a webhook takes it: https (http only inside the allowed networks or when
/// configured), no credentials, and a host that resolves, to allowed addresses only. Delivery checks the
/// addresses again at every connection, since DNS can change after this.
/// </summary>
public sealed class WebhookUrlCheck(WebhookAddressPolicy policy, IOptions<WebhookOptions> options)
{
    public async Task<string?> RefusalAsync(string url, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
        {
            return "'url' must be an absolute https URL.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "'url' must not carry a user name or password.";
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"'url': the host '{uri.Host}' does not resolve.";
        }

        foreach (var address in addresses)
        {
            if (policy.Refusal(address) is { } refusal)
            {
                return $"'url' resolves to a refused address: {refusal}.";
            }
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !options.Value.AllowHttp && !addresses.All(policy.IsInsideAllowedNetworks))
        {
            return $"'url' must use https; http is accepted only for hosts inside {WebhookOptions.AllowedNetworksVariable}.";
        }

        return addresses.Length == 0 ? $"'url': the host '{uri.Host}' does not resolve." : null;
    }

    public static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var bare = host.Trim('[', ']');
        return IPAddress.TryParse(bare, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(bare, cancellationToken);
    }
}
