namespace Vpce.Crds.Schema;

/// <summary>Bounds on a string's length (or a list's item count, with <see cref="Items"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LengthAttribute : Attribute
{
    public int Min { get; init; } = -1;
    public int Max { get; init; } = -1;
    /// <summary>True when the bounds are on a list's item count rather than a string's length.</summary>
    public bool Items { get; init; }
}
