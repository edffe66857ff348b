namespace Vpce.Simulation.Aws;

/// <summary>The shape EC2 takes an id in: its prefix, a dash, and 8 or 17 lowercase hex digits (vpc-0a1b2c3d, or the long
/// form vpc-0a1b2c3d4e5f67890). One of another shape is refused before anything is looked up, with the kind's own
/// "Malformed" code, as the EC2 API reference's error codes list them (errors-overview: "InvalidVpcEndpointId.Malformed
/// The specified VPC endpoint ID is malformed. Use the full VPC endpoint ID in the request, in the form vpce-xxxxxxxx", and
/// likewise InvalidVpcID, InvalidSubnetID, InvalidRouteTableId, InvalidGroupId; AWS's own casing, kept as it is).</summary>
internal static class Ec2Ids
{
    private static readonly Dictionary<string, string> MalformedCodes = new(StringComparer.Ordinal)
    {
        ["vpc"] = "InvalidVpcID.Malformed",
        ["subnet"] = "InvalidSubnetID.Malformed",
        ["rtb"] = "InvalidRouteTableId.Malformed",
        ["sg"] = "InvalidGroupId.Malformed",
        ["vpce"] = "InvalidVpcEndpointId.Malformed",
    };

    /// <summary>Throws the kind's Malformed error for the first id of the wrong shape.</summary>
    public static void Check(string prefix, IEnumerable<string>? ids)
    {
        foreach (var id in ids ?? [])
            if (!IsWellFormed(prefix, id))
                throw new Ports.Aws.AwsApiException(MalformedCodes[prefix], $"Invalid id: \"{id}\" (expecting \"{prefix}-...\")");
    }

    public static void Check(string prefix, string id) => Check(prefix, [id]);

    public static bool IsWellFormed(string prefix, string id)
    {
        if (!id.StartsWith(prefix, StringComparison.Ordinal) || id.Length <= prefix.Length || id[prefix.Length] != '-')
            return false;
        var hex = id.AsSpan(prefix.Length + 1);
        if (hex.Length is not (8 or 17))
            return false;
        foreach (var c in hex)
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f'))
                return false;
        return true;
    }
}
