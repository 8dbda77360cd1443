namespace Engagement.Contracts.Tokens;

public enum TokenStatus
{
    Valid,

    /// <summary>Genuine but past its expiry: the hit is still answered (a click still lands) but not recorded.</summary>
    Expired,

    /// <summary>Malformed, truncated, tampered, or sealed with a key we do not hold.</summary>
    Invalid,
}

public readonly record struct TokenReadResult(TokenStatus Status, TrackingClaims? Claims)
{
    public static TokenReadResult Invalid { get; } = new(TokenStatus.Invalid, null);
}
