namespace Vpce.Operator.Model;

/// <summary>A network ACL of the endpoint's subnets, judged both ways: HTTPS in from the VPC, the replies out to it.</summary>
public sealed record AclCheck(string NetworkAclId, IReadOnlyList<string> SubnetIds, AclVerdict Inbound, AclVerdict Outbound)
{
    public bool Allowed => Inbound.Allowed && Outbound.Allowed;
}
