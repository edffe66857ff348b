namespace Vpce.Crds.Schema;

/// <summary>A map holds at most this many entries (maxProperties).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxPropertiesAttribute(int max) : Attribute
{
    public int Max { get; } = max;
}
