using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Engagement.Contracts.Configuration;
using Microsoft.Extensions.Configuration;

namespace Engagement.Silo;

/// <summary>The silo's identity and endpoints, read from configuration (appsettings, then environment variables).</summary>
public sealed record SiloSettings(
    string ConnectionString,
    string ClusterId,
    string ServiceId,
    IPAddress AdvertisedAddress,
    int SiloPort,
    int GatewayPort)
{
    public static SiloSettings From(IConfiguration configuration)
    {
        var orleans = configuration.GetSection("Orleans");
        return new SiloSettings(
            DatabaseSettings.ConnectionStringFrom(configuration[DatabaseSettings.UrlVariable]),
            orleans["ClusterId"] ?? ClusterIdentity.DefaultClusterId,
            orleans["ServiceId"] ?? ClusterIdentity.DefaultServiceId,
            AdvertisedAddressFrom(orleans["AdvertisedIP"]),
            PortFrom(orleans, "SiloPort", 11111),
            PortFrom(orleans, "GatewayPort", 30000));
    }

    /// <summary>"auto" picks this machine's first non-loopback IPv4 address, which is what a container needs.</summary>
    private static IPAddress AdvertisedAddressFrom(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return IPAddress.Loopback;
        }

        if (value.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Select(a => a.Address)
                .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? IPAddress.Loopback;
        }

        return IPAddress.TryParse(value, out var address)
            ? address
            : throw new InvalidOperationException($"Orleans:AdvertisedIP '{value}' is neither an IP address nor 'auto'.");
    }

    /// <summary>0 picks a free port, so that several silos can share one machine without planning ports.</summary>
    private static int PortFrom(IConfigurationSection section, string key, int fallback)
    {
        var value = section[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (!int.TryParse(value, out var port) || port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"Orleans:{key} '{value}' is not a port number.");
        }

        return port == 0 ? FreePort() : port;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
