using Engagement.Contracts.Tokens;

namespace Engagement.Contracts.Classification;

/// <summary>A hit described by hand (POST /v1/classify): only what a request can tell, no message around it.</summary>
[GenerateSerializer, Immutable, Alias("engagement.DescribedObservation")]
public sealed record DescribedObservation(
    [property: Id(0)] TrackingKind Kind,
    [property: Id(1)] string Method,
    [property: Id(2)] string? Ip,
    [property: Id(3)] string? UserAgent,
    [property: Id(4)] IReadOnlyDictionary<string, string> Headers,
    [property: Id(5)] double? SecondsAfterSend);
