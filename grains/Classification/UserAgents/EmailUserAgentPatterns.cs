using System.Text.Json;

namespace Engagement.Grains.Classification.UserAgents;

/// <summary>Our user-agent patterns for mail traffic, tried in file order; the first match wins.</summary>
public sealed class EmailUserAgentPatterns
{
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly EmailUserAgentPattern[] patterns;
    private readonly GuardedRegex[] expressions;

    private EmailUserAgentPatterns(EmailUserAgentPattern[] patterns)
    {
        this.patterns = patterns;
        expressions = [.. patterns.Select(p => new GuardedRegex(p.Pattern))];
    }

    public IReadOnlyList<EmailUserAgentPattern> All => patterns;

    public static EmailUserAgentPatterns Load(string userAgentsJson)
    {
        using var document = JsonDocument.Parse(userAgentsJson);
        var patterns = document.RootElement.GetProperty("patterns").Deserialize<EmailUserAgentPattern[]>(SnakeCase)
            ?? throw new FormatException("user-agents.json holds no patterns.");
        foreach (var pattern in patterns)
        {
            if (!BotClasses.IsKnown(pattern.Class) || (pattern.ClickClass is not null && !BotClasses.IsKnown(pattern.ClickClass)))
            {
                throw new FormatException($"User-agent pattern '{pattern.Code}' names an unknown class.");
            }
        }

        return new EmailUserAgentPatterns(patterns);
    }

    public EmailUserAgentPattern? Match(string userAgent)
    {
        for (var i = 0; i < patterns.Length; i++)
        {
            if (expressions[i].IsMatch(userAgent))
            {
                return patterns[i];
            }
        }

        return null;
    }
}
