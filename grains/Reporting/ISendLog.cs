namespace Engagement.Grains.Reporting;

/// <summary>
/// Records who a message was sent to, for the "sent" figure and for finding a recipient's messages on erasure.
/// Idempotent by message id: recording a message again changes nothing.
/// </summary>
public interface ISendLog
{
    Task RecordAsync(MessageSend send, CancellationToken cancellationToken = default);
}
