using Engagement.Grains.Classification.Networks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Engagement.Grains.Classification;

public static class ClassificationServices
{
    /// <summary>The signal classifier with its data, and the background refresh of the published ranges.</summary>
    public static IServiceCollection AddClassification(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ClassificationOptions>(configuration.GetSection(ClassificationOptions.Section));
        services.AddSingleton(sp => ClassificationData.LoadUserAgents(sp.GetRequiredService<IOptions<ClassificationOptions>>().Value));
        services.AddSingleton(sp => NetworkCatalog.Load(sp.GetRequiredService<IOptions<ClassificationOptions>>().Value.DataDirectory));
        services.AddSingleton<IObservationClassifier>(sp => ClassificationData.Classifier(
            sp.GetRequiredService<UserAgents.UserAgentAnalyzer>(),
            sp.GetRequiredService<NetworkCatalog>(),
            sp.GetRequiredService<IOptions<ClassificationOptions>>().Value));
        services.AddHostedService(sp => new RangeRefresher(
            sp.GetRequiredService<NetworkCatalog>(),
            sp.GetRequiredService<IOptions<ClassificationOptions>>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RangeRefresher>>()));
        return services;
    }
}
