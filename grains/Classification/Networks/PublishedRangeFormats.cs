using System.Text.Json;

namespace Engagement.Grains.Classification.Networks;

/// <summary>
/// Reads IP prefixes out of each publisher's own file format, so a refreshed copy can be used exactly as downloaded.
/// </summary>
public static class PublishedRangeFormats
{
    /// <summary>Apple's iCloud Private Relay egress CSV (RFC 8805 geofeed: `prefix,country,region,city,`).</summary>
    public const string AppleEgressCsv = "apple-egress-csv";

    /// <summary>Google's goog.json / cloud.json: `{"prefixes": [{"ipv4Prefix": ...} | {"ipv6Prefix": ...}]}`.</summary>
    public const string GoogleJson = "google-json";

    /// <summary>AWS ip-ranges.json: `prefixes[].ip_prefix` and `ipv6_prefixes[].ipv6_prefix`.</summary>
    public const string AwsJson = "aws-json";

    /// <summary>Microsoft 365 endpoints web service: an array of endpoint sets, each with an `ips` array.</summary>
    public const string MicrosoftEndpointsJson = "microsoft-endpoints-json";

    /// <summary>One prefix per line, `#` comments (Telegram's cidr.txt, and lists kept by hand from vendors' pages).</summary>
    public const string CidrText = "cidr-text";

    public static bool IsKnown(string format) => format is AppleEgressCsv or GoogleJson or AwsJson or MicrosoftEndpointsJson or CidrText;

    public static IReadOnlyList<string> Read(string format, string text) => format switch
    {
        AppleEgressCsv => [.. Lines(text).Select(line => line.Split(',', 2)[0])],
        CidrText => [.. Lines(text)],
        GoogleJson => ReadJson(text, root => root.GetProperty("prefixes").EnumerateArray()
            .Select(p => p.TryGetProperty("ipv4Prefix", out var v4) ? v4.GetString() : p.TryGetProperty("ipv6Prefix", out var v6) ? v6.GetString() : null)),
        AwsJson => ReadJson(text, root => root.GetProperty("prefixes").EnumerateArray().Select(p => p.GetProperty("ip_prefix").GetString())
            .Concat(root.TryGetProperty("ipv6_prefixes", out var v6) ? v6.EnumerateArray().Select(p => p.GetProperty("ipv6_prefix").GetString()) : [])),
        MicrosoftEndpointsJson => ReadJson(text, root => root.EnumerateArray()
            .SelectMany(set => set.TryGetProperty("ips", out var ips) ? ips.EnumerateArray().Select(ip => ip.GetString()) : [])),
        _ => throw new FormatException($"Unknown range format '{format}'."),
    };

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#'));

    private static IReadOnlyList<string> ReadJson(string text, Func<JsonElement, IEnumerable<string?>> prefixes)
    {
        using var document = JsonDocument.Parse(text);
        return [.. prefixes(document.RootElement).OfType<string>()];
    }
}
