namespace Engagement.Grains.Messages;

/// <summary>The bodies of sent messages, written once at acceptance and read to render recipients' copies.</summary>
public interface IMessageContents
{
    Task SaveAsync(string messageId, string? html, string? text, CancellationToken cancellationToken = default);

    Task<(string? Html, string? Text)> LoadAsync(string messageId, CancellationToken cancellationToken = default);
}
