namespace Vpce.Operator.Runtime;

/// <summary>Orders resourceVersions the way KEP-5504 (comparable resource versions, stable in Kubernetes 1.35) lets a client:
/// decimal integers without leading zeros, the longer one the later, equal lengths compared digit by digit. What the
/// API server writes (etcd's revision) has always had that form; one that does not is opaque, and not ordered.</summary>
public static class ResourceVersions
{
    /// <summary>Negative when <paramref name="a"/> is older than <paramref name="b"/>, zero when the same, positive when
    /// newer; null when either is not a comparable resourceVersion.</summary>
    public static int? Compare(string? a, string? b)
    {
        if (!IsComparable(a) || !IsComparable(b))
        {
            return null;
        }
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : Math.Sign(string.CompareOrdinal(a, b));
    }

    private static bool IsComparable([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? version) =>
        !string.IsNullOrEmpty(version) && version[0] != '0' && version.All(char.IsAsciiDigit);
}
