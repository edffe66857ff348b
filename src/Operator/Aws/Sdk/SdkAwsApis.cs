using Amazon.EC2;
using Amazon.S3;
using Amazon.SecurityToken;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Aws.Sdk;

/// <summary>The AWS ports on the AWS SDK, one client per region and service. Credentials: the SDK's default chain
/// (environment, profile, IRSA web identity).</summary>
public sealed class SdkAwsApis : IAwsApis, IDisposable
{
    private readonly SdkClients<IAmazonEC2> _ec2;
    private readonly SdkClients<IAmazonS3> _s3;
    private readonly SdkClients<IAmazonSecurityTokenService> _sts;

    public SdkAwsApis(AwsConnectionOptions connection)
    {
        _ec2 = new SdkClients<IAmazonEC2>(connection, c => new AmazonEC2Client((AmazonEC2Config)c), () => new AmazonEC2Config());
        _s3 = new SdkClients<IAmazonS3>(connection, c => new AmazonS3Client((AmazonS3Config)c), () => new AmazonS3Config
        {
            // Path-style addressing: LocalStack and moto serve every bucket from one host.
            ForcePathStyle = connection.EndpointUrl is { Length: > 0 },
        });
        _sts = new SdkClients<IAmazonSecurityTokenService>(connection,
            c => new AmazonSecurityTokenServiceClient((AmazonSecurityTokenServiceConfig)c), () => new AmazonSecurityTokenServiceConfig());
        Ec2 = new SdkEc2Api(_ec2);
        S3 = new SdkS3Api(_s3, connection.DefaultRegion ?? "us-east-1");
        Sts = new SdkStsApi(_sts);
    }

    public IEc2Api Ec2 { get; }
    public IS3Api S3 { get; }
    public IStsApi Sts { get; }

    public void Dispose()
    {
        _ec2.Dispose();
        _s3.Dispose();
        _sts.Dispose();
    }
}
