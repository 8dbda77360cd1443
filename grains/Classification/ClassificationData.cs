using Engagement.Grains.Classification.Networks;
using Engagement.Grains.Classification.Signals;
using Engagement.Grains.Classification.UserAgents;

namespace Engagement.Grains.Classification;

/// <summary>Builds the classifier from the data folder: user-agent databases, network catalogue and the scorers.</summary>
public static class ClassificationData
{
    public static UserAgentAnalyzer LoadUserAgents(ClassificationOptions options) => new(
        EmailUserAgentPatterns.Load(File.ReadAllText(Path.Combine(options.DataDirectory, "user-agents.json"))),
        CrawlerPatterns.Load(File.ReadAllText(Path.Combine(options.DataDirectory, "crawler-user-agents.json"))),
        UapParser.Load(File.ReadAllText(Path.Combine(options.DataDirectory, "regexes.yaml"))),
        options.UserAgentCacheSize);

    public static SignalClassifier Classifier(UserAgentAnalyzer userAgents, NetworkCatalog networks, ClassificationOptions options) =>
        new(userAgents, networks,
        [
            new UserAgentSignals(options),
            new NetworkSignals(),
            new RequestSignals(),
            new TimingSignals(options),
            new MessageContextSignals(options),
        ]);
}
