namespace Engagement.Grains.Classification.Networks;

/// <summary>What a network's addresses mean for a hit coming from them.</summary>
public static class NetworkRoles
{
    /// <summary>Apple's iCloud Private Relay egress: an Apple device, either Mail Privacy Protection or a person's Safari.</summary>
    public const string AppleRelay = "apple_relay";

    /// <summary>A webmail provider's image proxy (Gmail, Yahoo): a person's open relayed by their mail service.</summary>
    public const string MailProxy = "mail_proxy";

    /// <summary>A mail-security gateway that fetches links and images to scan them.</summary>
    public const string MailSecurity = "mail_security";

    /// <summary>A messenger or social network that fetches links to build previews.</summary>
    public const string LinkPreview = "link_preview";

    /// <summary>Cloud and hosting space: no person browses from there, though scanners and scripts run there.</summary>
    public const string Datacenter = "datacenter";

    public static bool IsKnown(string role) => role is AppleRelay or MailProxy or MailSecurity or LinkPreview or Datacenter;
}
