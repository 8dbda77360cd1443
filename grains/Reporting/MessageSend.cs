namespace Engagement.Grains.Reporting;

/// <summary>One accepted message and its recipients' addresses, in recipient-index order.</summary>
public sealed record MessageSend(
    string MessageId, string ProjectId, string RouteId, string? Tag, IReadOnlyList<string> Recipients, DateTimeOffset SentAt);
