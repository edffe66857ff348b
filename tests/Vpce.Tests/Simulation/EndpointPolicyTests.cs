using Vpce.Ports.Aws;

namespace Vpce.Tests.Simulation;

/// <summary>Endpoint policies as EC2 checks and shows them: the IAM grammar with a Principal in every statement, at most
/// 20,480 characters white space included, and each type's default as DescribeVpcEndpoints returns it.</summary>
public sealed class EndpointPolicyTests
{
    private readonly TestAccount _account = new();

    private const string InterfaceDefault = "{\n  \"Statement\": [\n    {\n      \"Action\": \"*\", \n      \"Effect\": \"Allow\", \n      \"Principal\": \"*\", \n      \"Resource\": \"*\"\n    }\n  ]\n}";

    [Fact]
    public async Task Each_type_gets_AWSs_default_policy_as_AWS_shows_it()
    {
        var gateway = await _account.CreateAsync(_account.Gateway(_account.RouteTable1));
        var @interface = await _account.CreateAsync(_account.Interface(_account.SubnetA));

        Assert.Equal("""{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""", gateway.PolicyDocument);
        Assert.Equal(InterfaceDefault, @interface.PolicyDocument);

        await _account.Ec2.ModifyVpcEndpointAsync(TestAccount.Region, new ModifyEndpointRequest
        {
            VpcEndpointId = @interface.VpcEndpointId, PolicyDocument = """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"ssm:*","Resource":"*"}]}""",
        }, default);
        await _account.Ec2.ModifyVpcEndpointAsync(TestAccount.Region, new ModifyEndpointRequest { VpcEndpointId = @interface.VpcEndpointId, ResetPolicy = true }, default);
        Assert.Equal(InterfaceDefault, (await _account.DescribeAsync(@interface.VpcEndpointId)).PolicyDocument);
    }

    public static TheoryData<string, string> Refused => new()
    {
        // https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html: "It must contain a Principal element."
        { """{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""", "Missing required field Principal." },
        { """{"Statement":[{"Effect":"Allow","Principal":"*","Resource":"*"}]}""", "Missing required field Action." },
        { """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*"}]}""", "Missing required field Resource." },
        { """{"Statement":[{"Effect":"Permit","Principal":"*","Action":"*","Resource":"*"}]}""", "Invalid effect." },
        { """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Actions":"*"}]}""", "Unknown field Actions." },
        { """{"Version":"2021-01-01","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""", "Invalid Version \"2021-01-01\"." },
        { """{"Version":"2012-10-17"}""", "Missing required field Statement." },
        { "{\"Statement\": [\n  {\"Effect\": \"Allow\",, }]}", "Syntax error at position (2,22)" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_policy_outside_the_grammar_is_refused_on_create_and_on_modify(string policy, string detail)
    {
        var create = await Assert.ThrowsAsync<AwsApiException>(() => _account.CreateAsync(_account.Gateway(_account.RouteTable1) with { PolicyDocument = policy }));
        Assert.Equal(("InvalidPolicyDocument", $"InvalidPolicyDocument: The Policy Document is not valid. {detail}"), (create.Code, create.Message));
        Assert.Empty(_account.Aws.World.Endpoints(TestAccount.Region));

        var endpoint = await _account.CreateAsync(_account.Gateway(_account.RouteTable1));
        var modify = await Assert.ThrowsAsync<AwsApiException>(() => _account.Ec2.ModifyVpcEndpointAsync(TestAccount.Region,
            new ModifyEndpointRequest { VpcEndpointId = endpoint.VpcEndpointId, PolicyDocument = policy }, default));
        Assert.Equal("InvalidPolicyDocument", modify.Code);
        Assert.Equal(endpoint.PolicyDocument, (await _account.DescribeAsync(endpoint.VpcEndpointId)).PolicyDocument);
    }

    [Fact]
    public async Task At_most_20480_characters_white_space_included()
    {
        const string statement = """{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}""";
        var policy = $$"""{"Statement":[{{statement}}]}""";
        var padded = policy.Replace("{\"Statement\"", "{" + new string(' ', 20480 - policy.Length) + "\"Statement\"");
        Assert.Equal(20480, padded.Length);
        await _account.CreateAsync(_account.Gateway(_account.RouteTable1) with { PolicyDocument = padded });

        var error = await Assert.ThrowsAsync<AwsApiException>(() => _account.CreateAsync(_account.Gateway(_account.RouteTable2) with { PolicyDocument = " " + padded }));
        Assert.Equal("InvalidPolicyDocument", error.Code);
        Assert.Contains("20481 characters", error.Message);
    }
}
