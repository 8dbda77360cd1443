using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Engagement.Api.Tracking;

/// <summary>
/// X-Forwarded-For is believed only from the proxies the operator names (Tracking:TrustedProxies, IPs or CIDRs);
/// anyone else could otherwise pick the client address classification sees. Unset, only loopback is trusted,
/// which suits a development machine with a local proxy.
/// </summary>
public static class TrustedProxies
{
    public static void Configure(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
        var configured = configuration.GetSection("Tracking:TrustedProxies").Get<string[]>();
        if (configured is null)
        {
            return;
        }

        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in configured)
        {
            if (System.Net.IPNetwork.TryParse(entry, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                options.KnownProxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException($"Tracking:TrustedProxies entry '{entry}' is neither an IP address nor a CIDR network.");
            }
        }
    }
}
