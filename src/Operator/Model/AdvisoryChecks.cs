using Vpce.Ports.Aws;

namespace Vpce.Operator.Model;

/// <summary>The advisory checks of one endpoint, pure: its companions in the VPC and the lint of its policy.</summary>
public static class AdvisoryChecks
{
    /// <param name="vpcEndpoints">The VPC's endpoints, or null when they could not be read.</param>
    /// <param name="service">The service's details, or null when unknown.</param>
    public static AdvisoryFindings Run(DesiredEndpoint desired, IReadOnlyList<AwsEndpoint>? vpcEndpoints, AwsEndpointService? service,
        IReadOnlyDictionary<string, string>? bucketRegions, string? operatorPrincipalArn)
    {
        var dependent = CompanionSets.DependedOnBy(ServiceNames.ShortName(desired.ServiceName), desired.Type).Count > 0;
        var companions = !dependent ? [] : vpcEndpoints is null ? null
            : CompanionCheck.Check(desired.Region, desired.ServiceName, desired.Type, vpcEndpoints);
        var findings = desired.PolicyDocument is not { } policy ? null : EndpointPolicyLint.Check(new PolicyLintInput(
            policy, desired.Region, desired.ServiceName, EndpointPolicySupport.IsSupported(desired.ServiceName, service?.PolicySupported),
            bucketRegions ?? new Dictionary<string, string>(), operatorPrincipalArn));
        return new AdvisoryFindings(companions, findings);
    }
}
