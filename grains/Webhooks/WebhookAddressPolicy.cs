using System.Net;
using System.Net.Sockets;

namespace Engagement.Grains.Webhooks;

/// <summary>
/// Which addresses webhook deliveries may connect to (SSRF defence). Public addresses are fine. Loopback, private,
/// CGNAT, unique-local and reserved ranges are refused unless inside an operator's allowed network. Link-local,
/// unspecified and cloud metadata addresses are refused always, allowed networks or not.
/// </summary>
public sealed class WebhookAddressPolicy(IReadOnlyList<IPNetwork> allowedNetworks)
{
    private static readonly IPNetwork[] NeverAllowed =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("100.100.100.200/32"),
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("255.255.255.255/32"),
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("fd00:ec2::254/128"),
        IPNetwork.Parse("ff00::/8"),
    ];

    private static readonly IPNetwork[] Private =
    [
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fec0::/10"),
        IPNetwork.Parse("2001:db8::/32"),
    ];

    // IPv6 forms that carry an IPv4 address a packet may end up at: NAT64 and 6to4.
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    public static WebhookAddressPolicy Parse(string? networks)
    {
        var allowed = new List<IPNetwork>();
        foreach (var text in (networks ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            allowed.Add(IPNetwork.TryParse(text, out var network)
                ? network
                : IPAddress.TryParse(text, out var single)
                    ? new IPNetwork(single, single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
                    : throw new FormatException($"{WebhookOptions.AllowedNetworksVariable}: '{text}' is not a CIDR range or an IP address."));
        }

        return new WebhookAddressPolicy(allowed);
    }

    /// <summary>Why a connection to this address is refused, or null when it is allowed.</summary>
    public string? Refusal(IPAddress address)
    {
        var targets = Targets(address);
        if (targets.Any(a => NeverAllowed.Any(n => n.Contains(a))))
        {
            return $"{address} is a link-local, unspecified, multicast or cloud metadata address";
        }

        if (targets.Any(a => Private.Any(n => n.Contains(a)) && !IsInsideAllowedNetworks(a)))
        {
            return $"{address} is a loopback, private or reserved address";
        }

        return null;
    }

    public bool IsInsideAllowedNetworks(IPAddress address) =>
        Targets(address).All(a => allowedNetworks.Any(n => n.Contains(a)));

    private static IPAddress[] Targets(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return [address.MapToIPv4()];
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            if (Nat64.Contains(address))
            {
                return [address, new IPAddress(bytes.AsSpan(12, 4))];
            }

            if (SixToFour.Contains(address))
            {
                return [address, new IPAddress(bytes.AsSpan(2, 4))];
            }
        }

        return [address];
    }
}
