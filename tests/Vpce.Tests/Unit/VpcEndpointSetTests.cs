using FsCheck.Fluent;
using FsCheck.Xunit;
using FsCheck;
using Vpce.Crds;
using Vpce.Operator.Model;
using Vpce.Ports.Aws;

namespace Vpce.Tests.Unit;

/// <summary>The companion check over a <see cref="VpcEndpointSet"/> (indexed once, answers kept) against the check as it
/// was written before the index: a scan of the VPC's endpoints per member. Same answers for any VPC.</summary>
public sealed class VpcEndpointSetTests
{
    private const string Region = "eu-west-1";
    private static readonly string[] Services = ["ssm", "ssmmessages", "ec2messages", "ecr.api", "ecr.dkr", "s3", "kms"];
    private static readonly string[] Types = [EndpointTypes.Interface, EndpointTypes.Gateway, "", "interface"];
    private static readonly string[] States = [EndpointStates.Available, EndpointStates.Pending, EndpointStates.Deleting, EndpointStates.Failed];

    private static Gen<AwsEndpoint> EndpointGen() =>
        from id in Gen.Choose(1, 12)
        from service in Gen.Elements(Services)
        from type in Gen.Elements(Types)
        from state in Gen.Elements(States)
        select new AwsEndpoint($"vpce-{id:00}", "vpc-1", $"com.amazonaws.{Region}.{service}", type, state, [], [], [], [], false, null, [], Tag.None, null);

    private static Arbitrary<AwsEndpoint[]> Vpcs() => Gen.ArrayOf(EndpointGen()).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Every_dependent_gets_the_answer_of_a_scan() => Prop.ForAll(Vpcs(), endpoints =>
    {
        // Duplicated ids: the set keeps the last, so the scan is given the same endpoints.
        var distinct = endpoints.GroupBy(e => e.VpcEndpointId).Select(g => g.Last()).ToList();
        var set = VpcEndpointSet.Of(endpoints);
        foreach (var service in Services)
        {
            foreach (var type in new[] { EndpointTypes.Interface, EndpointTypes.Gateway })
            {
                var name = $"com.amazonaws.{Region}.{service}";
                var expected = Describe(Scan(name, type, distinct));
                Assert.Equal(expected, Describe(CompanionCheck.Check(Region, name, type, set)));
                // Asked again (answered from the set), and given as a plain list (indexed for the one call).
                Assert.Equal(expected, Describe(CompanionCheck.Check(Region, name, type, set)));
                Assert.Equal(expected, Describe(CompanionCheck.Check(Region, name, type, distinct)));
            }
        }
    });

    [Property(MaxTest = 100)]
    public Property A_set_is_its_endpoints_ordered_by_id_and_holds_exactly_those_instances() => Prop.ForAll(Vpcs(), endpoints =>
    {
        var set = VpcEndpointSet.Of(endpoints);
        var last = endpoints.GroupBy(e => e.VpcEndpointId).Select(g => g.Last()).OrderBy(e => e.VpcEndpointId, StringComparer.Ordinal).ToList();
        Assert.Equal(last, set);
        Assert.All(last, e => Assert.True(set.Holds(e)));
        Assert.All(last, e => Assert.False(set.Holds(e with { State = "other" })));
        Assert.All(last, e => Assert.True(set.Holds(e with { })));
        var replaced = set.With([last.FirstOrDefault() is { } first ? first with { State = EndpointStates.Deleted } : EndpointGen().Sample(1).Single()]);
        Assert.Equal(last.Count == 0 ? 1 : last.Count, replaced.Count);
    });

    // The check before the index, as it was written.
    private static List<CompanionReport> Scan(string serviceName, string type, IEnumerable<AwsEndpoint> vpcEndpoints)
    {
        var sets = CompanionSets.DependedOnBy(ServiceNames.ShortName(serviceName), type);
        var usable = vpcEndpoints.Where(e => e.State is EndpointStates.Available or EndpointStates.Pending).ToList();
        return sets.Select(set =>
        {
            var present = new List<(CompanionService, string)>();
            var missing = new List<CompanionService>();
            foreach (var member in set.Members)
            {
                var found = usable
                    .Where(e => e.ServiceName == $"com.amazonaws.{Region}.{member.ShortName}"
                        && (e.Type.Length == 0 || string.Equals(e.Type, member.Type, StringComparison.OrdinalIgnoreCase)))
                    .OrderBy(e => e.VpcEndpointId, StringComparer.Ordinal)
                    .FirstOrDefault();
                if (found is null)
                {
                    missing.Add(member);
                }
                else
                {
                    present.Add((member, found.VpcEndpointId));
                }
            }
            return new CompanionReport(set, present, missing);
        }).ToList();
    }

    private static string Describe(IReadOnlyList<CompanionReport> reports) =>
        string.Join(" | ", reports.Select(r => $"{r.Set.Name}: present {string.Join(",", r.Present.Select(p => $"{p.Member}={p.EndpointId}"))}; " +
            $"missing {string.Join(",", r.Missing)}"));
}
