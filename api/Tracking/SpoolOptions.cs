namespace Engagement.Api.Tracking;

public sealed class SpoolOptions
{
    public const string Section = "Spool";

    /// <summary>Where hits wait while the cluster or database is unreachable; must survive a process restart.</summary>
    public string Directory { get; set; } = "spool";

    public TimeSpan ReplayInterval { get; set; } = TimeSpan.FromSeconds(5);
}
