namespace Engagement.Grains.Webhooks;

public enum AttemptVerdict
{
    Delivered,
    Retry,
    Final,
}

/// <summary>What a receiver's answer means for the delivery.</summary>
public static class AttemptVerdicts
{
    /// <summary>
    /// 2xx delivers; a client error other than 408 and 429 says the receiver will never take this event, so retrying
    /// is pointless; everything else (no answer, timeouts, redirects, 408, 429, 5xx) is worth another try.
    /// </summary>
    public static AttemptVerdict Of(int? statusCode) => statusCode switch
    {
        >= 200 and < 300 => AttemptVerdict.Delivered,
        408 or 429 => AttemptVerdict.Retry,
        >= 400 and < 500 => AttemptVerdict.Final,
        _ => AttemptVerdict.Retry,
    };
}
