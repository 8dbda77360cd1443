using Engagement.Grains.Classification.Networks;

namespace Engagement.Grains.Classification.Signals;

/// <summary>
/// What the address says, read together with the user agent where one means little without the other: Apple's relay
/// carries both Mail Privacy Protection and people's Safari; a webmail proxy's agent must come from its network.
/// </summary>
public sealed class NetworkSignals : ISignalScorer
{
    public void Score(HitFacts hit, List<Evidence> evidence)
    {
        var ua = hit.UserAgent;
        foreach (var network in hit.Networks)
        {
            if (!network.AppliesTo(hit.Click))
            {
                continue;
            }

            switch (network.Role)
            {
                case NetworkRoles.AppleRelay:
                    evidence.Add(ua.Browser || ua.Pattern?.ClientType == "email_client" && ua.Pattern.Code != "ua.bare_mozilla"
                        ? new Evidence(network.ReasonCode, BotClasses.Genuine, network.Weight, ProxyTypes.ApplePrivateRelay)
                        : new Evidence(network.ReasonCode, hit.Click ? BotClasses.GenericBot : BotClasses.PrivacyProxy, network.Weight, ProxyTypes.AppleMpp));
                    break;
                case NetworkRoles.MailProxy when ua.Pattern?.ProxyType == network.ProxyType:
                    evidence.Add(new Evidence(network.ReasonCode, ua.Pattern!.ClassFor(hit.Click), network.Weight, network.ProxyType));
                    break;
                case NetworkRoles.MailSecurity:
                    evidence.Add(new Evidence(network.ReasonCode, BotClasses.SecurityScanner, network.Weight));
                    break;
                case NetworkRoles.LinkPreview:
                    evidence.Add(new Evidence(network.ReasonCode, BotClasses.LinkPreviewBot, network.Weight));
                    break;
                case NetworkRoles.Datacenter when ua.Browser || ua.Pattern?.ClientType == "email_client":
                    // People do not browse from cloud machines; scanners and scripts wearing a browser's agent do.
                    evidence.Add(new Evidence(network.ReasonCode, BotClasses.Suspicious, network.Weight));
                    break;
            }
        }

        // A webmail proxy's agent from outside its network is someone wearing it.
        if (hit.Address is not null && ua.Pattern is { ProxyType: ProxyTypes.Gmail or ProxyTypes.Yahoo } proxy
            && !hit.Networks.Any(n => n.Role == NetworkRoles.MailProxy && n.ProxyType == proxy.ProxyType))
        {
            evidence.Add(new Evidence("ua.spoofed_proxy", BotClasses.Suspicious, 95));
        }
    }
}
