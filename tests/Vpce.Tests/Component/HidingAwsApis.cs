using Vpce.Ports.Aws;

namespace Vpce.Tests.Component;

/// <summary>The simulator's ports with EC2 behind <see cref="HidingEc2Api"/>.</summary>
public sealed class HidingAwsApis(IAwsApis inner) : IAwsApis
{
    public HidingEc2Api HidingEc2 { get; } = new(inner.Ec2);
    public IEc2Api Ec2 => HidingEc2;
    public IS3Api S3 => inner.S3;
    public IStsApi Sts => inner.Sts;

    public IAwsApis ActingAs(Func<AwsSessionCredentials> credentials) => new HidingAwsApis(inner.ActingAs(credentials));
}
