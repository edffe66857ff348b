using System.Text.Json.Serialization;
using Vpce.Crds.Schema;

namespace Vpce.Crds;

public sealed class LabelSelectorRequirement
{
    [JsonPropertyName("key")]
    [Required, Length(Max = KubeNames.LabelKeyMaxLength)]
    public string Key { get; set; } = "";

    [JsonPropertyName("operator")]
    [Required, EnumValues(LabelSelectorOperators.In, LabelSelectorOperators.NotIn, LabelSelectorOperators.Exists, LabelSelectorOperators.DoesNotExist)]
    public string Operator { get; set; } = "";

    [JsonPropertyName("values")]
    [MaxItems(KubeNames.SelectorTerms), Length(Max = KubeNames.LabelValueMaxLength)]
    public List<string>? Values { get; set; }
}
