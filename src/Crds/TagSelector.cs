using System.Text.Json.Serialization;
using Vpce.Crds.Schema;

namespace Vpce.Crds;

/// <summary>Selects AWS resources whose tags include every key/value given.</summary>
public sealed class TagSelector
{
    [JsonPropertyName("tags")]
    [MaxProperties(AwsLimits.SelectorTags), Length(Max = AwsLimits.TagValueMaxLength)]
    [ValidationRule(TagKeyRules.LengthRule, TagKeyRules.LengthMessage)]
    public Dictionary<string, string> Tags { get; set; } = new();
}
