namespace Engagement.Api.Sending;

/// <summary>
/// One email as the customer's backend sends it. The tracking override comes in any one of three shapes that
/// other services use, so that customers can migrate without rewriting their calls.
/// </summary>
public sealed record SendRequest(
    string? From,
    AddressList? To,
    AddressList? Cc,
    AddressList? Bcc,
    AddressList? ReplyTo,
    string? Subject,
    string? Html,
    string? Text,
    Dictionary<string, string>? Headers,
    Dictionary<string, string>? Metadata,
    string? Tag,
    string? Route,
    SendRequest.SettingsShape? Settings,
    SendRequest.TrackingShape? Tracking,
    SendRequest.OptionsShape? Options)
{
    public sealed record SettingsShape(bool? TrackOpens, bool? TrackClicks);

    public sealed record TrackingShape(bool? Opens, bool? Clicks);

    public sealed record OptionsShape(bool? OpenTracking, bool? ClickTracking);
}
