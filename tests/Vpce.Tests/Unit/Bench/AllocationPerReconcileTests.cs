using Vpce.Bench;

namespace Vpce.Tests.Unit.Bench;

/// <summary>The bench's allocated bytes per clean reconcile: the phase's allocation over its reconciles, and its column.</summary>
public sealed class AllocationPerReconcileTests
{
    [Fact]
    public void Divides_what_the_phase_allocated_by_its_reconciles()
    {
        // 30,000 reconciles in an hour that allocated 2,570 MiB: 89,828 bytes each.
        var bytes = AllocationPerReconcile.Of(1_000_000, 1_000_000 + 2_570L * 1_048_576, 30_000);

        Assert.Equal(89_828.0, bytes!.Value, precision: 1);
        Assert.Equal("87.7 KiB", AllocationPerReconcile.Text(bytes));
    }

    [Fact]
    public void No_reconcile_is_no_figure()
    {
        Assert.Null(AllocationPerReconcile.Of(5, 9, 0));
        Assert.Equal("–", AllocationPerReconcile.Text(null));
        Assert.Equal(0, AllocationPerReconcile.Of(7, 7, 3));
    }

    [Fact]
    public void Readings_in_the_wrong_order_are_refused()
    {
        Assert.Throws<ArgumentException>(() => AllocationPerReconcile.Of(10, 9, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => AllocationPerReconcile.Of(0, 9, -1));
    }

    [Fact]
    public void The_table_has_the_column_per_size_and_run()
    {
        SizeResult[] results =
        [
            new() { Endpoints = 1000, Run = 1, AllocatedPerReconcileInHourBytes = 89_828.9, AllocatedPerReconcileInFullResyncBytes = 40_960 },
            new() { Endpoints = 100, Run = 1 },
        ];

        var lines = ResultsTable.Build(results, [100, 1000], 1, TimeSpan.FromMinutes(1)).Split('\n');

        var header = lines.Single(l => l.Contains("| allocated per clean reconcile (steady hour / full clean resync) |", StringComparison.Ordinal));
        var separator = lines[Array.IndexOf(lines, header) + 1];
        Assert.Equal(header.Count(c => c == '|'), separator.Count(c => c == '|'));
        var column = header.Split('|').Select(c => c.Trim()).ToList().IndexOf("allocated per clean reconcile (steady hour / full clean resync)");
        var rows = lines.SkipWhile(l => l != header).Skip(2).TakeWhile(l => l.StartsWith('|')).Select(l => l.Split('|')).ToList();
        Assert.Equal(["100", "1,000"], rows.Select(r => r[1].Trim()));
        Assert.Equal("– / –", rows[0][column].Trim());
        Assert.Equal("87.7 KiB / 40.0 KiB", rows[1][column].Trim());
    }
}
