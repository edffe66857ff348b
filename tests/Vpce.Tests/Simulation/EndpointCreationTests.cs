using System.Text.RegularExpressions;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Simulation;

public sealed class EndpointCreationTests
{
    private readonly TestAccount _account = new();

    [Fact]
    public async Task Gateway_endpoint_adds_a_prefix_list_route_to_each_route_table()
    {
        var endpoint = await _account.CreateAsync(_account.Gateway(_account.RouteTable1, _account.RouteTable2));

        Assert.Matches(new Regex("^vpce-[0-9a-f]{17}$"), endpoint.VpcEndpointId);
        Assert.Equal(EndpointStates.Pending, endpoint.State);
        foreach (var table in new[] { _account.RouteTable1, _account.RouteTable2 })
        {
            var routes = (await _account.RouteTableAsync(table)).Routes;
            var route = Assert.Single(routes, r => r.DestinationPrefixListId is not null);
            Assert.Equal("pl-6da54004", route.DestinationPrefixListId);
            Assert.Equal(endpoint.VpcEndpointId, route.GatewayId);
        }
        Assert.Empty(endpoint.DnsEntries);
        Assert.Empty(endpoint.NetworkInterfaceIds);
        Assert.False(endpoint.PrivateDnsEnabled);
    }

    [Fact]
    public async Task The_callers_record_comes_before_the_request_and_a_failed_one_sends_none()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _account.Ec2.CreateVpcEndpointAsync(TestAccount.Region,
            _account.Gateway(_account.RouteTable1), default, _ => throw new InvalidOperationException("the record failed")));
        Assert.Empty(await _account.Ec2.DescribeVpcEndpointsAsync(TestAccount.Region, new EndpointQuery(), default));
        Assert.Equal(0, _account.Aws.Calls["ec2:CreateVpcEndpoint"]);

        var endpointsWhenRecorded = -1;
        var made = await _account.Ec2.CreateVpcEndpointAsync(TestAccount.Region, _account.Gateway(_account.RouteTable1), default, async _ =>
            endpointsWhenRecorded = (await _account.Ec2.DescribeVpcEndpointsAsync(TestAccount.Region, new EndpointQuery(), default)).Count);
        Assert.Equal(0, endpointsWhenRecorded);
        Assert.Equal(made.VpcEndpointId, (await _account.DescribeAsync(made.VpcEndpointId)).VpcEndpointId);
        Assert.Equal(1, _account.Aws.Calls["ec2:CreateVpcEndpoint"]);
    }

    [Fact]
    public async Task Endpoint_without_a_policy_gets_the_full_access_default()
    {
        var endpoint = await _account.CreateAsync(_account.Gateway(_account.RouteTable1));

        Assert.Equal("""{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""", endpoint.PolicyDocument);
    }

    [Fact]
    public async Task Interface_endpoint_has_one_network_interface_per_subnet_and_dns_names()
    {
        var endpoint = await _account.CreateAsync(_account.Interface(_account.SubnetA, _account.SubnetB));

        Assert.Equal(2, endpoint.NetworkInterfaceIds.Count);
        Assert.All(endpoint.NetworkInterfaceIds, id => Assert.Matches(new Regex("^eni-[0-9a-f]{17}$"), id));
        Assert.True(endpoint.PrivateDnsEnabled);
        var names = endpoint.DnsEntries.Select(d => d.DnsName).ToList();
        Assert.Matches(new Regex($"^{endpoint.VpcEndpointId}-[0-9a-f]{{8}}\\.ssm\\.eu-west-1\\.vpce\\.amazonaws\\.com$"), names[0]);
        Assert.Contains(names, n => n.Contains("-eu-west-1a.ssm.eu-west-1.vpce.amazonaws.com"));
        Assert.Contains(names, n => n.Contains("-eu-west-1b.ssm.eu-west-1.vpce.amazonaws.com"));
        Assert.Contains("ssm.eu-west-1.amazonaws.com", names);
        Assert.All(endpoint.DnsEntries, d => Assert.StartsWith("Z", d.HostedZoneId));
    }

    [Fact]
    public async Task Interface_endpoint_without_groups_gets_the_vpc_default_group()
    {
        var endpoint = await _account.CreateAsync(_account.Interface(_account.SubnetA));

        Assert.Equal([_account.Aws.World.DefaultSecurityGroupId(_account.VpcId)], endpoint.SecurityGroupIds);
    }

    [Fact]
    public async Task Two_subnets_in_one_zone_are_refused()
    {
        var error = await Assert.ThrowsAsync<AwsApiException>(() => _account.CreateAsync(_account.Interface(_account.SubnetA, _account.SubnetA2)));

        Assert.Equal("DuplicateSubnetsInSameZone", error.Code);
        Assert.Empty(_account.Aws.World.Endpoints(TestAccount.Region));
    }

    [Fact]
    public async Task Tags_are_applied_with_the_endpoint()
    {
        var endpoint = await _account.CreateAsync(_account.Gateway(_account.RouteTable1) with { Tags = new Dictionary<string, string> { ["owner"] = "team-a" } });

        Assert.Equal("team-a", endpoint.Tags["owner"]);
    }

    [Fact]
    public async Task Reserved_tag_keys_refuse_the_whole_creation()
    {
        var request = _account.Gateway(_account.RouteTable1) with { Tags = new Dictionary<string, string> { ["aws:cloudformation"] = "x" } };

        var error = await Assert.ThrowsAsync<AwsApiException>(() => _account.CreateAsync(request));

        Assert.Equal("InvalidParameterValue", error.Code);
        Assert.Empty(_account.Aws.World.Endpoints(TestAccount.Region));
        Assert.DoesNotContain((await _account.RouteTableAsync(_account.RouteTable1)).Routes, r => r.DestinationPrefixListId is not null);
    }

    public static TheoryData<string, string> Refusals() => new()
    {
        { "unknown-vpc", AwsErrorCodes.InvalidVpcIdNotFound },
        { "unknown-service", AwsErrorCodes.InvalidServiceName },
        { "unknown-route-table", "InvalidRouteTableID.NotFound" },
        { "unknown-subnet", AwsErrorCodes.InvalidSubnetIdNotFound },
        { "unknown-group", AwsErrorCodes.InvalidGroupNotFound },
        { "route-table-of-another-vpc", "InvalidParameter" },
        { "subnet-of-another-vpc", "InvalidParameter" },
        { "gateway-with-subnets", "InvalidParameter" },
        { "interface-with-route-tables", "InvalidParameter" },
        { "gateway-to-interface-only-service", "InvalidParameter" },
        { "private-dns-without-vpc-hostnames", "InvalidParameter" },
        { "policy-not-json", "InvalidPolicyDocument" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Invalid_requests_are_refused_with_aws_codes(string mistake, string code)
    {
        var world = _account.Aws.World;
        var otherVpc = world.CreateVpc(TestAccount.Region, "10.1.0.0/16");
        var request = mistake switch
        {
            "unknown-vpc" => _account.Gateway(_account.RouteTable1) with { VpcId = "vpc-0123456789abcdef0" },
            "unknown-service" => _account.Gateway(_account.RouteTable1) with { ServiceName = "com.amazonaws.eu-west-1.nope" },
            "unknown-route-table" => _account.Gateway("rtb-0123456789abcdef0"),
            "unknown-subnet" => _account.Interface("subnet-0123456789abcdef0"),
            "unknown-group" => _account.Interface(_account.SubnetA) with { SecurityGroupIds = ["sg-0123456789abcdef0"] },
            "route-table-of-another-vpc" => _account.Gateway(world.MainRouteTableId(otherVpc)),
            "subnet-of-another-vpc" => _account.Interface(world.CreateSubnet(otherVpc, "eu-west-1a", "10.1.1.0/24")),
            "gateway-with-subnets" => _account.Gateway(_account.RouteTable1) with { SubnetIds = [_account.SubnetA] },
            "interface-with-route-tables" => _account.Interface(_account.SubnetA) with { RouteTableIds = [_account.RouteTable1] },
            "gateway-to-interface-only-service" => _account.Gateway(_account.RouteTable1) with { ServiceName = TestAccount.Ssm },
            "private-dns-without-vpc-hostnames" => _account.Interface(world.CreateSubnet(otherVpc, "eu-west-1a", "10.1.2.0/24")) with { VpcId = otherVpc },
            "policy-not-json" => _account.Gateway(_account.RouteTable1) with { PolicyDocument = "{not json" },
            _ => throw new ArgumentOutOfRangeException(nameof(mistake)),
        };

        var error = await Assert.ThrowsAsync<AwsApiException>(() => _account.CreateAsync(request));

        Assert.Equal(code, error.Code);
        Assert.Empty(_account.Aws.World.Endpoints(TestAccount.Region));
    }

    [Fact]
    public async Task A_second_gateway_endpoint_for_the_same_route_table_is_refused()
    {
        await _account.CreateAsync(_account.Gateway(_account.RouteTable1));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => _account.CreateAsync(_account.Gateway(_account.RouteTable1)));

        Assert.Equal("RouteAlreadyExists", error.Code);
    }

    [Fact]
    public async Task A_second_private_dns_interface_endpoint_for_a_service_conflicts()
    {
        await _account.CreateAsync(_account.Interface(_account.SubnetA));

        var error = await Assert.ThrowsAsync<AwsApiException>(() => _account.CreateAsync(_account.Interface(_account.SubnetB)));

        Assert.Equal("InvalidParameter", error.Code);
        Assert.Contains("conflicting DNS domain", error.Message);
    }

    [Fact]
    public async Task Private_DNS_for_S3_needs_a_gateway_endpoint_of_S3_in_the_vpc()
    {
        // terraform-aws-modules/terraform-aws-vpc#982: the S3 interface endpoint with private DNS and no DnsOptions.
        var s3Interface = _account.Interface(_account.SubnetA) with { ServiceName = TestAccount.S3 };
        var error = await Assert.ThrowsAsync<AwsApiException>(() => _account.CreateAsync(s3Interface));
        Assert.Equal(("InvalidParameter", $"InvalidParameter: To set PrivateDnsOnlyForInboundResolverEndpoint to true, the VPC {_account.VpcId} must have a Gateway endpoint for the service."),
            (error.Code, error.Message));
        Assert.Empty(_account.Aws.World.Endpoints(TestAccount.Region));

        // Without private DNS it needs nothing; turning it on later is refused the same way (hashicorp/terraform-provider-aws#33689).
        var plain = await _account.CreateAsync(s3Interface with { PrivateDnsEnabled = false });
        var modify = await Assert.ThrowsAsync<AwsApiException>(() => _account.Ec2.ModifyVpcEndpointAsync(TestAccount.Region,
            new ModifyEndpointRequest { VpcEndpointId = plain.VpcEndpointId, PrivateDnsEnabled = true }, default));
        Assert.Contains("must have a Gateway endpoint for the service", modify.Message);

        // With the gateway in the VPC, both go through.
        await _account.CreateAsync(_account.Gateway(_account.RouteTable1));
        await _account.Ec2.ModifyVpcEndpointAsync(TestAccount.Region, new ModifyEndpointRequest { VpcEndpointId = plain.VpcEndpointId, PrivateDnsEnabled = true }, default);
        Assert.True((await _account.DescribeAsync(plain.VpcEndpointId)).PrivateDnsEnabled);
    }
}
