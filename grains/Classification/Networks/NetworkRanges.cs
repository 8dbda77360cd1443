namespace Engagement.Grains.Classification.Networks;

/// <summary>A network and the prefixes currently believed to be its.</summary>
public sealed record NetworkRanges(NetworkDefinition Definition, IpRangeSet Ranges);
