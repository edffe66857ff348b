using System.Text.Json.Nodes;
using Vpce.Crds;
using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

public sealed class BucketStatementModelTests
{
    private static EndpointBucketPolicy Resource(Action<EndpointBucketPolicySpec>? change = null)
    {
        var resource = new EndpointBucketPolicy
        {
            Metadata = new ObjectMetadata { Name = "reports-private", Namespace = "platform" },
            Spec = new EndpointBucketPolicySpec { Bucket = "reports-bucket", VpcEndpointIds = ["vpce-0123"] },
        };
        change?.Invoke(resource.Spec);
        return resource;
    }

    [Fact]
    public void Defaults_deny_all_S3_actions_outside_the_endpoints()
    {
        var statement = BucketStatementModel.Build(Resource(), referencedEndpointId: null);
        var expected = JsonNode.Parse("""
            {"Sid":"VpceReportsPrivatePlatform","Effect":"Deny","Principal":"*","Action":["s3:*"],
             "Resource":["arn:aws:s3:::reports-bucket","arn:aws:s3:::reports-bucket/*"],
             "Condition":{"StringNotEquals":{"aws:SourceVpce":["vpce-0123"]}}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, statement.ToJson()), statement.ToJson().ToJsonString());
    }

    [Fact]
    public void Exemptions_add_an_ArnNotLike_on_the_principal()
    {
        var statement = BucketStatementModel.Build(
            Resource(s => s.ExemptPrincipalArns = ["arn:aws:iam::111122223333:role/z", "arn:aws:iam::111122223333:role/a", "arn:aws:iam::111122223333:role/z"]),
            referencedEndpointId: null);
        var condition = statement.ToJson()["Condition"]!;
        Assert.Equal("""["arn:aws:iam::111122223333:role/a","arn:aws:iam::111122223333:role/z"]""", condition["ArnNotLike"]!["aws:PrincipalArn"]!.ToJsonString());
        Assert.NotNull(condition["StringNotEquals"]);
    }

    [Fact]
    public void Endpoint_ids_from_the_spec_and_the_reference_are_sorted_and_de_duplicated()
    {
        var statement = BucketStatementModel.Build(Resource(s => s.VpcEndpointIds = ["vpce-0b", "vpce-0a", "vpce-0b"]), "vpce-0a0");
        Assert.Equal(["vpce-0a", "vpce-0a0", "vpce-0b"], statement.EndpointIds);
    }

    [Fact]
    public void A_reference_alone_is_enough()
    {
        var statement = BucketStatementModel.Build(Resource(s => { s.VpcEndpointIds = null; s.VpcEndpointRef = new() { Name = "s3" }; }), "vpce-0c");
        Assert.Equal(["vpce-0c"], statement.EndpointIds);
    }

    [Fact]
    public void No_endpoint_at_all_is_refused_rather_than_denying_everyone() =>
        Assert.Throws<ArgumentException>(() => BucketStatementModel.Build(Resource(s => s.VpcEndpointIds = []), null));

    [Fact]
    public void Actions_are_de_duplicated_whatever_their_case_and_sorted()
    {
        var statement = BucketStatementModel.Build(Resource(s => s.Actions = ["s3:PutObject", "s3:GetObject", "s3:getobject"]), null);
        Assert.Equal(["s3:GetObject", "s3:PutObject"], statement.Actions);
    }

    [Fact]
    public void An_empty_action_list_means_the_default() =>
        Assert.Equal(["s3:*"], BucketStatementModel.Build(Resource(s => s.Actions = []), null).Actions);

    [Fact]
    public void The_spec_sid_wins() =>
        Assert.Equal("VpceMine", BucketStatementModel.Build(Resource(s => s.StatementSid = "VpceMine"), null).Sid);

    [Fact]
    public void Each_call_gives_a_fresh_node()
    {
        var statement = BucketStatementModel.Build(Resource(), null);
        _ = new JsonArray(statement.ToJson());
        _ = new JsonArray(statement.ToJson());
    }
}
