namespace Engagement.Grains.Accounts;

/// <summary>Hands out short project ids and remembers which project each tracking host belongs to.</summary>
public interface IProjectHosts
{
    Task<long> RegisterAsync(string projectId, CancellationToken cancellationToken = default);
}
