namespace Engagement.Contracts.Accounts;

/// <summary>A customer organisation: its name, API token hashes and projects. Keyed by team id.</summary>
[Alias("engagement.ITeamGrain")]
public interface ITeamGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<TeamDetails> CreateAsync(string name, string tokenHash);

    [Alias("Get")]
    Task<TeamDetails?> GetAsync();

    [Alias("AcceptsToken")]
    Task<bool> AcceptsTokenAsync(string tokenHash);

    [Alias("AddProject")]
    Task AddProjectAsync(string projectId);
}
