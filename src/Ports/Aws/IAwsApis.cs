namespace Vpce.Ports.Aws;

/// <summary>The three AWS ports together, as one adapter set or one simulator provides them.</summary>
public interface IAwsApis
{
    IEc2Api Ec2 { get; }
    IS3Api S3 { get; }
    IStsApi Sts { get; }
}
