using System.Net;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Model;

/// <summary>The building blocks of the labs' troubleshooting checks: which rules cover HTTPS, and CIDR arithmetic. Pure.</summary>
public static class NetworkChecks
{
    public const int Https = 443;

    /// <summary>True when the rule admits TCP port 443: protocol tcp (or 6) over a range including 443, or all traffic.</summary>
    public static bool CoversHttps(AwsIngressRule rule) =>
        rule.Protocol is "-1" or "all" ||
        (rule.Protocol is "tcp" or "6" && (rule.FromPort is null || rule.FromPort <= Https) && (rule.ToPort is null || rule.ToPort >= Https || rule.ToPort == -1));

    /// <summary>True when every address of <paramref name="inner"/> lies in <paramref name="outer"/> (IPv4 or IPv6).</summary>
    public static bool CidrContains(string outer, string inner)
    {
        if (!IPNetwork.TryParse(Normalize(outer), out var outerNet) || !IPNetwork.TryParse(Normalize(inner), out var innerNet))
        {
            return false;
        }
        return outerNet.BaseAddress.AddressFamily == innerNet.BaseAddress.AddressFamily
            && outerNet.PrefixLength <= innerNet.PrefixLength
            && outerNet.Contains(innerNet.BaseAddress);
    }

    /// <summary>True when the two blocks share an address: one of them holds the other.</summary>
    public static bool CidrOverlaps(string a, string b) => CidrContains(a, b) || CidrContains(b, a);

    // IPNetwork refuses a CIDR whose host bits are set (10.0.1.5/16); AWS allows writing rules so.
    private static string Normalize(string cidr)
    {
        var slash = cidr.IndexOf('/');
        if (slash < 0 || !IPAddress.TryParse(cidr[..slash], out var address) || !int.TryParse(cidr[(slash + 1)..], out var prefix))
        {
            return cidr;
        }
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }
        return $"{new IPAddress(bytes)}/{prefix}";
    }
}
