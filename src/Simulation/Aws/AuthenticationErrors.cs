using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>
/// What each service answers to a request signed with credentials it does not accept. The services differ, and the operator
/// sees the difference:
/// <list type="bullet">
/// <item>STS: InvalidClientTokenId (403) "The security token included in the request is invalid." and ExpiredToken (403)
/// "The security token included in the request is expired" (the Query protocol's codes for the common errors
/// InvalidClientTokenId and ExpiredTokenException, https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html).</item>
/// <item>S3: InvalidAccessKeyId (403) "The AWS Access Key Id you provided does not exist in our records." and ExpiredToken
/// (400) "The provided token has expired." (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).</item>
/// <item>EC2: AuthFailure (401) "AWS was not able to validate the provided access credentials" and, for expired credentials,
/// RequestExpired (400) (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html; the SDKs refresh
/// credentials on RequestExpired for EC2 alone, e.g. aws-sdk-js's INVALIDATE_CREDENTIALS listener).</item>
/// </list>
/// </summary>
internal static class AuthenticationErrors
{
    public static AwsApiException Invalid(string service) => service switch
    {
        "ec2" => new AwsApiException("AuthFailure", "AWS was not able to validate the provided access credentials", 401),
        "s3" => new AwsApiException("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", 403),
        _ => new AwsApiException("InvalidClientTokenId", "The security token included in the request is invalid.", 403),
    };

    public static AwsApiException Expired(string service) => service switch
    {
        "ec2" => new AwsApiException("RequestExpired", "Request has expired.", 400),
        "s3" => new AwsApiException("ExpiredToken", "The provided token has expired.", 400),
        _ => new AwsApiException("ExpiredToken", "The security token included in the request is expired", 403),
    };
}
