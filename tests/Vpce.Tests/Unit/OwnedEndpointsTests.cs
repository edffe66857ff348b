using FsCheck.Fluent;
using FsCheck.Xunit;
using FsCheck;
using Vpce.Crds;
using Vpce.Operator.Observe;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Unit;

/// <summary>The owned endpoints' index by VPC, kept up as endpoints are recorded, moved and forgotten, against a filter of
/// the endpoints by id: the same endpoints of every VPC, in id order.</summary>
public sealed class OwnedEndpointsTests
{
    private static readonly string[] VpcIds = ["vpc-1", "vpc-2", "vpc-3"];

    /// <summary>One write: an endpoint recorded (in some VPC, some state) or forgotten.</summary>
    public sealed record Write(bool Forget, int Id, string VpcId, string State);

    private static Gen<Write> WriteGen() =>
        from forget in Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false)))
        from id in Gen.Choose(1, 15)
        from vpc in Gen.Elements(VpcIds)
        from state in Gen.Elements(EndpointStates.Available, EndpointStates.Pending, EndpointStates.Deleting)
        select new Write(forget, id, vpc, state);

    private static AwsEndpoint Endpoint(int id, string vpcId, string state) =>
        new($"vpce-{id:00}", vpcId, "com.amazonaws.eu-west-1.ssm", EndpointTypes.Interface, state, [], [], [], [], false, null, [], Tag.None, null);

    [Property(MaxTest = 200)]
    public Property Every_vpcs_endpoints_are_those_of_the_filter() =>
        Prop.ForAll(Gen.ArrayOf(WriteGen()).ToArbitrary(), Gen.Choose(0, 10).ToArbitrary(), (writes, initial) =>
        {
            var start = Enumerable.Range(20, initial).Select(i => Endpoint(i, VpcIds[i % VpcIds.Length], EndpointStates.Available)).ToList();
            var owned = OwnedEndpoints.Of(start);
            var expected = start.ToDictionary(e => e.VpcEndpointId);
            Check(owned, expected);
            foreach (var write in writes)
            {
                var endpoint = Endpoint(write.Id, write.VpcId, write.State);
                if (write.Forget)
                {
                    owned = owned.Without(endpoint.VpcEndpointId);
                    expected.Remove(endpoint.VpcEndpointId);
                }
                else
                {
                    owned = owned.With(endpoint);
                    expected[endpoint.VpcEndpointId] = endpoint;
                }
                Check(owned, expected);
            }
        });

    [Fact]
    public void The_same_vpc_is_answered_with_the_same_set_until_it_changes()
    {
        var owned = OwnedEndpoints.Of([Endpoint(1, "vpc-1", EndpointStates.Available), Endpoint(2, "vpc-2", EndpointStates.Available)]);
        var first = owned.InVpc("vpc-1");
        Assert.Same(first, owned.InVpc("vpc-1"));
        var changedOther = owned.With(Endpoint(3, "vpc-2", EndpointStates.Available));
        Assert.Same(first, changedOther.InVpc("vpc-1"));
        Assert.NotSame(first, changedOther.With(Endpoint(4, "vpc-1", EndpointStates.Available)).InVpc("vpc-1"));
    }

    private static void Check(OwnedEndpoints owned, Dictionary<string, AwsEndpoint> expected)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), owned.ById.Keys.Order(StringComparer.Ordinal));
        foreach (var vpcId in VpcIds.Append("vpc-none"))
        {
            var inVpc = expected.Values.Where(e => e.VpcId == vpcId).OrderBy(e => e.VpcEndpointId, StringComparer.Ordinal).ToList();
            Assert.Equal(inVpc, owned.InVpc(vpcId));
            Assert.All(inVpc, e => Assert.Equal(e, owned.ById[e.VpcEndpointId]));
        }
    }
}
