namespace Engagement.Bench;

/// <summary>A command-line option the benchmark cannot use; its message says which and why.</summary>
public sealed class BenchOptionException(string message) : Exception(message);
