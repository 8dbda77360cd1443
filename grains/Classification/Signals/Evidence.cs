namespace Engagement.Grains.Classification.Signals;

/// <summary>One signal that fired: its reason code, the class it points at, how strongly (0-100), and a proxy type if it names one.</summary>
public readonly record struct Evidence(string Code, string Class, int Weight, string? ProxyType = null);
