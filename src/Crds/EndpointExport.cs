using System.Text.Json.Serialization;
using Vpce.Crds.Schema;

namespace Vpce.Crds;

/// <summary>Client hints for workloads: a ConfigMap in the object's namespace with the region and the endpoint's URL.</summary>
public sealed class EndpointExport
{
    [JsonPropertyName("configMapName")]
    [Description("The ConfigMap to write (AWS_REGION, AWS_ENDPOINT_URL_<SERVICE>, VPC_ENDPOINT_ID); owned by this object.")]
    [Required, Length(Min = 1, Max = KubeNames.Dns1123SubdomainMaxLength), Pattern(KubeNames.Dns1123Subdomain)]
    public string ConfigMapName { get; set; } = "";
}
