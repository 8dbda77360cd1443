namespace Engagement.Api.Auth;

public enum CallerKind
{
    Operator,
    Team,
    Project,
}

/// <summary>Who is calling, as proven by the bearer token: the operator, a team, or one project.</summary>
public sealed record Caller(CallerKind Kind, string Id)
{
    private const string ItemKey = "engagement.caller";

    public static Caller Operator { get; } = new(CallerKind.Operator, "operator");

    /// <summary>Lets endpoints take a Caller parameter; the authentication filter has already put it there.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.Items[ItemKey] as Caller);

    public void AttachTo(HttpContext context) => context.Items[ItemKey] = this;
}
