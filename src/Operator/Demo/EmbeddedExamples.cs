using System.Reflection;

namespace Vpce.Operator.Demo;

/// <summary>The manifests of examples/, built into the executable so the demo needs no checkout.</summary>
public static class EmbeddedExamples
{
    /// <summary>The order the demo applies them in: the labs' S3 gateway and Session Manager endpoints first.</summary>
    private static readonly string[] Order = ["s3-gateway.yaml", "session-manager.yaml", "dynamodb-gateway.yaml", "kms-interface.yaml"];

    public static IReadOnlyList<(string File, string Yaml)> All()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith("examples/", StringComparison.Ordinal))
            .Select(n => n["examples/".Length..])
            .OrderBy(n => Array.IndexOf(Order, n) is var i && i < 0 ? int.MaxValue : i).ThenBy(n => n, StringComparer.Ordinal);
        return names.Select(n =>
        {
            using var stream = assembly.GetManifestResourceStream("examples/" + n)!;
            using var reader = new StreamReader(stream);
            return (n, reader.ReadToEnd());
        }).ToList();
    }
}
