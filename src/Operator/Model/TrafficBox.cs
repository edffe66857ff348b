namespace Vpce.Operator.Model;

/// <summary>A set of TCP flows as a network ACL sees them: the ports from FromPort to ToPort, to or from the addresses of
/// Addresses. A rule takes a box out of what is still undecided.</summary>
public readonly record struct TrafficBox(int FromPort, int ToPort, Ipv4Range Addresses)
{
    public TrafficBox? Intersect(TrafficBox other)
    {
        var from = Math.Max(FromPort, other.FromPort);
        var to = Math.Min(ToPort, other.ToPort);
        var first = Math.Max(Addresses.First, other.Addresses.First);
        var last = Math.Min(Addresses.Last, other.Addresses.Last);
        return from <= to && first <= last ? new TrafficBox(from, to, new Ipv4Range(first, last)) : null;
    }

    /// <summary>What is left of this box once <paramref name="other"/> is taken out: up to four boxes.</summary>
    public IEnumerable<TrafficBox> Minus(TrafficBox other)
    {
        if (Intersect(other) is not { } cut)
        {
            yield return this;
            yield break;
        }
        if (Addresses.First < cut.Addresses.First)
        {
            yield return this with { Addresses = new Ipv4Range(Addresses.First, cut.Addresses.First - 1) };
        }
        if (cut.Addresses.Last < Addresses.Last)
        {
            yield return this with { Addresses = new Ipv4Range(cut.Addresses.Last + 1, Addresses.Last) };
        }
        if (FromPort < cut.FromPort)
        {
            yield return new TrafficBox(FromPort, cut.FromPort - 1, cut.Addresses);
        }
        if (cut.ToPort < ToPort)
        {
            yield return new TrafficBox(cut.ToPort + 1, ToPort, cut.Addresses);
        }
    }

    public string Ports => FromPort == ToPort ? $"{FromPort}" : $"{FromPort}-{ToPort}";
}
