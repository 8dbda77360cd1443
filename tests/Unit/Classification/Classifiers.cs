using Engagement.Contracts.Tokens;
using Engagement.Contracts.Tracking;
using Engagement.Grains.Classification;
using Engagement.Grains.Classification.Networks;

namespace Engagement.Tests.Unit.Classification;

/// <summary>The classifier built from the data the build copies beside the tests, loaded once for all unit tests.</summary>
public static class Classifiers
{
    private static readonly Lazy<(SignalClassifier Classifier, NetworkCatalog Networks)> Built = new(() =>
    {
        var options = new ClassificationOptions();
        var networks = NetworkCatalog.Load(options.DataDirectory);
        return (ClassificationData.Classifier(ClassificationData.LoadUserAgents(options), networks, options), networks);
    });

    public static SignalClassifier Default => Built.Value.Classifier;

    public static NetworkCatalog Networks => Built.Value.Networks;

    public static readonly DateTimeOffset SentAt = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    public static Observation Hit(
        TrackingKind kind, string? userAgent, string? ip, double secondsAfterSend = 3600, string method = "GET",
        IReadOnlyDictionary<string, string>? headers = null, int linkIndex = 0) =>
        new(Guid.NewGuid(), kind, "msg", 0, kind == TrackingKind.Click ? linkIndex : 0, SentAt.AddSeconds(secondsAfterSend), method, ip, userAgent,
            headers ?? new Dictionary<string, string>());

    public static (BotVerdict Verdict, ClientProfile Client) Classify(Observation hit, ObservationContext? context = null) =>
        Default.Classify(hit, context ?? new ObservationContext(SentAt, true));
}
