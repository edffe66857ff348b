namespace Vpce.Crds.Schema;

/// <summary>Bounds on a string's length (on a list, each item's; on a map, each value's).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LengthAttribute : Attribute
{
    public int Min { get; init; } = -1;
    public int Max { get; init; } = -1;
}
