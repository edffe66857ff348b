using System.Text.Json.Serialization;
using Vpce.Crds.Schema;

namespace Vpce.Crds;

/// <summary>A Kubernetes label selector (metav1.LabelSelector): every matchLabels pair and every expression must hold;
/// an empty selector selects everything.</summary>
public sealed class LabelSelector
{
    [JsonPropertyName("matchLabels")]
    [MaxProperties(KubeNames.SelectorTerms)]
    public Dictionary<string, string>? MatchLabels { get; set; }

    [JsonPropertyName("matchExpressions")]
    [MaxItems(KubeNames.SelectorTerms)]
    public List<LabelSelectorRequirement>? MatchExpressions { get; set; }
}
