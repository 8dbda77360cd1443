namespace Engagement.Grains.Classification.Networks;

/// <summary>
/// One published network as data (an entry of networks.json): where its prefixes come from, in which of its
/// publisher's formats, and what a hit from it means.
/// </summary>
public sealed record NetworkDefinition
{
    /// <summary>Stable name, also the reason code's suffix: a hit from it reports `ip.{Name}`.</summary>
    public required string Name { get; init; }

    /// <summary>Who runs it, for people reading the catalogue.</summary>
    public string Operator { get; init; } = "";

    /// <summary>What a hit from it suggests; see <see cref="NetworkRoles"/>.</summary>
    public required string Role { get; init; }

    /// <summary>Built-in snapshot, relative to the classification data folder.</summary>
    public required string File { get; init; }

    /// <summary>How <see cref="File"/> and the refreshed copy are written; see <see cref="PublishedRangeFormats"/>.</summary>
    public required string Format { get; init; }

    /// <summary>Where a fresh copy is published; null when the publisher has no feed (third-party lists).</summary>
    public string? Url { get; init; }

    /// <summary>How strongly a hit from it points at its role's class, 0-100.</summary>
    public int Weight { get; init; } = 50;

    /// <summary>`all`, or `clicks` when people's own opens legitimately come from it too (Outlook.com's image proxy).</summary>
    public string Scope { get; init; } = "all";

    /// <summary>The mail proxy it belongs to, for image-proxy networks (`gmail`, `yahoo`).</summary>
    public string? ProxyType { get; init; }

    /// <summary>Where the snapshot's prefixes were taken from.</summary>
    public string Source { get; init; } = "";

    public string ReasonCode => "ip." + Name;

    public bool AppliesTo(bool click) => click || Scope != "clicks";
}
