using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace Engagement.Grains.Classification.UserAgents;

/// <summary>
/// uap-core's regexes.yaml: the first matching rule of each list names the user agent's family and its operating
/// system, with `$n` in a replacement standing for the rule's n-th group. Each rule is a <see cref="GuardedRegex"/>,
/// so most are skipped by a text search and a hostile agent cannot stall a parse. The device list is not used: device type comes from the operating system and the agent's own tokens, which is all
/// `desktop`/`mobile`/`tablet` needs.
/// </summary>
public sealed class UapParser
{
    private readonly UapRule[] agents;
    private readonly UapRule[] systems;

    private UapParser(UapRule[] agents, UapRule[] systems)
    {
        this.agents = agents;
        this.systems = systems;
    }

    public int RuleCount => agents.Length + systems.Length;

    public static UapParser Load(string regexesYaml)
    {
        var lists = new DeserializerBuilder().IgnoreUnmatchedProperties().Build()
            .Deserialize<Dictionary<string, List<Dictionary<string, string>>>>(regexesYaml);
        return new UapParser(
            Rules(lists, "user_agent_parsers", "family_replacement"),
            Rules(lists, "os_parsers", "os_replacement"));
    }

    public UapResult Parse(string userAgent) => new(Family(agents, userAgent), Family(systems, userAgent));

    private static string? Family(UapRule[] rules, string userAgent)
    {
        foreach (var rule in rules)
        {
            var match = rule.Pattern.Match(userAgent);
            if (match.Success)
            {
                var family = rule.Replacement is null
                    ? match.Groups.Count > 1 ? match.Groups[1].Value : null
                    : Substitute(rule.Replacement, match);
                return string.IsNullOrWhiteSpace(family) ? null : family.Trim();
            }
        }

        return null;
    }

    private static string Substitute(string replacement, Match match)
    {
        if (!replacement.Contains('$', StringComparison.Ordinal))
        {
            return replacement;
        }

        for (var group = 1; group <= 9; group++)
        {
            replacement = replacement.Replace("$" + group, group < match.Groups.Count ? match.Groups[group].Value : "", StringComparison.Ordinal);
        }

        return replacement;
    }

    private static UapRule[] Rules(Dictionary<string, List<Dictionary<string, string>>> lists, string name, string replacementKey) =>
        [.. (lists.GetValueOrDefault(name) ?? []).Select(rule => new UapRule(
            new GuardedRegex(rule["regex"], rule.GetValueOrDefault("regex_flag") == "i"),
            rule.GetValueOrDefault(replacementKey)))];

    private sealed record UapRule(GuardedRegex Pattern, string? Replacement);
}
