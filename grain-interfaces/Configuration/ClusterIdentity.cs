namespace Engagement.Contracts.Configuration;

/// <summary>The cluster and service ids silos and API clients use unless configuration says otherwise.</summary>
public static class ClusterIdentity
{
    public const string DefaultClusterId = "engagement";
    public const string DefaultServiceId = "engagement";
}
