using Engagement.Contracts.Tracking;
using Microsoft.Extensions.Options;

namespace Engagement.Api.Tracking;

/// <summary>
/// Hands an observation to its message grain and waits until it is durable; when the cluster or the database
/// cannot take it in time, or has not been taking hits (<see cref="CaptureCircuit"/>), it goes to the local spool
/// instead. Either way the recipient's answer goes out.
/// </summary>
public sealed class HitRecorder(MessageGrains messages, CaptureCircuit circuit, ObservationSpool spool, IOptions<CaptureOptions> options, ILogger<HitRecorder> logger)
{
    public async Task RecordAsync(Observation observation)
    {
        // While the cluster is not taking hits, the circuit said why once; a line per hit would flood the log.
        if (!circuit.TryAsk(out var trial))
        {
            await SpoolAsync(observation);
            return;
        }

        try
        {
            var receipt = await messages.For(observation.MessageId).ObserveAsync(observation).WaitAsync(options.Value.Timeout);
            circuit.Record(trial, failure: null);
            if (receipt == ObservationReceipt.Refused)
            {
                RefusedObservations.Report(logger, observation);
            }
        }
        catch (Exception e)
        {
            circuit.Record(trial, e);
            logger.LogWarning("Spooling observation {Id}: the cluster did not take it ({Error})", observation.Id, e.Message);
            await SpoolAsync(observation);
        }
    }

    private async Task SpoolAsync(Observation observation)
    {
        // The recipient's pixel or redirect goes out even then: a broken link costs more than the one hit.
        try
        {
            await spool.AppendAsync(observation);
            SpoolMeter.Spooled.Add(1);
        }
        catch (Exception e)
        {
            SpoolMeter.Lost.Add(1);
            logger.LogError(e, "Observation {Id} is lost: neither the cluster nor the spool could take it", observation.Id);
        }
    }
}
