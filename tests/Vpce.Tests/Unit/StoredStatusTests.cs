using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vpce.Crds;
using Vpce.Operator.Status;
using Vpce.Ports.Kube;

namespace Vpce.Tests.Unit;

/// <summary>Two statuses are the same when the API server would store them alike: nulls and empty lists are not stored,
/// everything else is, in order.</summary>
public sealed class StoredStatusTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, Action<VpcEndpointStatus>, bool> Changes => new()
    {
        { "nothing", _ => { }, true },
        { "an empty list made null", s => s.SubnetIds = null!, true },
        { "an empty nested list made null", s => s.Drift = null!, true },
        { "a null string kept null", s => s.PrefixListId = null, true },
        { "a string set", s => s.PrefixListId = "pl-1", false },
        { "an empty string set", s => s.ExportedConfigMap = "", false },
        { "an item added", s => s.SubnetIds.Add("subnet-1"), false },
        { "two items swapped", s => s.RouteTableIds.Reverse(), false },
        { "a condition's message", s => s.Conditions[0].Message = "other", false },
        { "a condition's time", s => s.Conditions[0].LastTransitionTime = At.AddSeconds(1), false },
        { "a coverage flag", s => s.SubnetCoverage[0].Covered = true, false },
        { "a coverage's optional field set", s => s.SubnetCoverage[0].DefaultRouteTarget = "nat-1", false },
        { "the sync time", s => s.LastSyncTime = At.AddMinutes(2), false },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_change_is_seen_exactly_when_the_stored_form_differs(string change, Action<VpcEndpointStatus> apply, bool same)
    {
        var after = Sample();
        apply(after);
        Assert.True(same == StoredStatus.SameAs(Sample(), after), change);
        Assert.True(same == StoredStatus.SameAs(after, Sample()), change + " (the other way round)");
    }

    [Fact]
    public void A_status_read_back_from_its_stored_form_is_the_same()
    {
        var stored = StatusJson.WithoutNulls(StatusJson.EmptyListsAsNull(JsonSerializer.SerializeToNode(Sample())))!.ToJsonString();
        var decoded = JsonSerializer.Deserialize<VpcEndpointStatus>(stored)!;
        Assert.True(StoredStatus.SameAs(Sample(), decoded));
    }

    [Fact]
    public void Statuses_of_the_two_kinds_compare_by_their_own_fields()
    {
        var a = new EndpointBucketPolicyStatus { ObservedGeneration = 2, Conditions = [Ready()] };
        var b = new EndpointBucketPolicyStatus { ObservedGeneration = 2, Conditions = [Ready()] };
        Assert.True(StoredStatus.SameAs(a, b));
        b.ObservedGeneration = 3;
        Assert.False(StoredStatus.SameAs(a, b));
    }

    /// <summary>The element types compared field by field: each property their contracts have, changed alone, is a change
    /// (a property added to one of them and not to its comparison fails here).</summary>
    [Theory]
    [InlineData(typeof(Condition))]
    [InlineData(typeof(SubnetCoverage))]
    [InlineData(typeof(DnsEntry))]
    [InlineData(typeof(DriftEntry))]
    public void Every_property_of_an_element_counts(Type type)
    {
        var contract = Contracts.GetTypeInfo(type);
        foreach (var property in contract.Properties)
        {
            var a = Filled(contract, "a");
            var b = Filled(contract, "a");
            Assert.True(StoredStatus.SameAs(Holding(a), Holding(b)), $"{type.Name} filled alike");
            property.Set!(b, property.Get!(Filled(contract, "b")));
            Assert.False(StoredStatus.SameAs(Holding(a), Holding(b)), $"{type.Name}.{property.Name} changed");
        }
    }

    private static readonly JsonSerializerOptions Contracts = new() { TypeInfoResolver = CrdJsonContext.Default };

    private static object Filled(System.Text.Json.Serialization.Metadata.JsonTypeInfo contract, string variant)
    {
        var filled = contract.CreateObject!();
        foreach (var property in contract.Properties)
        {
            object value = property.PropertyType == typeof(string) ? $"{variant}-{property.Name}"
                : property.PropertyType == typeof(DateTimeOffset) ? At.AddMinutes(variant == "a" ? 1 : 2)
                : property.PropertyType == typeof(long?) ? (variant == "a" ? 1L : 2L)
                : property.PropertyType == typeof(bool) ? variant == "a"
                : throw new InvalidOperationException($"the test does not fill {property.Name} of type {property.PropertyType}");
            property.Set!(filled, value);
        }
        return filled;
    }

    private static VpcEndpointStatus Holding(object element) => element switch
    {
        Condition c => new VpcEndpointStatus { Conditions = [c] },
        SubnetCoverage c => new VpcEndpointStatus { SubnetCoverage = [c] },
        DnsEntry d => new VpcEndpointStatus { DnsEntries = [d] },
        DriftEntry d => new VpcEndpointStatus { Drift = [d] },
        _ => throw new InvalidOperationException(element.GetType().Name),
    };

    [Fact]
    public void The_same_instant_with_another_offset_is_another_status()
    {
        var other = Sample();
        other.LastSyncTime = At.ToOffset(TimeSpan.FromHours(1));
        Assert.False(StoredStatus.SameAs(Sample(), other));
    }

    /// <summary>Against the definition itself: the two statuses turned into the documents a merge patch stores.</summary>
    [Property(MaxTest = 300)]
    public Property Agrees_with_comparing_the_stored_documents() =>
        Prop.ForAll(StatusPairs().ToArbitrary(), pair =>
            StoredStatus.SameAs(pair.A, pair.B) == JsonNode.DeepEquals(Stored(pair.A), Stored(pair.B)));

    public sealed record StatusPair(VpcEndpointStatus A, VpcEndpointStatus B)
    {
        public override string ToString() => JsonSerializer.Serialize(A) + " / " + JsonSerializer.Serialize(B);
    }

    private static JsonNode? Stored(VpcEndpointStatus status) =>
        StatusJson.WithoutNulls(StatusJson.EmptyListsAsNull(JsonSerializer.SerializeToNode(status)));

    // Few values per field, so equal pairs and near misses are both common.
    private static Gen<StatusPair> StatusPairs() =>
        from a in StatusGen()
        from b in Gen.OneOf(StatusGen(), Gen.Constant(a).Select(Copy), Gen.Constant(a).Select(Copy).Select(WithListsSwapped))
        select new StatusPair(a, b);

    private static VpcEndpointStatus Copy(VpcEndpointStatus s) =>
        JsonSerializer.Deserialize<VpcEndpointStatus>(JsonSerializer.Serialize(s))!;

    // Stored alike, written differently: each null list made empty and each empty one null.
    private static VpcEndpointStatus WithListsSwapped(VpcEndpointStatus s)
    {
        s.SubnetIds = Swapped(s.SubnetIds);
        s.RouteTableIds = Swapped(s.RouteTableIds);
        s.Drift = s.Drift is null ? [] : s.Drift.Count == 0 ? null! : s.Drift;
        return s;
    }

    private static List<string> Swapped(List<string>? list) => list is null ? [] : list.Count == 0 ? null! : list;

    private static Gen<VpcEndpointStatus> StatusGen() =>
        from id in Gen.Elements<string?>(null, "vpce-1")
        from generation in Gen.Elements<long?>(null, 1, 2)
        from subnets in Lists("subnet-1", "subnet-2")
        from routes in Lists("rtb-1")
        from coverage in Gen.Elements(0, 1).SelectMany(n => Gen.ListOf(CoverageGen(), n))
        from conditions in Gen.Elements(0, 1, 2).SelectMany(n => Gen.ListOf(ConditionGen(), n))
        select new VpcEndpointStatus
        {
            EndpointId = id, ObservedGeneration = generation, SubnetIds = subnets!, RouteTableIds = routes!,
            SubnetCoverage = coverage.ToList(), Conditions = conditions.ToList(),
        };

    // A list that may be null, empty or hold some of the values.
    private static Gen<List<string>?> Lists(params string[] values) =>
        Gen.OneOf(Gen.Constant<List<string>?>(null), Gen.SubListOf(values).Select(l => (List<string>?)l.ToList()));

    private static Gen<SubnetCoverage> CoverageGen() =>
        from covered in Gen.Elements(true, false)
        from target in Gen.Elements<string?>(null, "nat-1")
        select new SubnetCoverage { SubnetId = "subnet-1", RouteTableId = "rtb-1", Covered = covered, DefaultRouteTarget = target };

    private static Gen<Condition> ConditionGen() =>
        from status in Gen.Elements(ConditionStatus.True, ConditionStatus.False)
        from message in Gen.Elements("", "ok")
        select new Condition { Type = ConditionTypes.Ready, Status = status, Reason = "Ready", Message = message, LastTransitionTime = At };

    private static Condition Ready() =>
        new() { Type = ConditionTypes.Ready, Status = ConditionStatus.True, Reason = "Ready", Message = "ok", LastTransitionTime = At };

    private static VpcEndpointStatus Sample() => new()
    {
        ObservedGeneration = 3,
        EndpointId = "vpce-0a1b",
        State = "available",
        Region = "eu-west-1",
        RouteTableIds = ["rtb-1", "rtb-2"],
        SubnetCoverage = [new SubnetCoverage { SubnetId = "subnet-1", RouteTableId = "rtb-1" }],
        LastSyncTime = At,
        Conditions = [Ready()],
    };
}
