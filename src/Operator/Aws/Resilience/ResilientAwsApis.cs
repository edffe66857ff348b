using Vpce.Operator.Observability;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Aws.Resilience;

/// <summary>The AWS ports wrapped once in the resilience pipeline; the same wrapping serves the SDK adapters and the simulator.</summary>
public sealed class ResilientAwsApis : IAwsApis
{
    public ResilientAwsApis(IAwsApis inner, AwsResilienceOptions options, OperatorMetrics metrics, TimeProvider time)
    {
        var guard = new AwsCallGuard(options, metrics, time);
        Ec2 = new ResilientEc2Api(inner.Ec2, guard);
        S3 = new ResilientS3Api(inner.S3, guard);
        Sts = new ResilientStsApi(inner.Sts, guard);
    }

    public IEc2Api Ec2 { get; }
    public IS3Api S3 { get; }
    public IStsApi Sts { get; }
}
