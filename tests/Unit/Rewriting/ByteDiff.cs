using System.Text.RegularExpressions;

namespace Engagement.Tests.Unit.Rewriting;

/// <summary>
/// Checks, without trusting the rewriter's own spans, that a rendered copy differs from its source only where it
/// may: href values replaced by marker URLs ("☃0", "☃1", …), the pixel and the honeypot link inserted, and opt-out
/// attributes removed.
/// </summary>
public static partial class ByteDiff
{
    public const string Marker = "☃";

    public static string PixelTag => $"<img src=\"{Marker}P\" width=\"1\" height=\"1\" style=\"display:block;width:1px;height:1px;border:0;\" alt=\"\">";

    public static string TrapTag =>
        $"<a href=\"{Marker}T\" tabindex=\"-1\" aria-hidden=\"true\" style=\"display:none !important;mso-hide:all;font-size:0;line-height:0;max-height:0;overflow:hidden;\"></a>";

    /// <summary>Returns the indexes of the markers met, in order; fails on any other difference.</summary>
    public static List<int> Check(string source, string rendered)
    {
        var markers = new List<int>();
        int i = 0, j = 0;
        while (i < source.Length || j < rendered.Length)
        {
            if (j < rendered.Length && string.CompareOrdinal(rendered, j, PixelTag, 0, PixelTag.Length) == 0)
            {
                j += PixelTag.Length;
                continue;
            }

            if (j < rendered.Length && string.CompareOrdinal(rendered, j, TrapTag, 0, TrapTag.Length) == 0)
            {
                j += TrapTag.Length;
                continue;
            }

            if (i < source.Length && j < rendered.Length && source[i] == rendered[j] && !(rendered[j] == '"' && j + 1 < rendered.Length && rendered[j + 1] == Marker[0]))
            {
                i++;
                j++;
                continue;
            }

            if (j + 1 < rendered.Length && rendered[j] == '"' && rendered[j + 1] == Marker[0])
            {
                var close = rendered.IndexOf('"', j + 1);
                markers.Add(int.Parse(rendered[(j + 2)..close], System.Globalization.CultureInfo.InvariantCulture));
                j = close + 1;
                i = SkipAttributeValue(source, i);
                continue;
            }

            var optOut = OptOutAttribute().Match(source, i);
            if (optOut.Success && optOut.Index == i)
            {
                i += optOut.Length;
                continue;
            }

            Assert.Fail($"Unexpected difference at source {i} / rendered {j}: «{Around(source, i)}» vs «{Around(rendered, j)}»");
        }

        return markers;
    }

    private static int SkipAttributeValue(string source, int i)
    {
        if (source[i] is '"' or '\'')
        {
            return source.IndexOf(source[i], i + 1) + 1;
        }

        while (i < source.Length && !char.IsWhiteSpace(source[i]) && source[i] != '>')
        {
            i++;
        }

        return i;
    }

    private static string Around(string text, int at) => text.Substring(Math.Max(0, at - 20), Math.Min(text.Length - Math.Max(0, at - 20), 50));

    [GeneratedRegex("""\s+(data-track=("false"|'false'|false)|clicktracking=("off"|off)|ses:no-track|mc:disable-tracking|data-msys-clicktrack=("0"|0))""", RegexOptions.IgnoreCase)]
    private static partial Regex OptOutAttribute();
}
