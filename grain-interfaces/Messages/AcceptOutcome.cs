namespace Engagement.Contracts.Messages;

/// <summary>The answer to a send: the message and its status, or why it was refused.</summary>
[GenerateSerializer, Immutable, Alias("engagement.AcceptOutcome")]
public sealed record AcceptOutcome(
    [property: Id(0)] string MessageId,
    [property: Id(1)] MessageStatus Status,
    [property: Id(2)] AcceptRefusal? Refusal)
{
    public static AcceptOutcome Accepted(string messageId, MessageStatus status) => new(messageId, status, null);

    public static AcceptOutcome Refused(string messageId, AcceptRefusal refusal) => new(messageId, MessageStatus.Pending, refusal);
}

[GenerateSerializer, Alias("engagement.AcceptRefusal")]
public enum AcceptRefusal
{
    /// <summary>The idempotency key was already used for a different request.</summary>
    IdempotencyKeyReused = 0,

    /// <summary>The route vanished or belongs to another project.</summary>
    UnknownRoute = 1,

    /// <summary>Inbound routes never send tracked mail.</summary>
    InboundRoute = 2,
}
