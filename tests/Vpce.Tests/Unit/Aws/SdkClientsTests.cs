using Amazon.EC2;
using Vpce.Operator.Aws.Sdk;
using Vpce.Operator.Observe;

namespace Vpce.Tests.Unit.Aws;

public sealed class SdkClientsTests
{
    private sealed class CountedClient : IDisposable
    {
        public bool Disposed { get; private set; }
        public void Dispose() => Disposed = true;
    }

    private readonly RegionsInUse _regions = new();
    private readonly List<CountedClient> _made = [];

    private SdkClients<CountedClient> Clients(RegionsInUse? regions) =>
        new(new AwsConnectionOptions("eu-west-1", null), _ => { var c = new CountedClient(); _made.Add(c); return c; },
            () => new AmazonEC2Config(), regions);

    [Fact]
    public void A_region_keeps_its_client_between_calls()
    {
        using var clients = Clients(_regions);
        Assert.Same(clients.For("eu-west-1"), clients.For("eu-west-1"));
        Assert.Single(_made);
    }

    [Fact]
    public void When_a_regions_last_object_leaves_its_client_is_disposed_and_dropped()
    {
        using var clients = Clients(_regions);
        _regions.Use("VpcEndpoint/ns/a", "xx-fake-1");
        var client = clients.For("xx-fake-1");
        clients.For("eu-west-1");

        _regions.Release("VpcEndpoint/ns/a");

        Assert.True(client.Disposed);
        Assert.Equal(["eu-west-1"], clients.Regions);
    }

    [Fact]
    public void A_region_another_object_still_uses_keeps_its_client()
    {
        using var clients = Clients(_regions);
        _regions.Use("VpcEndpoint/ns/a", "xx-fake-1");
        _regions.Use("EndpointBucketPolicy/ns/b", "xx-fake-1");
        var client = clients.For("xx-fake-1");

        _regions.Release("VpcEndpoint/ns/a");

        Assert.False(client.Disposed);
        Assert.Same(client, clients.For("xx-fake-1"));
    }

    [Fact]
    public void A_released_region_used_again_gets_a_new_client()
    {
        using var clients = Clients(_regions);
        _regions.Use("VpcEndpoint/ns/a", "xx-fake-1");
        var first = clients.For("xx-fake-1");
        _regions.Release("VpcEndpoint/ns/a");

        _regions.Use("VpcEndpoint/ns/a", "xx-fake-1");
        var second = clients.For("xx-fake-1");

        Assert.NotSame(first, second);
        Assert.False(second.Disposed);
    }

    [Fact]
    public void Without_regions_in_use_clients_are_kept_until_disposed()
    {
        var clients = Clients(null);
        var client = clients.For("xx-fake-1");
        _regions.Use("VpcEndpoint/ns/a", "xx-fake-1");
        _regions.Release("VpcEndpoint/ns/a");
        Assert.False(client.Disposed);
        clients.Dispose();
        Assert.True(client.Disposed);
    }

    [Fact]
    public void Disposed_clients_no_longer_listen()
    {
        var clients = Clients(_regions);
        clients.Dispose();
        _regions.Use("VpcEndpoint/ns/a", "xx-fake-1");
        _regions.Release("VpcEndpoint/ns/a");
        Assert.Empty(clients.Regions);
    }

    [Fact]
    public void The_sdk_apis_drop_every_services_client_of_an_unused_region_but_the_bucket_location_client()
    {
        using var apis = new SdkAwsApis(new AwsConnectionOptions("xx-fake-1", "http://127.0.0.1:1"), _regions,
            new Amazon.Runtime.BasicAWSCredentials("test", "test"));
        _regions.Use("VpcEndpoint/ns/a", "xx-fake-1");
        var ec2 = apis.Ec2Clients.For("xx-fake-1");
        apis.S3Clients.For("xx-fake-1");
        apis.StsClients.For("xx-fake-1");
        apis.S3LocationClients.For("xx-fake-1");

        _regions.Release("VpcEndpoint/ns/a");

        Assert.Empty(apis.Ec2Clients.Regions);
        Assert.Empty(apis.S3Clients.Regions);
        Assert.Empty(apis.StsClients.Regions);
        Assert.Equal(["xx-fake-1"], apis.S3LocationClients.Regions);
        Assert.NotSame(ec2, apis.Ec2Clients.For("xx-fake-1"));
    }
}
