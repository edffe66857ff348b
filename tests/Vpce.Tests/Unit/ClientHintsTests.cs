using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Unit;

public sealed class ClientHintsTests
{
    private static AwsEndpoint Endpoint(string type, bool privateDns, params string[] dnsNames) =>
        new("vpce-0abc", "vpc-1", "", type, EndpointStates.Available, [], [], [], [], privateDns, null,
            dnsNames.Select(n => new AwsDnsEntry(n, "Z1")).ToList(), Tag.None, null);

    [Theory]
    [InlineData("s3", "AWS_ENDPOINT_URL_S3")]
    [InlineData("com.amazonaws.eu-west-1.dynamodb", "AWS_ENDPOINT_URL_DYNAMODB")]
    [InlineData("ssm", "AWS_ENDPOINT_URL_SSM")]
    [InlineData("ecr.api", "AWS_ENDPOINT_URL_ECR")]
    [InlineData("logs", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS")]
    [InlineData("secretsmanager", "AWS_ENDPOINT_URL_SECRETS_MANAGER")]
    [InlineData("monitoring", "AWS_ENDPOINT_URL_CLOUDWATCH")]
    [InlineData("kinesis-streams", "AWS_ENDPOINT_URL_KINESIS")]
    [InlineData("ssmmessages", "AWS_ENDPOINT_URL_SSMMESSAGES")]
    [InlineData("ecr.dkr", "AWS_ENDPOINT_URL_ECR_DKR")]
    [InlineData("com.amazonaws.vpce.eu-west-1.vpce-svc-0123", "AWS_ENDPOINT_URL_VPCE_SVC_0123")]
    public void The_sdks_service_specific_variable(string service, string variable) =>
        Assert.Equal(variable, SdkEndpointVariables.For(service));

    [Fact]
    public void A_gateway_endpoint_points_at_the_services_regional_hostname()
    {
        var data = ClientHints.Data("eu-west-1", "com.amazonaws.eu-west-1.s3", Endpoint(EndpointTypes.Gateway, false), null)!;
        Assert.Equal(new Dictionary<string, string>
        {
            ["AWS_DEFAULT_REGION"] = "eu-west-1",
            ["AWS_ENDPOINT_URL_S3"] = "https://s3.eu-west-1.amazonaws.com",
            ["AWS_REGION"] = "eu-west-1",
            ["VPC_ENDPOINT_ID"] = "vpce-0abc",
        }, data);
    }

    [Theory]
    [InlineData("ssm.eu-west-1.amazonaws.com", "https://ssm.eu-west-1.amazonaws.com")]
    [InlineData("*.dkr.ecr.eu-west-1.amazonaws.com", "https://dkr.ecr.eu-west-1.amazonaws.com")]
    [InlineData(null, "https://ssm.eu-west-1.amazonaws.com")]
    public void With_private_dns_the_services_own_name(string? privateDnsName, string url) =>
        Assert.Equal(url, ClientHints.EndpointUrl("eu-west-1", "com.amazonaws.eu-west-1.ssm",
            Endpoint(EndpointTypes.Interface, true, "vpce-0abc-1.ssm.eu-west-1.vpce.amazonaws.com"), privateDnsName));

    [Fact]
    public void Without_private_dns_the_endpoints_regional_name_not_a_zonal_one()
    {
        var endpoint = Endpoint(EndpointTypes.Interface, false,
            "vpce-0abc-1-eu-west-1a.ssm.eu-west-1.vpce.amazonaws.com",
            "vpce-0abc-1.ssm.eu-west-1.vpce.amazonaws.com",
            "vpce-0abc-1-eu-west-1b.ssm.eu-west-1.vpce.amazonaws.com");
        Assert.Equal("https://vpce-0abc-1.ssm.eu-west-1.vpce.amazonaws.com",
            ClientHints.EndpointUrl("eu-west-1", "com.amazonaws.eu-west-1.ssm", endpoint, "ssm.eu-west-1.amazonaws.com"));
    }

    [Fact]
    public void An_s3_interface_name_loses_its_wildcard_and_china_regions_their_suffix()
    {
        Assert.Equal("https://vpce-0abc-1.s3.eu-west-1.vpce.amazonaws.com", ClientHints.EndpointUrl("eu-west-1", "com.amazonaws.eu-west-1.s3",
            Endpoint(EndpointTypes.Interface, false, "*.vpce-0abc-1.s3.eu-west-1.vpce.amazonaws.com", "*.vpce-0abc-1-eu-west-1a.s3.eu-west-1.vpce.amazonaws.com"), null));
        Assert.Equal("https://s3.cn-north-1.amazonaws.com.cn",
            ClientHints.EndpointUrl("cn-north-1", "com.amazonaws.cn-north-1.s3", Endpoint(EndpointTypes.Gateway, false), null));
    }

    [Fact]
    public void A_dns_name_of_another_form_is_taken_when_there_is_no_regional_one() =>
        // moto 4.1.4 names an interface endpoint vpce-ID-HASH.com.amazonaws.REGION.SERVICE, one name only.
        Assert.Equal("https://vpce-0abc-032b3be8.com.amazonaws.eu-west-1.ssm", ClientHints.EndpointUrl("eu-west-1", "com.amazonaws.eu-west-1.ssm",
            Endpoint(EndpointTypes.Interface, false, "vpce-0abc-032b3be8.com.amazonaws.eu-west-1.ssm"), null));

    [Fact]
    public void An_interface_endpoint_without_a_dns_name_yet_has_no_hints() =>
        Assert.Null(ClientHints.Data("eu-west-1", "com.amazonaws.eu-west-1.ssm", Endpoint(EndpointTypes.Interface, false), null));
}
