using Engagement.Contracts.Accounts;
using Engagement.Grains.Storage;

namespace Engagement.Grains.Accounts;

[GrainType("team")]
public sealed class TeamGrain(
    [PersistentState(StorageNames.Team, StorageNames.Provider)] IPersistentState<TeamState> team,
    TimeProvider clock) : Grain, ITeamGrain
{
    async Task<TeamDetails> ITeamGrain.CreateAsync(string name, string tokenHash)
    {
        if (team.RecordExists)
        {
            throw new InvalidOperationException($"Team {this.GetPrimaryKeyString()} already exists.");
        }

        team.State = new TeamState { Name = name, CreatedAt = clock.GetUtcNow(), TokenHashes = [tokenHash] };
        await team.WriteStateAsync();
        return Details();
    }

    Task<TeamDetails?> ITeamGrain.GetAsync() => Task.FromResult(team.RecordExists ? Details() : null);

    Task<bool> ITeamGrain.AcceptsTokenAsync(string tokenHash) =>
        Task.FromResult(team.RecordExists && TokenHashes.Contains(team.State.TokenHashes, tokenHash));

    async Task ITeamGrain.AddProjectAsync(string projectId)
    {
        if (!team.State.ProjectIds.Contains(projectId))
        {
            team.State.ProjectIds.Add(projectId);
            await team.WriteStateAsync();
        }
    }

    private TeamDetails Details() =>
        new(this.GetPrimaryKeyString(), team.State.Name, team.State.CreatedAt, [.. team.State.ProjectIds]);
}
