using Vpce.Crds.Schema;

namespace Vpce.Tests.Crds;

/// <summary>The chart ships the generated CRDs; a change to the C# types must be regenerated into it.</summary>
public sealed class CommittedCrdsTests
{
    public const string RelativePath = "deploy/helm/vpce-operator/crds/vpce.io_crds.yaml";

    [Fact]
    public void Committed_chart_crds_equal_the_generator_output()
    {
        var path = Path.Combine(RepoRoot.Find(), RelativePath);
        Assert.True(File.Exists(path), $"{RelativePath} is missing. {Regenerate}");

        // A checkout with CRLF line endings holds the same YAML.
        var committed = File.ReadAllText(path).ReplaceLineEndings("\n");
        var generated = CrdGenerator.GenerateYaml();

        Assert.True(committed == generated, $"{RelativePath} differs from CrdGenerator.GenerateYaml(). {Regenerate}\n{FirstDifference(committed, generated)}");
    }

    private const string Regenerate =
        "Regenerate it with: dotnet run --project src/Operator -- crds > " + RelativePath;

    private static string FirstDifference(string committed, string generated)
    {
        var a = committed.Split('\n');
        var b = generated.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "<end of file>";
            var right = i < b.Length ? b[i] : "<end of output>";
            if (left != right) return $"First difference at line {i + 1}:\n  committed: {left}\n  generated: {right}";
        }
        return "";
    }
}
