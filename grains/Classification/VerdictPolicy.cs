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
        // A proxy type names whose infrastructure relayed the hit: a proxy's, or a person's behind Apple's relay; never a scan's.
        var proxyType = winner is BotClasses.ImageProxy or BotClasses.PrivacyProxy or BotClasses.Genuine
            ? evidence.Where(e => e.Class == winner && e.ProxyType is not null).OrderByDescending(e => e.Weight).Select(e => e.ProxyType).FirstOrDefault()
            : null;
        var ordered = evidence.OrderByDescending(e => e.Weight).ToList();
        return new BotVerdict(
            Detected: winner != BotClasses.Genuine,
            Probability: machine ? winnerScore : machineScore,
            Classification: winner,
            ProxyType: proxyType,
            ReasonCodes: [.. ordered.Select(e => e.Code).Distinct()],
            Machine: machine,
            CountsForMetrics: BotClasses.CountsForMetrics(winner),
            Explanation: [.. ordered.Select(e => new ExplainedSignal(e.Code, e.Weight, e.Class))]);
    }

    private static int Score(IReadOnlyList<Evidence> evidence, string @class)
    {
        var doubt = 1.0;
        foreach (var e in evidence)
        {
            if (e.Class == @class)
            {
                doubt *= 1 - Math.Clamp(e.Weight, 0, 100) / 100.0;
            }
        }

        return (int)Math.Round((1 - doubt) * 100);
    }
}
