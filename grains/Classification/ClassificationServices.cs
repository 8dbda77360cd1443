using Engagement.Grains.Classification.Networks;
using Engagement.Grains.Classification.UserAgents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Grains.Classification;

public static class ClassificationServices
{
    /// <summary>The signal classifier with its data, and the background refresh of the published ranges.</summary>
    public static IServiceCollection AddClassification(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ClassificationOptions>(configuration.GetSection(ClassificationOptions.Section));
        services.AddSingleton(sp => ClassificationData.LoadUserAgents(Options(sp)));
        services.AddSingleton(sp => NetworkCatalog.Load(Options(sp).DataDirectory));
        services.AddSingleton<IObservationClassifier>(sp =>
            ClassificationData.Classifier(sp.GetRequiredService<UserAgentAnalyzer>(), sp.GetRequiredService<NetworkCatalog>(), Options(sp)));
        services.AddHostedService(sp => new RangeRefresher(
            sp.GetRequiredService<NetworkCatalog>(),
            sp.GetRequiredService<IOptions<ClassificationOptions>>(),
            sp.GetRequiredService<ILogger<RangeRefresher>>()));
        return services;
    }

    private static ClassificationOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptions<ClassificationOptions>>().Value;
}
