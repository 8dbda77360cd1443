using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Engagement.Grains.Webhooks;

/// <summary>Registers what webhook grains use: options, the address policy, the URL check, the sender and the delivery log.</summary>
public static class WebhookServices
{
    public static IServiceCollection AddWebhookDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.PostConfigure<WebhookOptions>(o =>
        {
            if (configuration[WebhookOptions.AllowedNetworksVariable] is { Length: > 0 } networks)
            {
                o.AllowedNetworks = networks;
            }
        });
        services.AddSingleton(sp => WebhookAddressPolicy.Parse(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowedNetworks));
        services.AddSingleton<WebhookUrlCheck>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<DeliveryLog>();
        return services;
    }
}
