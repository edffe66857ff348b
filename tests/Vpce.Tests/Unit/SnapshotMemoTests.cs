using FsCheck.Fluent;
using FsCheck.Xunit;
using FsCheck;
using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

/// <summary>Answers kept with a snapshot value: the function's answer for every source and key, computed once per source
/// and key, and a new source (a new read) answered afresh; ids as keys equal exactly when the ids are.</summary>
public sealed class SnapshotMemoTests
{
    private static Gen<string[]> IdsGen() => Gen.ArrayOf(Gen.Elements("a", "b", "c", "subnet-1", "subnet-2"));

    [Property(MaxTest = 200)]
    public Property Answers_are_the_functions_once_per_source_and_key() =>
        Prop.ForAll(Gen.ArrayOf(IdsGen()).ToArbitrary(), keys =>
        {
            var memo = new SnapshotMemo<List<string>, IdsKey, string>();
            var calls = 0;
            string Compute(List<string> source, IdsKey key)
            {
                calls++;
                return string.Join("+", source) + ":" + string.Join(",", key.Ids);
            }
            var source = new List<string> { "read-1" };
            foreach (var ids in keys)
            {
                // A fresh list each time, as each reconcile builds its own.
                Assert.Equal(Compute(source, new IdsKey(ids)), memo.Get(source, new IdsKey([.. ids]), Compute));
                calls--;
            }
            Assert.Equal(keys.Select(k => string.Join(",", k)).Distinct().Count(), calls);
            var newRead = new List<string> { "read-1" };
            var before = calls;
            if (keys.Length > 0)
            {
                memo.Get(newRead, new IdsKey(keys[0]), Compute);
                Assert.Equal(before + 1, calls);
            }
        });

    [Property(MaxTest = 300)]
    public Property Ids_keys_are_equal_exactly_when_the_ids_are() =>
        Prop.ForAll(IdsGen().ToArbitrary(), IdsGen().ToArbitrary(), (a, b) =>
        {
            var (x, y) = (new IdsKey(a), new IdsKey([.. b]));
            var same = a.SequenceEqual(b, StringComparer.Ordinal);
            Assert.Equal(same, x.Equals(y));
            Assert.Equal(same, x == y);
            if (same)
            {
                Assert.Equal(x.GetHashCode(), y.GetHashCode());
            }
            Assert.True(x.Equals(new IdsKey([.. a])));
        });
}
