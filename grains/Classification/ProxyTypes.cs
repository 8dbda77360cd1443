namespace Engagement.Grains.Classification;

/// <summary>The bot object's proxy_type values.</summary>
public static class ProxyTypes
{
    public const string Gmail = "gmail";
    public const string Yahoo = "yahoo";
    public const string AppleMpp = "apple_mpp";
    public const string ApplePrivateRelay = "apple_private_relay";
}
