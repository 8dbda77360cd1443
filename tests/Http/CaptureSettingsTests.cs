using Engagement.Api;
using Engagement.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Engagement.Tests.Http;

/// <summary>Capture settings that cannot work stop the API at start-up, naming the setting, not at a recipient's hit.</summary>
public sealed class CaptureSettingsTests
{
    [Theory]
    [InlineData("Capture:Timeout", "00:00:00")]
    [InlineData("Capture:FailureRatio", "0")]
    [InlineData("Capture:FailureRatio", "1.5")]
    [InlineData("Capture:MinimumHits", "1")]
    [InlineData("Capture:SamplingDuration", "00:00:00.100")]
    [InlineData("Capture:BreakDuration", "00:00:00.100")]
    [InlineData("Capture:StallAfter", "00:00:00")]
    public async Task An_api_with_a_capture_setting_that_cannot_work_refuses_to_start_and_names_it(string setting, string value)
    {
        await using var api = ApiApplication.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:1/unused",
                ["ADMIN_TOKEN"] = "unused",
                ["Tracking:Keys:0:Id"] = "1",
                ["Tracking:Keys:0:Key"] = TestKeys.First,
                ["Tracking:ActiveKeyId"] = "1",
                ["Spool:Directory"] = Path.Combine(Path.GetTempPath(), "engagement-spool-settings-" + Guid.NewGuid().ToString("N")),
                [setting] = value,
            });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => api.StartAsync());
        Assert.Contains(setting, refused.Message);
    }
}
