namespace Engagement.Grains.Messages;

/// <summary>
/// The bodies of sent messages, written once at acceptance and read to render recipients' copies; an erasure alone
/// rewrites them.
/// </summary>
public interface IMessageContents
{
    Task SaveAsync(string messageId, string? html, string? text, CancellationToken cancellationToken = default);

    Task<(string? Html, string? Text)> LoadAsync(string messageId, CancellationToken cancellationToken = default);

    Task OverwriteAsync(string messageId, string? html, string? text, CancellationToken cancellationToken = default);
}
