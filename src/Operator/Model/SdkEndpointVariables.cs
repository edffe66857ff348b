namespace Vpce.Operator.Model;

/// <summary>The AWS SDKs' service-specific endpoint variable, AWS_ENDPOINT_URL_ + the service's serviceId in upper case
/// with spaces as underscores ("Identifiers for service-specific endpoints",
/// https://docs.aws.amazon.com/sdkref/latest/guide/ss-endpoints-table.html), for the endpoint short names whose serviceId
/// differs from the short name or that are common. A service the table does not name (no SDK client: ssmmessages,
/// ec2messages, ecr.dkr) gets its short name in the same form.</summary>
public static class SdkEndpointVariables
{
    public const string Prefix = "AWS_ENDPOINT_URL_";

    // Endpoint short name → serviceId of the SDK client that calls it.
    private static readonly Dictionary<string, string> ServiceIds = new(StringComparer.Ordinal)
    {
        ["s3"] = "S3",
        ["dynamodb"] = "DynamoDB",
        ["ssm"] = "SSM",
        ["ec2"] = "EC2",
        ["ecr.api"] = "ECR",
        ["kms"] = "KMS",
        ["sts"] = "STS",
        ["logs"] = "CloudWatch Logs",
        ["monitoring"] = "CloudWatch",
        ["secretsmanager"] = "Secrets Manager",
        ["sqs"] = "SQS",
        ["sns"] = "SNS",
        ["lambda"] = "Lambda",
        ["ecs"] = "ECS",
        ["events"] = "EventBridge",
        ["states"] = "SFN",
        ["kinesis-streams"] = "Kinesis",
        ["kinesis-firehose"] = "Firehose",
        ["elasticfilesystem"] = "EFS",
        ["autoscaling"] = "Auto Scaling",
        ["application-autoscaling"] = "Application Auto Scaling",
        ["cloudformation"] = "CloudFormation",
        ["xray"] = "XRay",
        ["sagemaker.runtime"] = "SageMaker Runtime",
        ["bedrock-runtime"] = "Bedrock Runtime",
        ["rds"] = "RDS",
        ["athena"] = "Athena",
        ["glue"] = "Glue",
    };

    /// <summary>The variable for the service (short or full name). An endpoint service of another account
    /// (com.amazonaws.vpce.REGION.vpce-svc-…) is named by its last part.</summary>
    public static string For(string serviceName)
    {
        var shortName = ServiceNames.ShortName(serviceName);
        if (serviceName.StartsWith("com.amazonaws.vpce.", StringComparison.Ordinal))
        {
            shortName = shortName.Split('.')[^1];
        }
        var id = ServiceIds.GetValueOrDefault(shortName, shortName);
        return Prefix + new string(id.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
    }
}
