namespace Engagement.Contracts.Tracking;

/// <summary>The device and mail client behind a hit, as far as its user agent tells.</summary>
[GenerateSerializer, Immutable, Alias("engagement.ClientProfile")]
public sealed record ClientProfile(
    [property: Id(0)] string? DeviceType,
    [property: Id(1)] string? ClientType,
    [property: Id(2)] string? ClientName)
{
    public static ClientProfile Unknown { get; } = new(null, null, null);
}
