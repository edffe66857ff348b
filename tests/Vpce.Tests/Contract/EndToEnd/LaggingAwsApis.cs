using Vpce.Ports.Aws;

namespace Vpce.Tests.Contract.EndToEnd;

/// <summary>The adapters' ports with EC2 behind <see cref="LaggingEc2Api"/>.</summary>
public sealed class LaggingAwsApis(IAwsApis inner, TimeSpan lag, TimeProvider time) : IAwsApis
{
    public IEc2Api Ec2 { get; } = new LaggingEc2Api(inner.Ec2, lag, time);
    public IS3Api S3 => inner.S3;
    public IStsApi Sts => inner.Sts;

    public IAwsApis ActingAs(Func<AwsSessionCredentials> credentials) => new LaggingAwsApis(inner.ActingAs(credentials), lag, time);
}
