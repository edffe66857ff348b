using Vpce.Ports.Aws;

namespace Vpce.Operator.Observe;

/// <summary>Makes an account's ports from credentials: the base ports acting as them, wrapped in a resilience pipeline of the
/// account's own (made by the host, which owns the wrapping).</summary>
public delegate IAwsApis AccountApisFactory(string label, Func<AwsSessionCredentials> credentials, RegionsInUse regions);
