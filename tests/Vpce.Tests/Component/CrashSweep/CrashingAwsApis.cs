using Vpce.Ports.Aws;

namespace Vpce.Tests.Component.CrashSweep;

/// <summary>The AWS ports as a process that can be killed sees them (<see cref="CrashSwitch"/>).</summary>
public sealed class CrashingAwsApis(IAwsApis inner, CrashSwitch crash) : IAwsApis
{
    public IEc2Api Ec2 { get; } = new CrashingEc2Api(inner.Ec2, crash);
    public IS3Api S3 { get; } = new CrashingS3Api(inner.S3, crash);
    public IStsApi Sts { get; } = new CrashingStsApi(inner.Sts, crash);

    public IAwsApis ActingAs(Func<AwsSessionCredentials> credentials) => new CrashingAwsApis(inner.ActingAs(credentials), crash);
}
