using System.Net;
using Amazon.Runtime;
using Vpce.Ports.Aws;

namespace Vpce.Operator.Aws.Sdk;

/// <summary>The one place SDK exceptions become the ports' errors: AWS's answers keep their code;
/// AWS failing as a whole (5xx after the SDK's retries, no connection) is <see cref="AwsUnavailableException"/>.</summary>
public static class SdkErrors
{
    public static async Task<T> Call<T>(string operation, Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (AmazonServiceException e) when (e.StatusCode >= HttpStatusCode.InternalServerError && !AwsErrorCodes.IsThrottling(e.ErrorCode ?? ""))
        {
            throw new AwsUnavailableException($"{operation}: AWS answered {(int)e.StatusCode} {e.ErrorCode}: {e.Message}", e);
        }
        catch (AmazonServiceException e) when (!string.IsNullOrEmpty(e.ErrorCode))
        {
            throw new AwsApiException(e.ErrorCode, e.Message, (int)e.StatusCode, e);
        }
        catch (AmazonServiceException e)
        {
            throw new AwsApiException(e.StatusCode.ToString(), $"{operation}: {e.Message}", (int)e.StatusCode, e);
        }
        catch (Exception e) when (e is AmazonClientException or HttpRequestException or IOException
                                  || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw new AwsUnavailableException($"{operation}: AWS could not be reached: {e.Message}", e);
        }
    }

    public static Task Call(string operation, Func<Task> call, CancellationToken ct) =>
        Call(operation, async () => { await call(); return true; }, ct);
}
