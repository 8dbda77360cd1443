namespace Engagement.Api.Sending;

/// <summary>The documented limits of the send API.</summary>
public static class SendLimits
{
    public const int MaxRecipients = 50;
    public const int MaxBodyBytes = 5 * 1024 * 1024;
    public const int MaxBatchEmails = 500;
    public const int MaxSubjectLength = 998;
    public const int MaxMetadataEntries = 50;
    public const int MaxMetadataKeyLength = 64;
    public const int MaxMetadataValueLength = 1000;
    public const int MaxTagLength = 100;
    public const int MaxIdempotencyKeyLength = 255;
}
