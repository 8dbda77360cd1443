namespace Engagement.Contracts.Messages;

[GenerateSerializer, Alias("engagement.MessageStatus")]
public enum MessageStatus
{
    Pending = 0,
    Opened = 1,
    Clicked = 2,
}
