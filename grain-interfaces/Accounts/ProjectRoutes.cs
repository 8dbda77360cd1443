namespace Engagement.Contracts.Accounts;

public static class ProjectRoutes
{
    /// <summary>The transactional route every project starts with; mail that names no route goes through it.</summary>
    public const string DefaultSlug = "default";
}
