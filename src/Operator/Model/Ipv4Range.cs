using System.Net;
using System.Net.Sockets;

namespace Vpce.Operator.Model;

/// <summary>A contiguous run of IPv4 addresses, First to Last inclusive: what a CIDR block holds, and what is left of one when
/// other blocks are taken out of it.</summary>
public readonly record struct Ipv4Range(uint First, uint Last)
{
    /// <summary>The block's addresses (host bits set are ignored, as AWS allows writing 10.0.1.5/16); false for IPv6 or garbage.</summary>
    public static bool TryParse(string? cidr, out Ipv4Range range)
    {
        range = default;
        var slash = cidr?.IndexOf('/') ?? -1;
        if (slash < 0 || !IPAddress.TryParse(cidr![..slash], out var address) || address.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(cidr[(slash + 1)..], out var prefix) || prefix is < 0 or > 32)
        {
            return false;
        }
        var bytes = address.GetAddressBytes();
        var value = (uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3];
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        range = new Ipv4Range(value & mask, (value & mask) | ~mask);
        return true;
    }

    /// <summary>The fewest CIDR blocks that hold exactly this range, lowest first.</summary>
    public IReadOnlyList<string> ToCidrs()
    {
        var blocks = new List<string>();
        ulong start = First;
        while (start <= Last)
        {
            var size = 32;
            while (size > 0)
            {
                var block = 1UL << (33 - size);
                if (start % block != 0 || start + block - 1 > Last)
                {
                    break;
                }
                size--;
            }
            blocks.Add($"{new IPAddress(BitConverter.GetBytes((uint)start).Reverse().ToArray())}/{size}");
            start += 1UL << (32 - size);
        }
        return blocks;
    }
}
