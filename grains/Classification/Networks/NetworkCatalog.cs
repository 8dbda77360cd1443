using System.Net;
using System.Text.Json;

namespace Engagement.Grains.Classification.Networks;

/// <summary>
/// Every published network with its current prefixes. Lookups read an immutable array of sets; a refresh swaps one
/// set in, so a hit never waits for a download or sees a half-built set.
/// </summary>
public sealed class NetworkCatalog
{
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly Lock swapping = new();
    private volatile NetworkRanges[] networks;

    public NetworkCatalog(IEnumerable<NetworkRanges> networks)
    {
        this.networks = [.. networks];
    }

    public IReadOnlyList<NetworkRanges> Networks => networks;

    /// <summary>Reads networks.json and each network's built-in snapshot from the classification data folder.</summary>
    public static NetworkCatalog Load(string dataDirectory)
    {
        var definitions = ReadDefinitions(File.ReadAllText(Path.Combine(dataDirectory, "networks.json")));
        return new NetworkCatalog(definitions.Select(d =>
        {
            var ranges = Parse(d, File.ReadAllText(Path.Combine(dataDirectory, d.File)));
            return new NetworkRanges(d, ranges);
        }));
    }

    public static IReadOnlyList<NetworkDefinition> ReadDefinitions(string json)
    {
        var definitions = JsonSerializer.Deserialize<NetworkDefinition[]>(json, SnakeCase)
            ?? throw new FormatException("networks.json holds no networks.");
        foreach (var d in definitions)
        {
            if (!NetworkRoles.IsKnown(d.Role) || !PublishedRangeFormats.IsKnown(d.Format))
            {
                throw new FormatException($"Network '{d.Name}' has an unknown role '{d.Role}' or format '{d.Format}'.");
            }
        }

        return definitions;
    }

    /// <summary>Reads a network's file in its publisher's format; a file with no valid prefix at all is refused.</summary>
    public static IpRangeSet Parse(NetworkDefinition definition, string text)
    {
        var prefixes = PublishedRangeFormats.Read(definition.Format, text);
        var set = IpRangeSet.From(prefixes, out var rejected);
        if (set.RangeCount == 0 || rejected > prefixes.Count / 10)
        {
            throw new FormatException($"The ranges of '{definition.Name}' have {rejected} invalid prefixes of {prefixes.Count}.");
        }

        return set;
    }

    /// <summary>The networks the address belongs to, in catalogue order.</summary>
    public IReadOnlyList<NetworkDefinition> Match(IPAddress address)
    {
        List<NetworkDefinition>? matched = null;
        foreach (var network in networks)
        {
            if (network.Ranges.Contains(address))
            {
                (matched ??= []).Add(network.Definition);
            }
        }

        return matched ?? (IReadOnlyList<NetworkDefinition>)[];
    }

    public void Replace(string name, IpRangeSet ranges)
    {
        lock (swapping)
        {
            networks = [.. networks.Select(n => n.Definition.Name == name ? n with { Ranges = ranges } : n)];
        }
    }
}
