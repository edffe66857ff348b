using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>The EC2 errors the simulator answers, with AWS's codes and wording.</summary>
internal static class Ec2Errors
{
    // AWS spells this one with "ID" (the port's AwsErrorCodes constant reads "Id"); the simulator answers as AWS does.
    public const string RouteTableNotFoundCode = "InvalidRouteTableID.NotFound";
    public const string DeleteEndpointNotFoundCode = "InvalidVpcEndpoint.NotFound";

    public static AwsApiException VpcNotFound(string id) =>
        new(AwsErrorCodes.InvalidVpcIdNotFound, $"The vpc ID '{id}' does not exist");

    public static AwsApiException SubnetNotFound(string id) =>
        new(AwsErrorCodes.InvalidSubnetIdNotFound, $"The subnet ID '{id}' does not exist");

    public static AwsApiException RouteTableNotFound(string id) =>
        new(RouteTableNotFoundCode, $"The routeTable ID '{id}' does not exist");

    public static AwsApiException SecurityGroupNotFound(string id) =>
        new(AwsErrorCodes.InvalidGroupNotFound, $"The security group '{id}' does not exist");

    public static AwsApiException NetworkAclNotFound(string id) =>
        new("InvalidNetworkAclID.NotFound", $"The network ACL ID '{id}' does not exist");

    public static AwsApiException NetworkInterfaceNotFound(string id) =>
        new("InvalidNetworkInterfaceID.NotFound", $"The networkInterface ID '{id}' does not exist");

    public static AwsApiException EndpointNotFound(string id) =>
        new(AwsErrorCodes.InvalidVpcEndpointIdNotFound, $"The Vpc Endpoint Id '{id}' does not exist");

    public static AwsApiException ServiceNotFound(string serviceName) =>
        new(AwsErrorCodes.InvalidServiceName, $"The Vpc Endpoint Service '{serviceName}' does not exist");

    public static AwsApiException FilterLimitExceeded() =>
        new("FilterLimitExceeded", $"The maximum number of filter values specified on a single call is {ResourceQuery.MaxFilterValues}");

    public static AwsApiException InvalidParameter(string message) => new("InvalidParameter", message);

    public static AwsApiException InvalidParameterValue(string message) => new("InvalidParameterValue", message);

    public static AwsApiException InvalidPolicyDocument(string message) => new("InvalidPolicyDocument", message);

    public static AwsApiException DuplicateSubnetsInSameZone(string subnetId) =>
        new("DuplicateSubnetsInSameZone",
            $"Found another VPC endpoint subnet in the availability zone of {subnetId}. VPC endpoint subnets should be in different availability zones supported by the VPC endpoint service.");

    public static AwsApiException IdempotentParameterMismatch() =>
        new("IdempotentParameterMismatch", "The client token you have provided is associated with a resource that has different parameters.");

    public static AwsApiException RouteAlreadyExists(string routeTableId, string prefixListId) =>
        new("RouteAlreadyExists", $"route table {routeTableId} already has a route with destination-prefix-list-id {prefixListId}");

    public static AwsApiException IncorrectState(string endpointId, string state) =>
        new("IncorrectState", $"The VPC endpoint {endpointId} is in state {state} and cannot be modified.");

    public static AwsApiException RequestLimitExceeded() => new(AwsErrorCodes.RequestLimitExceeded, "Request limit exceeded.", 503);
}
