namespace Engagement.Contracts.Accounts;

[GenerateSerializer, Alias("engagement.RouteType")]
public enum RouteType
{
    Transactional = 0,
    Broadcast = 1,
    Inbound = 2,
}
