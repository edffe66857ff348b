namespace Vpce.Crds.Schema;

/// <summary>A list holds at most this many items (maxItems).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxItemsAttribute(int max) : Attribute
{
    public int Max { get; } = max;
}
