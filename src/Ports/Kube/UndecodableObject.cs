namespace Vpce.Ports.Kube;

/// <summary>A stored object that does not decode into the operator's type (for example written under an older schema):
/// what is known of it without decoding, and where decoding failed. The operator skips it and says so; it never stops
/// the other objects of its kind.</summary>
/// <param name="Kind">The kind the object was read as.</param>
/// <param name="Namespace">metadata.namespace, or "" when it is missing.</param>
/// <param name="Name">metadata.name, or "" when it is missing.</param>
/// <param name="Uid">metadata.uid, when present.</param>
/// <param name="ResourceVersion">metadata.resourceVersion, when present.</param>
/// <param name="Path">The JSON path of the value that failed (System.Text.Json's JsonException.Path), e.g. <c>$.spec.tags</c>.</param>
/// <param name="ExpectedType">The type the value should have had, e.g. <c>Dictionary&lt;String, String&gt;</c>; null when the error does not say.</param>
/// <param name="Error">The decoder's message.</param>
public sealed record UndecodableObject(
    string Kind,
    string Namespace,
    string Name,
    string? Uid,
    string? ResourceVersion,
    string Path,
    string? ExpectedType,
    string Error)
{
    /// <summary>The path as a Kubernetes user writes it: <c>spec.tags</c> rather than <c>$.spec.tags</c>.</summary>
    public string FieldPath => Path.StartsWith("$.", StringComparison.Ordinal) ? Path[2..] : Path;
}
