namespace Engagement.Api.Tracking;

/// <summary>What waits in a spool for replay: its files and their bytes on disk.</summary>
public readonly record struct SpoolContents(int Files, long Bytes);
