using System.Text.Json;

namespace Vpce.Tests.Deploy;

/// <summary>An IAM policy document, and whether its statements together allow a request (an explicit Deny wins).</summary>
public sealed class IamPolicy
{
    public required IReadOnlyList<IamStatement> Statements { get; init; }

    public static IamPolicy Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>A template's policy with its placeholders replaced, as the installer does (a JSON string's whole value each).</summary>
    public static IamPolicy Load(string path, IReadOnlyDictionary<string, string> placeholders) =>
        Parse(placeholders.Aggregate(File.ReadAllText(path), (text, p) => text.Replace($"\"{p.Key}\"", JsonSerializer.Serialize(p.Value), StringComparison.Ordinal)));

    public static IamPolicy Parse(string text)
    {
        using var json = JsonDocument.Parse(text);
        Assert.Equal("2012-10-17", json.RootElement.GetProperty("Version").GetString());
        return new IamPolicy { Statements = json.RootElement.GetProperty("Statement").EnumerateArray().Select(IamStatement.Parse).ToList() };
    }

    public static IamPolicy Combine(params IamPolicy[] policies) => new() { Statements = policies.SelectMany(p => p.Statements).ToList() };

    /// <summary>The Sid of the statement that allows the request, or null when none does (or a Deny matches).</summary>
    public string? AllowedBy(IamRequest request) =>
        Statements.Any(s => !s.Allow && s.Matches(request)) ? null : Statements.FirstOrDefault(s => s.Allow && s.Matches(request))?.Sid;

    /// <summary>Every action some Allow statement names.</summary>
    public IReadOnlySet<string> AllowedActions() =>
        Statements.Where(s => s.Allow).SelectMany(s => s.Actions).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
