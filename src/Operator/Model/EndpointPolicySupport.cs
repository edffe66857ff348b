namespace Vpce.Operator.Model;

/// <summary>Whether a service honours endpoint policies. AWS's own answer is DescribeVpcEndpointServices'
/// VpcEndpointPolicySupported ("View endpoint policy support",
/// https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html), which wins whenever it is given. Without
/// it, the cases AWS documents: "When you create a VPC endpoint for an endpoint service other than an AWS service, we allow
/// full access to the endpoint" (same page), and the services whose guides say they ignore endpoint policies, below.</summary>
public static class EndpointPolicySupport
{
    /// <summary>Short names of AWS services documented as not supporting endpoint policies:
    /// iot.data, "AWS IoT Core does not support endpoint policies at this time"
    /// (https://docs.aws.amazon.com/iot/latest/developerguide/IoTCore-VPC.html).</summary>
    public static readonly IReadOnlySet<string> Unsupported = new HashSet<string>(StringComparer.Ordinal) { "iot.data" };

    /// <param name="serviceName">The full service name.</param>
    /// <param name="reported">VpcEndpointPolicySupported as DescribeVpcEndpointServices gave it, or null.</param>
    public static bool IsSupported(string serviceName, bool? reported)
    {
        if (reported is { } answer)
        {
            return answer;
        }
        // com.amazonaws.vpce.REGION.vpce-svc-…: an endpoint service hosted by another account.
        if (serviceName.StartsWith("com.amazonaws.vpce.", StringComparison.Ordinal))
        {
            return false;
        }
        return !Unsupported.Contains(ServiceNames.ShortName(serviceName));
    }
}
