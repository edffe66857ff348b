using Amazon.EC2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Vpce.Operator.Observe;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Aws.Sdk;

/// <summary>The AWS ports on the AWS SDK, one client per region and service, each dropped when
/// <see cref="RegionsInUse"/> says its region's last object left. Credentials: the SDK's default chain
/// (environment, profile, IRSA web identity).</summary>
public sealed class SdkAwsApis : IAwsApis, IDisposable
{
    public SdkAwsApis(AwsConnectionOptions connection, RegionsInUse? regions = null)
        : this(connection, regions, credentials: null)
    {
    }

    /// <summary>With the given credentials instead of the default chain, whose search makes a client's constructor
    /// fail (after asking the instance metadata service) where there are none.</summary>
    internal SdkAwsApis(AwsConnectionOptions connection, RegionsInUse? regions, AWSCredentials? credentials)
    {
        _connection = connection;
        Ec2Clients = new SdkClients<IAmazonEC2>(connection,
            c => credentials is null ? new AmazonEC2Client((AmazonEC2Config)c) : new AmazonEC2Client(credentials, (AmazonEC2Config)c),
            () => new AmazonEC2Config(), regions);
        S3Clients = new SdkClients<IAmazonS3>(connection, c => NewS3Client(credentials, c), () => S3Config(connection), regions);
        // Bucket locations are asked in one region, for buckets of every region and before any object knows its
        // bucket's region: no object's Use covers that client, so it is never dropped.
        S3LocationClients = new SdkClients<IAmazonS3>(connection, c => NewS3Client(credentials, c), () => S3Config(connection));
        StsClients = new SdkClients<IAmazonSecurityTokenService>(connection,
            c => credentials is null
                ? new AmazonSecurityTokenServiceClient((AmazonSecurityTokenServiceConfig)c)
                : new AmazonSecurityTokenServiceClient(credentials, (AmazonSecurityTokenServiceConfig)c),
            () => new AmazonSecurityTokenServiceConfig(), regions);
        Ec2 = new SdkEc2Api(Ec2Clients);
        S3 = new SdkS3Api(S3Clients, S3LocationClients, connection.DefaultRegion ?? "us-east-1");
        Sts = new SdkStsApi(StsClients);
    }

    private readonly AwsConnectionOptions _connection;

    public IEc2Api Ec2 { get; }
    public IS3Api S3 { get; }
    public IStsApi Sts { get; }

    internal SdkClients<IAmazonEC2> Ec2Clients { get; }
    internal SdkClients<IAmazonS3> S3Clients { get; }
    internal SdkClients<IAmazonS3> S3LocationClients { get; }
    internal SdkClients<IAmazonSecurityTokenService> StsClients { get; }

    private static AmazonS3Client NewS3Client(AWSCredentials? credentials, ClientConfig config) =>
        credentials is null ? new AmazonS3Client((AmazonS3Config)config) : new AmazonS3Client(credentials, (AmazonS3Config)config);

    // Path-style addressing: LocalStack and moto serve every bucket from one host.
    private static AmazonS3Config S3Config(AwsConnectionOptions connection) =>
        new() { ForcePathStyle = connection.EndpointUrl is { Length: > 0 } };

    /// <summary>New clients on the given credentials (an assumed role's), sharing this one's connection. They are the
    /// account's, kept until the account goes (the caller disposes them then): this one's region bookkeeping counts only
    /// the objects of its own identity.</summary>
    public IAwsApis ActingAs(Func<AwsSessionCredentials> credentials) =>
        new SdkAwsApis(_connection, regions: null, new DelegatedCredentials(credentials));

    public void Dispose()
    {
        Ec2Clients.Dispose();
        S3Clients.Dispose();
        S3LocationClients.Dispose();
        StsClients.Dispose();
    }
}
