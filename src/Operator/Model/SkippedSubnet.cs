namespace Vpce.Operator.Model;

public sealed record SkippedSubnet(string SubnetId, string Reason)
{
    public override string ToString() => $"{SubnetId} ({Reason})";
}
