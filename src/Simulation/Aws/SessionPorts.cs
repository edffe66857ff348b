using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>One account's ports acting as one issued session: EC2 is the account's own (EC2 answers every principal of the
/// account alike here), S3 and STS see the session as the caller.</summary>
internal sealed class SessionPorts(IEc2Api ec2, IS3Api s3, IStsApi sts, AwsSimulator account) : IAwsApis
{
    public IEc2Api Ec2 { get; } = ec2;
    public IS3Api S3 { get; } = s3;
    public IStsApi Sts { get; } = sts;

    public IAwsApis ActingAs(Func<AwsSessionCredentials> credentials) => account.ActingAs(credentials);
}
