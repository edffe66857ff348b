namespace Vpce.Ports.Aws;

/// <summary>An error AWS answered with (or the simulator, in AWS's words). Code is AWS's error code.</summary>
public class AwsApiException(string code, string message, int statusCode = 400, Exception? inner = null)
    : Exception($"{code}: {message}", inner)
{
    public string Code { get; } = code;
    public int StatusCode { get; } = statusCode;
    public bool IsThrottling => AwsErrorCodes.IsThrottling(Code);
    public bool IsAccessDenied => AwsErrorCodes.IsAccessDenied(Code);
    public bool IsNotFound => AwsErrorCodes.IsNotFound(Code);
    public bool IsMalformed => AwsErrorCodes.IsMalformed(Code);

    /// <summary>The same error, its message naming the IAM action and resource refused (AWS's own message often names neither).</summary>
    public AwsApiException For(string action, string resource) =>
        new(Code, $"{action} on {resource}: {message}", StatusCode, this);
}
