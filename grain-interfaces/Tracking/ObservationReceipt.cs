namespace Engagement.Contracts.Tracking;

/// <summary>What the message grain did with an observation, once it is durable.</summary>
[GenerateSerializer, Alias("engagement.ObservationReceipt")]
public enum ObservationReceipt
{
    Recorded = 0,

    /// <summary>Already recorded (a replay from the API's spool); nothing new was written.</summary>
    Duplicate = 1,

    /// <summary>No such message or recipient, or an erased one: the token was genuine, and nothing was recorded.</summary>
    UnknownMessage = 2,

    /// <summary>
    /// The engagement log refused the observation's data (a value PostgreSQL cannot store): nothing was recorded, and
    /// trying again would be refused again.
    /// </summary>
    Refused = 3,
}
