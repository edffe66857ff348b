using System.Text.RegularExpressions;

namespace Vpce.Tests.Deploy;

/// <summary>The AWS actions the SDK adapters call, read from their source: every client method called with its own
/// request type (<c>DescribeVpcsAsync(new DescribeVpcsRequest</c>), as an IAM action (<c>ec2:DescribeVpcs</c>).</summary>
public static partial class AdapterAwsCalls
{
    public const string SourceFolder = "src/Operator/Aws/Sdk";

    // Which IAM service prefix each adapter file's calls belong to.
    private static readonly Dictionary<string, string> ServiceOfFile = new()
    {
        ["SdkEc2Api.cs"] = "ec2",
        ["SdkS3Api.cs"] = "s3",
        ["SdkStsApi.cs"] = "sts",
    };

    /// <summary>IAM actions per adapter file, from the SDK client calls.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> ClientCallsByFile(string repoRoot) =>
        Read(repoRoot, source => ClientCall().Matches(source)
            .Where(m => m.Groups["method"].Value == m.Groups["request"].Value)
            .Select(m => m.Groups["method"].Value));

    /// <summary>IAM actions per adapter file, from the operation names passed to SdkErrors.Call (the metrics' operation label).</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> GuardedOperationsByFile(string repoRoot) =>
        Read(repoRoot, source => GuardedCall().Matches(source).Select(m => m.Groups["operation"].Value));

    /// <summary>Every action the adapters call.</summary>
    public static IReadOnlySet<string> All(string repoRoot) =>
        ClientCallsByFile(repoRoot).Values.SelectMany(a => a).ToHashSet(StringComparer.Ordinal);

    /// <summary>Adapter files that make SDK calls but have no service prefix above: a new adapter must be named here.</summary>
    public static IReadOnlyList<string> UnmappedAdapterFiles(string repoRoot) =>
        Directory.GetFiles(Path.Combine(repoRoot, SourceFolder), "*.cs")
            .Where(f => ClientCall().IsMatch(File.ReadAllText(f)) && !ServiceOfFile.ContainsKey(Path.GetFileName(f)))
            .Select(Path.GetFileName).OfType<string>().ToList();

    private static Dictionary<string, IReadOnlySet<string>> Read(string repoRoot, Func<string, IEnumerable<string>> operations) =>
        ServiceOfFile.ToDictionary(
            file => file.Key,
            file => (IReadOnlySet<string>)operations(File.ReadAllText(Path.Combine(repoRoot, SourceFolder, file.Key)))
                .Select(op => $"{file.Value}:{op}").ToHashSet(StringComparer.Ordinal));

    [GeneratedRegex(@"\.(?<method>[A-Z]\w*)Async\(\s*new\s+(?<request>[A-Z]\w*)Request\b")]
    private static partial Regex ClientCall();

    [GeneratedRegex(@"SdkErrors\.Call\(\s*""(?<operation>[A-Za-z]+)""")]
    private static partial Regex GuardedCall();
}
