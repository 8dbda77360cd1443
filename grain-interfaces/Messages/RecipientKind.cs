namespace Engagement.Contracts.Messages;

[GenerateSerializer, Alias("engagement.RecipientKind")]
public enum RecipientKind
{
    To = 0,
    Cc = 1,
    Bcc = 2,
}
