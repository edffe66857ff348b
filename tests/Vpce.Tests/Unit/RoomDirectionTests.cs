namespace Vpce.Tests.Unit;

/// <summary>The rooms import in one direction (<see cref="RoomOrder"/>); a test fails on any import against it.</summary>
public sealed class RoomDirectionTests
{
    private static IEnumerable<(string Room, string File, string Text)> OperatorSources()
    {
        var root = Path.Combine(RepoRoot.Find(), "src", "Operator");
        foreach (var dir in Directory.GetDirectories(root).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            foreach (var file in Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories))
            {
                yield return (Path.GetFileName(dir), Path.GetRelativePath(root, file), File.ReadAllText(file));
            }
        }
    }

    [Fact]
    public void Every_room_of_the_operator_is_in_the_line()
    {
        var rooms = OperatorSources().Select(s => s.Room).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(RoomOrder.Rooms.Order(StringComparer.Ordinal), rooms);
    }

    [Fact]
    public void No_room_imports_a_room_after_it()
    {
        Assert.Empty(RoomOrder.Violations(OperatorSources()));
    }

    [Theory]
    [InlineData("Model", "using Vpce.Operator.Diff;", "Model imports Diff")]
    [InlineData("Observe", "var x = Vpce.Operator.Status.AwsFailures.Describe(e);", "Observe imports Status")]
    [InlineData("Status", "using Vpce.Operator.Controllers;", "Status imports Controllers")]
    [InlineData("Kube", "using Vpce.Operator.Aws.Sdk;", "Kube imports Aws")]
    public void An_import_against_the_line_is_named(string room, string text, string violation)
    {
        Assert.Equal([$"x.cs: {violation}"], RoomOrder.Violations([(room, "x.cs", text)]));
    }

    [Theory]
    [InlineData("Diff", "using Vpce.Operator.Model;")]
    [InlineData("Controllers", "using Vpce.Operator.Status;\nusing Vpce.Operator.Observe;")]
    [InlineData("Hosting", "using Vpce.Operator.Controllers;\nusing Vpce.Operator.Kube;")]
    [InlineData("Aws", "using Vpce.Operator.Aws.Resilience;")]
    public void Imports_along_the_line_are_allowed(string room, string text)
    {
        Assert.Empty(RoomOrder.Violations([(room, "x.cs", text)]));
    }
}
