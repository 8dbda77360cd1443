namespace Engagement.Contracts.Privacy;

/// <summary>Erases a recipient's tracking data within one project. Stateless: any activation will do.</summary>
[Alias("engagement.IErasureGrain")]
public interface IErasureGrain : IGrainWithIntegerKey
{
    [Alias("EraseRecipient")]
    Task<ErasureReport> EraseRecipientAsync(string projectId, string recipient);
}
