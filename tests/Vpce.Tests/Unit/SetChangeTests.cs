using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Vpce.Operator.Diff;

namespace Vpce.Tests.Unit;

public sealed class SetChangeTests
{
    private static readonly string[] Universe = ["a", "b", "c", "d", "e", "f"];

    private static Arbitrary<string[]> Sets() => Gen.SubListOf(Universe).Select(l => l.ToArray()).ToArbitrary();

    [Property]
    public Property Exclusive_apply_reaches_exactly_the_desired_set() =>
        Prop.ForAll(Sets(), Sets(), (desired, actual) =>
        {
            var change = SetChange.Compute(desired, actual, [], additive: false);
            var after = actual.Union(change.Add).Except(change.Remove).Order();
            return after.SequenceEqual(desired.Distinct().Order()) && change.Differs == !after.SequenceEqual(actual.Order());
        });

    [Property]
    public Property Additive_apply_never_removes_what_it_did_not_add() =>
        Prop.ForAll(Sets(), Sets(), Sets(), (desired, actual, managed) =>
        {
            var change = SetChange.Compute(desired, actual, managed, additive: true);
            var after = actual.Union(change.Add).Except(change.Remove).ToHashSet();
            var foreign = actual.Except(managed);
            return desired.All(after.Contains) && foreign.All(after.Contains) && change.Remove.All(managed.Contains)
                   && change.ManagedAfter.All(after.Contains);
        });
}
