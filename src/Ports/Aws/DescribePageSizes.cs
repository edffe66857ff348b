namespace Vpce.Ports.Aws;

/// <summary>Items per page of each Describe call: AWS's maxima (MaxResults), which the SDK adapter asks for and the
/// simulator pages by, so a page costs one call on both. Fewer, larger pages keep a regional read at a few calls.</summary>
public static class DescribePageSizes
{
    public const int VpcEndpoints = 1000;
    public const int Vpcs = 1000;
    public const int Subnets = 1000;
    public const int SecurityGroups = 1000;
    public const int RouteTables = 100;
    public const int NetworkAcls = 100;
    public const int NetworkInterfaces = 1000;
}
