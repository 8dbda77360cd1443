namespace Engagement.Grains.Tracking;

/// <summary>
/// The database refused an entry's own data (a value it cannot store), so committing it again can never succeed,
/// unlike a commit that failed because the database could not be reached or answered too late.
/// </summary>
public sealed class EntryRefusedException(string message, Exception innerException) : Exception(message, innerException);
