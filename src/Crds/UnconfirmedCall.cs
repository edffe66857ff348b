using System.Text.Json.Serialization;
using Vpce.Crds.Schema;

namespace Vpce.Crds;

/// <summary>The operator's last CreateVpcEndpoint, route-table ModifyVpcEndpoint or DeleteVpcEndpoints for the object, kept
/// until one of EC2's reads shows what it did. EC2 is eventually consistent
/// (https://docs.aws.amazon.com/ec2/latest/devguide/eventual-consistency.html): until then a read may not show a new endpoint
/// or a gateway's new routes yet, or may still show a deleted endpoint as it was, and none of that means what it would say
/// later. In status, so a restarted operator knows it too.</summary>
public sealed class UnconfirmedCall
{
    public const string CreateVpcEndpoint = "CreateVpcEndpoint";
    public const string ModifyVpcEndpoint = "ModifyVpcEndpoint";
    public const string DeleteVpcEndpoints = "DeleteVpcEndpoints";

    [JsonPropertyName("action")]
    [Description("CreateVpcEndpoint, ModifyVpcEndpoint (a gateway's route tables) or DeleteVpcEndpoints.")]
    [EnumValues(CreateVpcEndpoint, ModifyVpcEndpoint, DeleteVpcEndpoints)]
    public string Action { get; set; } = "";

    [JsonPropertyName("endpointIds")]
    [Description("The endpoint it made or changed, or the endpoints it deletes; empty while a create's answer is not recorded (asked for again with the same ClientToken).")]
    public List<string> EndpointIds { get; set; } = new();

    [JsonPropertyName("requestedAt")]
    [Description("When the operator made the call.")]
    public DateTimeOffset RequestedAt { get; set; }
}
