namespace Vpce.Ports.Aws;

/// <summary>The three AWS ports together, as one adapter set or one simulator provides them.</summary>
public interface IAwsApis
{
    IEc2Api Ec2 { get; }
    IS3Api S3 { get; }
    IStsApi Sts { get; }

    /// <summary>The same ports acting with other credentials (an assumed role's): <paramref name="credentials"/> is asked
    /// before every request, so credentials refreshed behind it are used from the next request on.</summary>
    IAwsApis ActingAs(Func<AwsSessionCredentials> credentials);
}
