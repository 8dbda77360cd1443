using Engagement.Api.Http;
using Engagement.Contracts.Messages;

namespace Engagement.Api.Sending;

/// <summary>The outcome of sending one email: accepted with its id and status, or refused with a problem.</summary>
public sealed record SendResult(string? MessageId, MessageStatus? Status, SendProblem? Problem)
{
    public static SendResult Accepted(string messageId, MessageStatus status) => new(messageId, status, null);

    public static SendResult Refused(SendProblem problem) => new(null, null, problem);

    public int HttpStatus => Problem?.Status ?? StatusCodes.Status202Accepted;

    public object Body => Problem is null
        ? new { message_id = MessageId, status = StatusWord(Status!.Value) }
        : new { error = Problem.Error };

    public static string StatusWord(MessageStatus status) => status.ToString().ToLowerInvariant();
}
