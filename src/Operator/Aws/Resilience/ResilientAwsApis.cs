using Vpce.Operator.Observability;
using Vpce.Operator.Observe;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Aws.Resilience;

/// <summary>The AWS ports wrapped once in the resilience pipeline; the same wrapping serves the SDK adapters and the simulator.
/// Given <see cref="RegionsInUse"/>, a region's pipelines go when its last object leaves.</summary>
public sealed class ResilientAwsApis : IAwsApis, IDisposable
{
    public ResilientAwsApis(IAwsApis inner, AwsResilienceOptions options, OperatorMetrics metrics, TimeProvider time,
        RegionsInUse? regions = null, string account = AccountLabels.Operator)
    {
        _inner = inner;
        _options = options;
        _metrics = metrics;
        _time = time;
        Guard = new AwsCallGuard(options, metrics, time, regions, account);
        Ec2 = new ResilientEc2Api(inner.Ec2, Guard);
        S3 = new ResilientS3Api(inner.S3, Guard);
        Sts = new ResilientStsApi(inner.Sts, Guard);
    }

    private readonly IAwsApis _inner;
    private readonly AwsResilienceOptions _options;
    private readonly OperatorMetrics _metrics;
    private readonly TimeProvider _time;

    internal AwsCallGuard Guard { get; }
    public IEc2Api Ec2 { get; }
    public IS3Api S3 { get; }
    public IStsApi Sts { get; }

    /// <summary>The inner ports acting as <paramref name="credentials"/> say, wrapped in a pipeline of their own: pacing,
    /// breakers and the <c>account</c> label are per account, as AWS's limits are.</summary>
    public ResilientAwsApis ForAccount(string account, Func<AwsSessionCredentials> credentials, RegionsInUse regions) =>
        new(_inner.ActingAs(credentials), _options, _metrics, _time, regions, account);

    public IAwsApis ActingAs(Func<AwsSessionCredentials> credentials) =>
        new ResilientAwsApis(_inner.ActingAs(credentials), _options, _metrics, _time, regions: null, Guard.Account);

    /// <summary>Disposes the inner ports when they hold resources (an account's SDK clients).</summary>
    public void Dispose() => (_inner as IDisposable)?.Dispose();
}
