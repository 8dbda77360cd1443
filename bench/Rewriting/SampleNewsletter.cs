using System.Text;

namespace Engagement.Bench.Rewriting;

/// <summary>A deterministic ~100 KB marketing newsletter with 150 links: nested tables, MSO buttons, entities, tracking opt-outs.</summary>
public static class SampleNewsletter
{
    public static string Build(int links = 150, int targetBytes = 100 * 1024)
    {
        var html = new StringBuilder(targetBytes + 4096);
        html.Append("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\r\n<html xmlns:v=\"urn:schemas-microsoft-com:vml\"><head><meta charset=\"utf-8\"><style>td{font-family:Arial}</style></head>\r\n<body style=\"margin:0\">\r\n<table width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td align=\"center\">\r\n");
        var perBlock = Math.Max(1, (targetBytes - 2000) / links);
        for (var i = 0; i < links; i++)
        {
            var start = html.Length;
            if (i % 10 == 0)
            {
                html.Append("<!--[if mso]><v:roundrect href=\"https://shop.example/promo/").Append(i)
                    .Append("?utm_source=news&amp;utm_medium=email\" style=\"height:40px;v-text-anchor:middle;width:200px;\" arcsize=\"10%\" fillcolor=\"#e00\"><center>Shop now</center></v:roundrect><![endif]-->\r\n");
            }

            html.Append("<table class=\"item\"><tr><td style=\"padding:8px 16px\"><A HREF=\"https://shop.example/products/").Append(i)
                .Append("?ref=newsletter&amp;id=").Append(i * 7).Append("#details\" style=\"color:#06c\">Product&nbsp;")
                .Append(i).Append("</A></td><td>");
            while (html.Length - start < perBlock)
            {
                html.Append("Lorem ipsum dolor sit amet, consectetur &amp; adipiscing elit. ");
            }

            html.Append("</td></tr></table>\r\n");
        }

        html.Append("<p><a href=\"https://shop.example/unsubscribe?u=1\">Unsubscribe</a> <a href=\"mailto:help@shop.example\">Help</a></p>\r\n");
        html.Append("</td></tr></table>\r\n</body></html>\r\n");
        return html.ToString();
    }
}
