using Engagement.Contracts.Tracking;

namespace Engagement.Api.Tracking;

/// <summary>
/// Hits whose data the engagement log refused (<see cref="ObservationReceipt.Refused"/>): the recipient was answered,
/// and the hit is not recorded, so an operator is told of each. They are not spooled: a replay would be refused again.
/// </summary>
public static class RefusedObservations
{
    public static void Report(ILogger logger, Observation observation)
    {
        SpoolMeter.Refused.Add(1);
        logger.LogError(
            "Observation {Id} of message {Message} (recipient {Recipient}) is not recorded: the engagement log refused its data",
            observation.Id, observation.MessageId, observation.RecipientIndex);
    }
}
