using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Engagement.Grains.Classification.Networks;

/// <summary>
/// A set of IP prefixes as sorted, merged, non-overlapping ranges per address family: a lookup is one binary search,
/// so a set of hundreds of thousands of prefixes (Apple's relay egress list) answers in well under a microsecond.
/// </summary>
public sealed class IpRangeSet
{
    private readonly uint[] v4Starts;
    private readonly uint[] v4Ends;
    private readonly UInt128[] v6Starts;
    private readonly UInt128[] v6Ends;

    private IpRangeSet(uint[] v4Starts, uint[] v4Ends, UInt128[] v6Starts, UInt128[] v6Ends)
    {
        this.v4Starts = v4Starts;
        this.v4Ends = v4Ends;
        this.v6Starts = v6Starts;
        this.v6Ends = v6Ends;
    }

    public static IpRangeSet Empty { get; } = new([], [], [], []);

    public int RangeCount => v4Starts.Length + v6Starts.Length;

    /// <summary>Builds the set from CIDR prefixes; entries that are not a valid prefix are skipped and counted.</summary>
    public static IpRangeSet From(IEnumerable<string> prefixes, out int rejected)
    {
        var v4 = new List<(uint Start, uint End)>();
        var v6 = new List<(UInt128 Start, UInt128 End)>();
        rejected = 0;
        foreach (var prefix in prefixes)
        {
            if (!IPNetwork.TryParse(prefix.Trim(), out var network) && !TryParseHost(prefix.Trim(), out network))
            {
                rejected++;
                continue;
            }

            var bytes = network.BaseAddress.GetAddressBytes();
            if (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
            {
                var start = BinaryPrimitives.ReadUInt32BigEndian(bytes);
                var hostBits = 32 - network.PrefixLength;
                v4.Add((start, hostBits == 32 ? uint.MaxValue : start | ((1u << hostBits) - 1)));
            }
            else
            {
                var start = BinaryPrimitives.ReadUInt128BigEndian(bytes);
                var hostBits = 128 - network.PrefixLength;
                v6.Add((start, hostBits == 128 ? UInt128.MaxValue : start | ((UInt128.One << hostBits) - 1)));
            }
        }

        var (v4Starts, v4Ends) = Merge(v4, (a, b) => b == uint.MaxValue || a <= b + 1);
        var (v6Starts, v6Ends) = Merge(v6, (a, b) => b == UInt128.MaxValue || a <= b + 1);
        return new IpRangeSet(v4Starts, v4Ends, v6Starts, v6Ends);
    }

    public bool Contains(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            return false;
        }

        return written == 4
            ? Contains(v4Starts, v4Ends, BinaryPrimitives.ReadUInt32BigEndian(bytes))
            : Contains(v6Starts, v6Ends, BinaryPrimitives.ReadUInt128BigEndian(bytes));
    }

    private static bool Contains<T>(T[] starts, T[] ends, T value)
        where T : IComparable<T>
    {
        // The last range starting at or below the value is the only one that can hold it.
        var index = Array.BinarySearch(starts, value);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return index >= 0 && value.CompareTo(ends[index]) <= 0;
    }

    private static (T[] Starts, T[] Ends) Merge<T>(List<(T Start, T End)> ranges, Func<T, T, bool> touches)
        where T : IComparable<T>
    {
        ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        var starts = new List<T>(ranges.Count);
        var ends = new List<T>(ranges.Count);
        foreach (var (start, end) in ranges)
        {
            if (starts.Count > 0 && touches(start, ends[^1]))
            {
                if (end.CompareTo(ends[^1]) > 0)
                {
                    ends[^1] = end;
                }

                continue;
            }

            starts.Add(start);
            ends.Add(end);
        }

        return ([.. starts], [.. ends]);
    }

    private static bool TryParseHost(string text, out IPNetwork network)
    {
        network = default;
        if (!IPAddress.TryParse(text, out var address))
        {
            return false;
        }

        network = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
        return true;
    }
}
