using System.Net;
using Engagement.Contracts.Tokens;
using Engagement.Contracts.Tracking;
using Engagement.Grains.Classification.Networks;
using Engagement.Grains.Classification.UserAgents;

namespace Engagement.Grains.Classification.Signals;

/// <summary>A hit with everything looked up that the scorers read: the user agent's facts and the address's networks.</summary>
public sealed record HitFacts(
    Observation Observation,
    ObservationContext Context,
    UserAgentFacts UserAgent,
    IPAddress? Address,
    IReadOnlyList<NetworkDefinition> Networks)
{
    public bool Click => Observation.Kind == TrackingKind.Click;

    /// <summary>A stable name for where the hit came from, for burst and trap memory.</summary>
    public static string SourceOf(Observation observation) => SourceOf(observation.ClientIp, observation.UserAgent);

    /// <summary>Who made a hit, as far as a hit tells: its client address and user agent together.</summary>
    public static string SourceOf(string? clientIp, string? userAgent) => $"{clientIp}|{userAgent}";

    /// <summary>Whether <paramref name="source"/> is this hit's source, without building the hit's own (a string per hit).</summary>
    public static bool SameSource(string source, Observation observation)
    {
        var clientIp = observation.ClientIp ?? "";
        var userAgent = observation.UserAgent ?? "";
        return source.Length == clientIp.Length + 1 + userAgent.Length
            && source[clientIp.Length] == '|'
            && source.StartsWith(clientIp, StringComparison.Ordinal)
            && source.EndsWith(userAgent, StringComparison.Ordinal);
    }

    // Header names are case-insensitive on the wire, whatever comparer the observation's dictionary arrived with.
    private readonly Dictionary<string, string> headers = CaseInsensitive(Observation.Headers);

    public string? Header(string name) => headers.GetValueOrDefault(name);

    public bool HasHeader(string name) => headers.ContainsKey(name);

    public bool InRole(string role) => Networks.Any(n => n.Role == role && n.AppliesTo(Click));

    private static Dictionary<string, string> CaseInsensitive(IReadOnlyDictionary<string, string> source)
    {
        // The API builds it case-insensitive, and a dictionary's comparer survives the trip to the silo: no copy then.
        if (source is Dictionary<string, string> dictionary && dictionary.Comparer.Equals(StringComparer.OrdinalIgnoreCase))
        {
            return dictionary;
        }

        var copy = new Dictionary<string, string>(source.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in source)
        {
            copy[name] = value;
        }

        return copy;
    }
}
