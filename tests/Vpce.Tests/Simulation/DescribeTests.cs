using Vpce.Ports.Aws;
using Vpce.Simulation.Aws;

namespace Vpce.Tests.Simulation;

public sealed class DescribeTests
{
    private readonly TestAccount _account = new(new AwsSimulatorOptions { Seed = 3, DescribePageSize = 5 });

    private Task<IReadOnlyList<AwsEndpoint>> EndpointsAsync(EndpointQuery query) =>
        _account.Ec2.DescribeVpcEndpointsAsync(TestAccount.Region, query, CancellationToken.None);

    [Fact]
    public async Task Every_page_of_a_describe_is_one_call()
    {
        var world = _account.Aws.World;
        for (var i = 0; i < 12; i++)
            await _account.CreateAsync(_account.Gateway(world.CreateRouteTable(_account.VpcId)));
        _account.Aws.Calls.Reset();

        var all = await EndpointsAsync(new EndpointQuery());

        Assert.Equal(12, all.Count);
        Assert.Equal(3, _account.Aws.Calls["ec2:DescribeVpcEndpoints"]);
    }

    [Fact]
    public async Task A_discarded_world_has_no_vpc_endpoint_or_bucket_left()
    {
        var world = _account.Aws.World;
        await _account.CreateAsync(_account.Gateway(world.CreateRouteTable(_account.VpcId)));
        world.CreateBucket("discarded-bucket", TestAccount.Region);

        world.Discard();

        Assert.Empty(await EndpointsAsync(new EndpointQuery()));
        Assert.Empty(await _account.Ec2.DescribeVpcsAsync(TestAccount.Region, new ResourceQuery(), CancellationToken.None));
        await Assert.ThrowsAsync<AwsApiException>(() => _account.Aws.S3.GetBucketRegionAsync("discarded-bucket", null, CancellationToken.None));
    }

    [Fact]
    public async Task A_view_is_handed_out_again_only_while_nothing_it_shows_has_changed()
    {
        var created = await _account.CreateAsync(_account.Interface(_account.SubnetA) with { Tags = new Dictionary<string, string> { ["owner"] = "a" } });
        var first = await _account.DescribeAsync(created.VpcEndpointId);
        Assert.Same(first, await _account.DescribeAsync(created.VpcEndpointId));

        // Every change a describe shows makes a new view: state, tags, subnets (and their interfaces and DNS names),
        // groups, private DNS, policy.
        _account.Time.Advance(TimeSpan.FromMinutes(5));
        var available = await _account.DescribeAsync(created.VpcEndpointId);
        Assert.NotSame(first, available);
        Assert.Equal(EndpointStates.Available, available.State);
        Assert.Same(available, await _account.DescribeAsync(created.VpcEndpointId));

        await _account.Ec2.CreateTagsAsync(TestAccount.Region, created.VpcEndpointId, new Dictionary<string, string> { ["owner"] = "b" }, CancellationToken.None);
        var retagged = await _account.DescribeAsync(created.VpcEndpointId);
        Assert.Equal("b", retagged.Tags["owner"]);

        await _account.Ec2.ModifyVpcEndpointAsync(TestAccount.Region, new ModifyEndpointRequest
        {
            VpcEndpointId = created.VpcEndpointId, AddSubnetIds = [_account.SubnetB], PrivateDnsEnabled = false, PolicyDocument = "{\"Statement\":[]}",
        }, CancellationToken.None);
        var modified = await _account.DescribeAsync(created.VpcEndpointId);
        Assert.Equal(new[] { _account.SubnetA, _account.SubnetB }.Order(StringComparer.Ordinal), modified.SubnetIds.Order(StringComparer.Ordinal));
        Assert.Equal(2, modified.NetworkInterfaceIds.Count);
        Assert.False(modified.PrivateDnsEnabled);
        Assert.Equal("{\"Statement\":[]}", modified.PolicyDocument);
        Assert.Contains(retagged.DnsEntries, e => e.DnsName == "ssm.eu-west-1.amazonaws.com");
        Assert.DoesNotContain(modified.DnsEntries, e => e.DnsName == "ssm.eu-west-1.amazonaws.com");
        Assert.Equal(["owner"], retagged.Tags.Keys);
        Assert.Equal([_account.SubnetA], first.SubnetIds);
    }

    [Fact]
    public async Task An_empty_describe_is_still_one_call()
    {
        Assert.Empty(await EndpointsAsync(new EndpointQuery()));

        Assert.Equal(1, _account.Aws.Calls["ec2:DescribeVpcEndpoints"]);
    }

    [Fact]
    public async Task Filters_by_vpc_service_and_tags_all_apply()
    {
        var tagged = await _account.CreateAsync(_account.Gateway(_account.RouteTable1) with { Tags = new Dictionary<string, string> { ["owner"] = "a" } });
        await _account.CreateAsync(_account.Gateway(_account.RouteTable2) with { Tags = new Dictionary<string, string> { ["owner"] = "b" } });
        await _account.CreateAsync(_account.Interface(_account.SubnetA) with { Tags = new Dictionary<string, string> { ["owner"] = "a" } });

        var found = await EndpointsAsync(new EndpointQuery
        {
            VpcIds = [_account.VpcId], ServiceName = TestAccount.S3, Tags = new Dictionary<string, string> { ["owner"] = "a" },
        });

        Assert.Equal(tagged.VpcEndpointId, Assert.Single(found).VpcEndpointId);
        Assert.Empty(await EndpointsAsync(new EndpointQuery { VpcIds = ["vpc-0123456789abcdef0"] }));
    }

    [Fact]
    public async Task An_unknown_endpoint_id_is_not_found()
    {
        var error = await Assert.ThrowsAsync<AwsApiException>(() => EndpointsAsync(new EndpointQuery { EndpointIds = ["vpce-0123456789abcdef0"] }));

        Assert.Equal(AwsErrorCodes.InvalidVpcEndpointIdNotFound, error.Code);
        Assert.True(error.IsNotFound);
    }

    [Fact]
    public async Task Other_resources_filter_by_ids_vpc_tags_and_group_name()
    {
        var ec2 = _account.Ec2;
        var none = CancellationToken.None;

        var vpc = Assert.Single(await ec2.DescribeVpcsAsync(TestAccount.Region, new ResourceQuery { Tags = new Dictionary<string, string> { ["Name"] = "demo-vpc" } }, none));
        Assert.Equal(_account.VpcId, vpc.VpcId);
        Assert.Equal(4, (await ec2.DescribeSubnetsAsync(TestAccount.Region, new ResourceQuery { VpcIds = [_account.VpcId] }, none)).Count);
        var tables = await ec2.DescribeRouteTablesAsync(TestAccount.Region, new ResourceQuery { VpcIds = [_account.VpcId] }, none);
        Assert.Single(tables, t => t.IsMain);
        Assert.Equal([_account.SubnetA], tables.Single(t => t.RouteTableId == _account.RouteTable1).AssociatedSubnetIds);
        Assert.Contains(tables.Single(t => t.IsMain).Routes, r => r.GatewayId == "local" && r.DestinationCidrBlock == "10.0.0.0/16");
        var group = Assert.Single(await ec2.DescribeSecurityGroupsAsync(TestAccount.Region, new ResourceQuery { VpcIds = [_account.VpcId], GroupName = "default" }, none));
        Assert.Equal(_account.Aws.World.DefaultSecurityGroupId(_account.VpcId), group.GroupId);
    }

    public static TheoryData<string, string> UnknownIds() => new()
    {
        { "vpc-0123456789abcdef0", AwsErrorCodes.InvalidVpcIdNotFound },
        { "subnet-0123456789abcdef0", AwsErrorCodes.InvalidSubnetIdNotFound },
        { "rtb-0123456789abcdef0", "InvalidRouteTableID.NotFound" },
        { "sg-0123456789abcdef0", AwsErrorCodes.InvalidGroupNotFound },
    };

    [Theory]
    [MemberData(nameof(UnknownIds))]
    public async Task Unknown_resource_ids_are_not_found(string id, string code)
    {
        var query = new ResourceQuery { Ids = [id] };
        var none = CancellationToken.None;
        Func<Task> describe = id.Split('-')[0] switch
        {
            "vpc" => () => _account.Ec2.DescribeVpcsAsync(TestAccount.Region, query, none),
            "subnet" => () => _account.Ec2.DescribeSubnetsAsync(TestAccount.Region, query, none),
            "rtb" => () => _account.Ec2.DescribeRouteTablesAsync(TestAccount.Region, query, none),
            _ => () => _account.Ec2.DescribeSecurityGroupsAsync(TestAccount.Region, query, none),
        };

        Assert.Equal(code, (await Assert.ThrowsAsync<AwsApiException>(describe)).Code);
    }

    [Fact]
    public async Task Vpc_dns_attributes_are_two_describe_attribute_calls()
    {
        _account.Aws.World.SetVpcDnsAttributes(_account.VpcId, enableDnsSupport: true, enableDnsHostnames: false);

        var attributes = await _account.Ec2.DescribeVpcDnsAttributesAsync(TestAccount.Region, _account.VpcId, CancellationToken.None);

        Assert.Equal(new VpcDnsAttributes(true, false), attributes);
        Assert.Equal(2, _account.Aws.Calls["ec2:DescribeVpcAttribute"]);
    }

    [Fact]
    public async Task Endpoint_services_list_s3_once_per_type_and_refuse_unknown_names()
    {
        var services = await _account.Ec2.DescribeVpcEndpointServicesAsync(TestAccount.Region, [TestAccount.S3, TestAccount.Ssm], CancellationToken.None);

        Assert.Equal(["Interface", "Gateway", "Interface"], services.Select(s => Assert.Single(s.ServiceTypes)).ToList());
        Assert.Equal("ssm.eu-west-1.amazonaws.com", services[2].PrivateDnsName);
        Assert.Equal(["eu-west-1a", "eu-west-1b", "eu-west-1c"], services[0].AvailabilityZones);
        var error = await Assert.ThrowsAsync<AwsApiException>(() =>
            _account.Ec2.DescribeVpcEndpointServicesAsync(TestAccount.Region, ["com.amazonaws.eu-west-1.nope"], CancellationToken.None));
        Assert.Equal(AwsErrorCodes.InvalidServiceName, error.Code);
    }

    [Fact]
    public async Task Prefix_lists_belong_to_gateway_services_only()
    {
        Assert.Equal("pl-6da54004", await _account.Ec2.DescribePrefixListIdAsync(TestAccount.Region, TestAccount.S3, CancellationToken.None));
        Assert.Equal("pl-6fa54006", await _account.Ec2.DescribePrefixListIdAsync(TestAccount.Region, "com.amazonaws.eu-west-1.dynamodb", CancellationToken.None));
        Assert.Null(await _account.Ec2.DescribePrefixListIdAsync(TestAccount.Region, TestAccount.Ssm, CancellationToken.None));
        Assert.Matches("^pl-[0-9a-f]{8}$", await _account.Ec2.DescribePrefixListIdAsync("ap-south-2", "com.amazonaws.ap-south-2.s3", CancellationToken.None));
    }

    [Fact]
    public async Task Tags_can_be_added_and_removed()
    {
        var endpoint = await _account.CreateAsync(_account.Gateway(_account.RouteTable1));

        await _account.Ec2.CreateTagsAsync(TestAccount.Region, endpoint.VpcEndpointId, new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }, CancellationToken.None);
        await _account.Ec2.DeleteTagsAsync(TestAccount.Region, endpoint.VpcEndpointId, ["a"], CancellationToken.None);

        Assert.Equal(new Dictionary<string, string> { ["b"] = "2" }, (await _account.DescribeAsync(endpoint.VpcEndpointId)).Tags);
        var error = await Assert.ThrowsAsync<AwsApiException>(() =>
            _account.Ec2.CreateTagsAsync(TestAccount.Region, "vpce-0123456789abcdef0", new Dictionary<string, string> { ["a"] = "1" }, CancellationToken.None));
        Assert.Equal(AwsErrorCodes.InvalidVpcEndpointIdNotFound, error.Code);
    }

    [Fact]
    public async Task Resources_of_one_region_are_not_seen_from_another()
    {
        Assert.Empty(await _account.Ec2.DescribeVpcsAsync("us-east-1", new ResourceQuery(), CancellationToken.None));
        var error = await Assert.ThrowsAsync<AwsApiException>(() =>
            _account.Ec2.DescribeVpcsAsync("us-east-1", new ResourceQuery { Ids = [_account.VpcId] }, CancellationToken.None));
        Assert.Equal(AwsErrorCodes.InvalidVpcIdNotFound, error.Code);
    }
}
