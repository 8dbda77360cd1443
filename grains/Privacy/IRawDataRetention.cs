using Engagement.Contracts.Privacy;

namespace Engagement.Grains.Privacy;

/// <summary>Minimises raw request data past its retention and drops partitions past the horizon; idempotent and restartable.</summary>
public interface IRawDataRetention
{
    Task<RetentionReport> RunAsync(CancellationToken cancellationToken = default);
}
