using System.Text.Json.Nodes;
using Vpce.Ports.Kube;

namespace Vpce.Tests.Unit;

public sealed class StatusJsonTests
{
    [Fact]
    public void Empty_lists_become_null_at_any_depth_and_the_rest_stays()
    {
        var status = JsonNode.Parse("""{"endpointId":"vpce-1","subnetIds":[],"routeTableIds":["rtb-1"],"dnsEntries":[{"names":[],"dnsName":"x"}]}""");
        var patched = StatusJson.EmptyListsAsNull(status)!.ToJsonString();
        Assert.Equal("""{"endpointId":"vpce-1","subnetIds":null,"routeTableIds":["rtb-1"],"dnsEntries":[{"names":null,"dnsName":"x"}]}""", patched);
    }

    [Fact]
    public void What_a_merge_patch_stores_has_no_nulls()
    {
        var stored = StatusJson.WithoutNulls(JsonNode.Parse("""{"a":null,"b":{"c":null,"d":1},"e":[{"f":null}]}"""))!.ToJsonString();
        Assert.Equal("""{"b":{"d":1},"e":[{}]}""", stored);
    }
}
