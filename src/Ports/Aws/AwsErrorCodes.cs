namespace Vpce.Ports.Aws;

/// <summary>The AWS error codes the operator tells apart.</summary>
public static class AwsErrorCodes
{
    public const string RequestLimitExceeded = "RequestLimitExceeded";
    public const string Throttling = "Throttling";
    public const string ThrottlingException = "ThrottlingException";
    public const string SlowDown = "SlowDown";
    public const string UnauthorizedOperation = "UnauthorizedOperation";
    public const string AccessDenied = "AccessDenied";
    public const string InvalidVpcEndpointIdNotFound = "InvalidVpcEndpointId.NotFound";
    public const string InvalidVpcIdNotFound = "InvalidVpcID.NotFound";
    public const string InvalidRouteTableIdNotFound = "InvalidRouteTableID.NotFound";
    public const string InvalidSubnetIdNotFound = "InvalidSubnetID.NotFound";
    public const string InvalidGroupNotFound = "InvalidGroup.NotFound";
    public const string InvalidServiceName = "InvalidServiceName";
    public const string NoSuchBucket = "NoSuchBucket";
    public const string NoSuchBucketPolicy = "NoSuchBucketPolicy";
    public const string MalformedPolicy = "MalformedPolicy";
    public const string IdempotentParameterMismatch = "IdempotentParameterMismatch";

    public static bool IsThrottling(string code) =>
        code is RequestLimitExceeded or Throttling or ThrottlingException or SlowDown or "TooManyRequestsException";

    public static bool IsAccessDenied(string code) =>
        code is UnauthorizedOperation or AccessDenied or "AccessDeniedException";

    /// <summary>An id not of the shape EC2 takes (InvalidVpcEndpointId.Malformed, InvalidRouteTableId.Malformed, ...): the
    /// request can never succeed as written.</summary>
    /// <summary>The credentials themselves were refused: expired (STS and S3 ExpiredToken, EC2 RequestExpired) or not known
    /// (STS InvalidClientTokenId, EC2 AuthFailure, S3 InvalidAccessKeyId). New credentials may succeed where these failed.</summary>
    public static bool IsRejectedCredentials(string code) =>
        code is "ExpiredToken" or "ExpiredTokenException" or "RequestExpired" or "InvalidClientTokenId" or "AuthFailure" or "InvalidAccessKeyId";

    public static bool IsMalformed(string code) => code.EndsWith(".Malformed", StringComparison.Ordinal);

    public static bool IsNotFound(string code) =>
        code.EndsWith(".NotFound", StringComparison.Ordinal) || code is NoSuchBucket or NoSuchBucketPolicy;
}
