using Engagement.Contracts.Messages;
using Orleans.Metadata;

namespace Engagement.Api.Tracking;

/// <summary>
/// References to message grains for the hit path. <c>GetGrain&lt;T&gt;(key)</c> works out the interface's identity
/// from its attributes on every call, which was 4 % of the process's CPU under load; that identity never changes, so
/// it is worked out once here.
/// </summary>
public sealed class MessageGrains(IClusterClient cluster, GrainInterfaceTypeResolver interfaces, GrainInterfaceTypeToGrainTypeResolver grainTypes)
{
    private readonly GrainInterfaceType interfaceType = interfaces.GetGrainInterfaceType(typeof(IMessageGrain));

    public IMessageGrain For(string messageId)
    {
        // Until the cluster's manifest names the grain type behind the interface, Orleans' own lookup knows what to do.
        return grainTypes.TryGetGrainType(interfaceType, out var grainType)
            ? (IMessageGrain)cluster.GetGrain(GrainId.Create(grainType, messageId), interfaceType)
            : cluster.GetGrain<IMessageGrain>(messageId);
    }
}
