using System.Net;
using Amazon.Runtime;
using Vpce.Operator.Aws.Sdk;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Unit.Aws;

public sealed class SdkErrorsTests
{
    private static AmazonServiceException Service(string? code, HttpStatusCode status) =>
        new("message", ErrorType.Sender, code, "request-id", status);

    [Fact]
    public async Task AWS_answers_keep_their_code_and_status()
    {
        var e = await Assert.ThrowsAsync<AwsApiException>(() => SdkErrors.Call<int>("Op", () => throw Service("InvalidVpcID.NotFound", HttpStatusCode.BadRequest), default));
        Assert.Equal(("InvalidVpcID.NotFound", 400), (e.Code, e.StatusCode));
        Assert.True(e.IsNotFound);
    }

    [Fact]
    public async Task Throttling_stays_an_AWS_answer_even_as_a_5xx()
    {
        var e = await Assert.ThrowsAsync<AwsApiException>(() => SdkErrors.Call<int>("Op", () => throw Service("RequestLimitExceeded", HttpStatusCode.ServiceUnavailable), default));
        Assert.True(e.IsThrottling);
    }

    [Fact]
    public async Task Server_errors_and_no_connection_are_AWS_unavailable()
    {
        await Assert.ThrowsAsync<AwsUnavailableException>(() => SdkErrors.Call<int>("Op", () => throw Service("InternalError", HttpStatusCode.InternalServerError), default));
        await Assert.ThrowsAsync<AwsUnavailableException>(() => SdkErrors.Call<int>("Op", () => throw new HttpRequestException("connection refused"), default));
        await Assert.ThrowsAsync<AwsUnavailableException>(() => SdkErrors.Call<int>("Op", () => throw new AmazonClientException("no credentials"), default));
    }

    [Fact]
    public async Task The_callers_own_cancellation_passes_through()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SdkErrors.Call<int>("Op", () => throw new OperationCanceledException(cts.Token), cts.Token));
        await Assert.ThrowsAsync<AwsUnavailableException>(() => SdkErrors.Call<int>("Op", () => throw new TaskCanceledException("HTTP timeout"), default));
    }

    [Fact]
    public async Task Asking_for_no_ids_gets_nothing_and_makes_no_call()
    {
        // No client factory is ever asked for: any call would throw.
        using var clients = new SdkClients<Amazon.EC2.IAmazonEC2>(new AwsConnectionOptions("eu-west-1", null),
            _ => throw new InvalidOperationException("no AWS call expected"), () => new Amazon.EC2.AmazonEC2Config());
        var ec2 = new SdkEc2Api(clients);
        Assert.Empty(await ec2.DescribeSecurityGroupsAsync("eu-west-1", new ResourceQuery { Ids = [] }, default));
        Assert.Empty(await ec2.DescribeVpcEndpointsAsync("eu-west-1", new EndpointQuery { EndpointIds = [] }, default));
    }
}
