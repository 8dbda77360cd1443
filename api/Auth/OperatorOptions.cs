namespace Engagement.Api.Auth;

public sealed class OperatorOptions
{
    /// <summary>The operator's token (configuration key ADMIN_TOKEN); empty disables operator endpoints.</summary>
    public string AdminToken { get; set; } = "";
}
