using Vpce.Operator.Observability;
using Vpce.Operator.Observe;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Aws.Resilience;

/// <summary>The AWS ports wrapped once in the resilience pipeline; the same wrapping serves the SDK adapters and the simulator.
/// Given <see cref="RegionsInUse"/>, a region's pipelines go when its last object leaves.</summary>
public sealed class ResilientAwsApis : IAwsApis
{
    public ResilientAwsApis(IAwsApis inner, AwsResilienceOptions options, OperatorMetrics metrics, TimeProvider time,
        RegionsInUse? regions = null)
    {
        Guard = new AwsCallGuard(options, metrics, time, regions);
        Ec2 = new ResilientEc2Api(inner.Ec2, Guard);
        S3 = new ResilientS3Api(inner.S3, Guard);
        Sts = new ResilientStsApi(inner.Sts, Guard);
    }

    internal AwsCallGuard Guard { get; }
    public IEc2Api Ec2 { get; }
    public IS3Api S3 { get; }
    public IStsApi Sts { get; }
}
