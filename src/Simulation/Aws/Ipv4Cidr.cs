using System.Net;
using System.Net.Sockets;

namespace Vpce.Simulation.Aws;

/// <summary>An IPv4 CIDR block, for the containment and overlap checks EC2 makes on VPCs and subnets.</summary>
internal readonly record struct Ipv4Cidr(uint Network, int PrefixLength)
{
    private uint Mask => PrefixLength == 0 ? 0 : uint.MaxValue << (32 - PrefixLength);
    private uint Last => Network | ~Mask;

    public static bool TryParse(string text, out Ipv4Cidr cidr)
    {
        cidr = default;
        var parts = text.Split('/');
        if (parts.Length != 2 || !IPAddress.TryParse(parts[0], out var address) || address.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(parts[1], out var length) || length is < 0 or > 32)
            return false;
        var bytes = address.GetAddressBytes();
        var value = (uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3];
        var candidate = new Ipv4Cidr(value, length);
        // EC2 rejects a block with host bits set (10.0.0.1/16).
        if ((value & candidate.Mask) != value)
            return false;
        cidr = candidate;
        return true;
    }

    public bool Contains(Ipv4Cidr other) => other.PrefixLength >= PrefixLength && (other.Network & Mask) == Network;

    public bool Overlaps(Ipv4Cidr other) => Network <= other.Last && other.Network <= Last;
}
