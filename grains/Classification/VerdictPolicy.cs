using Engagement.Contracts.Tracking;
using Engagement.Grains.Classification.Signals;

namespace Engagement.Grains.Classification;

/// <summary>
/// Weighs the evidence into the bot object. Evidence for one class combines like independent probabilities
/// (two signals of 50 make 75); the class with the highest score of at least <see cref="Decisive"/> wins. With no
/// decisive class a click carrying some machine evidence is an unverified click, anything else is genuine.
/// </summary>
public static class VerdictPolicy
{
    public const int Decisive = 50;
    public const int Doubtful = 25;

    // On equal scores the more specific class wins.
    private static readonly string[] Precedence =
    [
        BotClasses.LinkPreviewBot, BotClasses.ImageProxy, BotClasses.PrivacyProxy, BotClasses.GenericBot,
        BotClasses.SecurityScanner, BotClasses.Suspicious, BotClasses.Genuine,
    ];

    public static BotVerdict Decide(IReadOnlyList<Evidence> evidence, bool click)
    {
        // A plain loop over seven classes: this runs for every hit, and a dictionary with LINQ over it was 3 % of the
        // process's CPU under load.
        string? winner = null;
        var winnerScore = 0;
        var machineScore = 0;
        foreach (var @class in Precedence)
        {
            var score = Score(evidence, @class);
            if (score >= Decisive && (winner is null || score > winnerScore))
            {
                (winner, winnerScore) = (@class, score);
            }

            if (BotClasses.IsMachine(@class))
            {
                machineScore = Math.Max(machineScore, score);
            }
        }

        winner ??= click && machineScore >= Doubtful ? BotClasses.UnverifiedClick : BotClasses.Genuine;

        var machine = BotClasses.IsMachine(winner);
        var ordered = HeaviestFirst(evidence);

        // A proxy type names whose infrastructure relayed the hit: a proxy's, or a person's behind Apple's relay; never a
        // scan's. The heaviest of the winner's signals that names one names it.
        var namesProxy = winner is BotClasses.ImageProxy or BotClasses.PrivacyProxy or BotClasses.Genuine;
        string? proxyType = null;
        var reasonCodes = new List<string>(ordered.Length);
        var explanation = new ExplainedSignal[ordered.Length];
        for (var i = 0; i < ordered.Length; i++)
        {
            if (namesProxy && ordered[i].Class == winner)
            {
                proxyType ??= ordered[i].ProxyType;
            }

            if (!reasonCodes.Contains(ordered[i].Code))
            {
                reasonCodes.Add(ordered[i].Code);
            }

            explanation[i] = new ExplainedSignal(ordered[i].Code, ordered[i].Weight, ordered[i].Class);
        }

        return new BotVerdict(
            Detected: winner != BotClasses.Genuine,
            Probability: machine ? winnerScore : machineScore,
            Classification: winner,
            ProxyType: proxyType,
            ReasonCodes: reasonCodes,
            Machine: machine,
            CountsForMetrics: BotClasses.CountsForMetrics(winner),
            Explanation: explanation);
    }

    /// <summary>
    /// The evidence by weight, heaviest first, equal weights in the order the signals gave them. An insertion sort by
    /// hand: a hit has a handful of signals, and this runs for every hit.
    /// </summary>
    private static Evidence[] HeaviestFirst(IReadOnlyList<Evidence> evidence)
    {
        var ordered = new Evidence[evidence.Count];
        for (var i = 0; i < ordered.Length; i++)
        {
            var next = evidence[i];
            var at = i;
            while (at > 0 && ordered[at - 1].Weight < next.Weight)
            {
                ordered[at] = ordered[at - 1];
                at--;
            }

            ordered[at] = next;
        }

        return ordered;
    }

    private static int Score(IReadOnlyList<Evidence> evidence, string @class)
    {
        // By index: a foreach over the interface would allocate an enumerator for each of the seven classes.
        var doubt = 1.0;
        for (var i = 0; i < evidence.Count; i++)
        {
            if (evidence[i].Class == @class)
            {
                doubt *= 1 - Math.Clamp(evidence[i].Weight, 0, 100) / 100.0;
            }
        }

        return (int)Math.Round((1 - doubt) * 100);
    }
}
