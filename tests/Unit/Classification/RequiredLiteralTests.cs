using System.Text.Json;
using System.Text.RegularExpressions;
using Engagement.Grains.Classification.UserAgents;
using YamlDotNet.Serialization;

namespace Engagement.Tests.Unit.Classification;

public sealed class RequiredLiteralTests
{
    [Theory]
    [InlineData(@"(Chrome)/(\d+)\.(\d+)", "Chrome")]
    [InlineData(@"(Opera|OPR)/(\d+)", "Opera|OPR")]
    [InlineData(@"foo|barbaz|(?:x)?", null)]
    [InlineData(@"^.{0,200}?(?:[Aa]rchiver|[Ii]ndexer|[Bb]ot)[/ ]", "rchiver|ndexer|ot")]
    [InlineData(@"(?:Mobile )?(Safari)", "Safari")]
    [InlineData(@"(?!Edge)Chromium", "Chromium")]
    [InlineData(@"Outlook-iOS/(\d+)", "Outlook-iOS/")]
    [InlineData(@"via ggpht\.com GoogleImageProxy", "via ggpht.com GoogleImageProxy")]
    [InlineData(@"Windows NT 10\.0; Win64", "Windows NT 10.0; Win64")]
    [InlineData(@"Mobiles?Safari", "Mobile")]
    [InlineData(@"foo|barbaz", "foo|barbaz")]
    [InlineData(@"(?:a|b)Firefox[/ ](\d+)", "Firefox")]
    [InlineData(@"Silk-?Acc", "Silk")]
    [InlineData(@"Versio+n/", "Versio")]
    [InlineData(@"[]abc]Edge", "Edge")]
    [InlineData(@"[a-z]{0,200}Mobi", "Mobi")]
    public void Finds_the_text_every_match_contains(string pattern, string? anyOf) =>
        Assert.Equal(anyOf?.Split('|'), RequiredLiteral.Of(pattern));

    [Fact]
    public void No_uap_core_rule_matches_a_known_user_agent_without_its_required_text()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "classification");
        var lists = new DeserializerBuilder().IgnoreUnmatchedProperties().Build()
            .Deserialize<Dictionary<string, List<Dictionary<string, string>>>>(File.ReadAllText(Path.Combine(directory, "regexes.yaml")));
        using var crawlers = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "crawler-user-agents.json")));
        var agents = crawlers.RootElement.EnumerateArray().SelectMany(e => e.GetProperty("instances").EnumerateArray().Select(i => i.GetString()!))
            .Concat(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Unit", "Classification", "evaluation-set.json"))
                .Where(l => l.Contains("\"user_agent\": \"", StringComparison.Ordinal)).Select(l => JsonDocument.Parse("{" + l.TrimEnd(',') + "}").RootElement.GetProperty("user_agent").GetString()!))
            .Distinct().ToList();

        var checkedRules = 0;
        foreach (var rule in lists["user_agent_parsers"].Concat(lists["os_parsers"]))
        {
            var anyOf = RequiredLiteral.Of(rule["regex"]);
            if (anyOf is null)
            {
                continue;
            }

            checkedRules++;
            var ignoreCase = rule.GetValueOrDefault("regex_flag") == "i";
            var regex = new Regex(rule["regex"], ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
            foreach (var agent in agents.Where(a => regex.IsMatch(a)))
            {
                Assert.Contains(anyOf, text => agent.Contains(text, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
            }
        }

        Assert.True(checkedRules > 500, $"Only {checkedRules} rules have a required text.");
    }
}
