using System.Text;
using System.Text.Json;
using Engagement.Contracts.Tokens;
using Engagement.Grains.Classification;
using Xunit.Abstractions;

namespace Engagement.Tests.Unit.Classification;

/// <summary>
/// The quality bar: every labeled observation of evaluation-set.json (sources in the file) is classified, the confusion
/// matrix is printed, and the run fails below 97% correct classes or 99% correct machine flags.
/// </summary>
public sealed class EvaluationSetTests(ITestOutputHelper output)
{
    [Fact]
    public void The_classifier_meets_the_quality_bar_on_the_labeled_evaluation_set()
    {
        var cases = Load();
        var matrix = BotClasses.All.ToDictionary(c => c, _ => BotClasses.All.ToDictionary(c => c, _ => 0));
        var (total, correctClass, correctMachine, correctProxy) = (0, 0, 0, 0);
        var mistakes = new StringBuilder();
        foreach (var c in cases)
        {
            foreach (var ip in c.Ips)
            {
                var hit = Classifiers.Hit(c.Kind, c.UserAgent, ip, c.SecondsAfterSend ?? 3600, c.Method, c.Headers);
                var context = new ObservationContext(c.SecondsAfterSend is null ? null : Classifiers.SentAt, c.OpenedBefore);
                var (verdict, client) = Classifiers.Default.Classify(hit, context);
                total++;
                matrix[c.Expected][verdict.Classification]++;
                correctClass += verdict.Classification == c.Expected ? 1 : 0;
                correctMachine += verdict.Machine == BotClasses.IsMachine(c.Expected) ? 1 : 0;
                correctProxy += verdict.ProxyType == c.ProxyType ? 1 : 0;
                if (verdict.Classification != c.Expected || verdict.ProxyType != c.ProxyType
                    || (c.ClientName is not null && client.ClientName != c.ClientName) || (c.DeviceType is not null && client.DeviceType != c.DeviceType))
                {
                    mistakes.AppendLine($"{c.Label} [{ip}]: {verdict.Classification}/{verdict.ProxyType} {client.DeviceType}/{client.ClientName} " +
                        $"({string.Join(", ", verdict.Explanation.Select(e => $"{e.Signal}:{e.Weight}->{e.PointsTo}"))})");
                }
            }
        }

        output.WriteLine($"{total} observations; class {Percent(correctClass, total)}, machine flag {Percent(correctMachine, total)}, proxy type {Percent(correctProxy, total)}");
        output.WriteLine(Render(matrix));
        output.WriteLine(mistakes.ToString());

        Assert.True(total >= 400, $"The evaluation set has only {total} observations.");
        Assert.True(correctClass >= total * 0.97, $"Correct classes {Percent(correctClass, total)} < 97%.\n{mistakes}");
        Assert.True(correctMachine >= total * 0.99, $"Correct machine flags {Percent(correctMachine, total)} < 99%.\n{mistakes}");
    }

    [Fact]
    public void Every_class_and_proxy_type_is_in_the_evaluation_set()
    {
        var cases = Load();

        Assert.Equal(BotClasses.All.Order(), cases.Select(c => c.Expected).Distinct().Order());
        Assert.Equal(
            new[] { ProxyTypes.AppleMpp, ProxyTypes.ApplePrivateRelay, ProxyTypes.Gmail, ProxyTypes.Yahoo }.Order(),
            cases.Select(c => c.ProxyType).OfType<string>().Distinct().Order());
    }

    private static string Percent(int part, int total) => $"{100.0 * part / total:0.0}% ({part}/{total})";

    private static string Render(Dictionary<string, Dictionary<string, int>> matrix)
    {
        var text = new StringBuilder("expected \\ got".PadRight(18));
        foreach (var c in BotClasses.All)
        {
            text.Append(c[..Math.Min(9, c.Length)].PadLeft(10));
        }

        text.AppendLine();
        foreach (var (expected, row) in matrix)
        {
            text.Append(expected.PadRight(18));
            foreach (var c in BotClasses.All)
            {
                text.Append(row[c].ToString().PadLeft(10));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static List<LabeledCase> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Unit", "Classification", "evaluation-set.json")));
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(c => new LabeledCase(
            c.GetProperty("label").GetString()!,
            c.GetProperty("kind").GetString() == "open" ? TrackingKind.Open : TrackingKind.Click,
            c.GetProperty("method").GetString()!,
            c.GetProperty("user_agent").GetString(),
            c.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!),
            c.GetProperty("seconds_after_send").ValueKind == JsonValueKind.Null ? null : c.GetProperty("seconds_after_send").GetDouble(),
            c.GetProperty("opened_before").ValueKind == JsonValueKind.Null ? null : c.GetProperty("opened_before").GetBoolean(),
            [.. c.GetProperty("ips").EnumerateArray().Select(ip => ip.GetString()!)],
            c.GetProperty("expect").GetProperty("classification").GetString()!,
            c.GetProperty("expect").GetProperty("proxy_type").GetString(),
            c.GetProperty("expect").GetProperty("client_name").GetString(),
            c.GetProperty("expect").GetProperty("device_type").GetString()))];
    }

    private sealed record LabeledCase(
        string Label, TrackingKind Kind, string Method, string? UserAgent, Dictionary<string, string> Headers, double? SecondsAfterSend,
        bool? OpenedBefore, List<string> Ips, string Expected, string? ProxyType, string? ClientName, string? DeviceType);
}
