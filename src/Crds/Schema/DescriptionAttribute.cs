namespace Vpce.Crds.Schema;

/// <summary>The schema description shown by <c>kubectl explain</c>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class DescriptionAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}
