using FsCheck.Fluent;
using FsCheck.Xunit;
using FsCheck;
using Vpce.Operator.Model;

namespace Vpce.Tests.Unit;

/// <summary>The cache of pure results by text: always the function's answer, never more characters kept than its budget,
/// and a text whose computation throws throws again.</summary>
public sealed class TextKeyedCacheTests
{
    [Property(MaxTest = 200)]
    public Property Answers_are_the_functions_and_the_budget_holds() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(0, 40)).ToArbitrary(), Gen.Choose(1, 200).ToArbitrary(), (lengths, budget) =>
        {
            static string Compute(string text) => new(text.Reverse().ToArray());
            var cache = new TextKeyedCache<string>(budget, Compute);
            foreach (var length in lengths)
            {
                var text = new string('a', length) + length;
                Assert.Equal(Compute(text), cache[text]);
                Assert.Equal(Compute(text), cache[text]);
                Assert.True(cache.Count * 2 <= Math.Max(budget, 1) || cache.Count == 0);
            }
        });

    [Fact]
    public void A_throwing_computation_is_not_kept()
    {
        var calls = 0;
        var cache = new TextKeyedCache<int>(1000, text => ++calls > 0 && text == "bad" ? throw new FormatException(text) : text.Length);
        Assert.Throws<FormatException>(() => cache["bad"]);
        Assert.Throws<FormatException>(() => cache["bad"]);
        Assert.Equal(2, calls);
        Assert.Equal(4, cache["good"]);
        Assert.Equal(4, cache["good"]);
        Assert.Equal(3, calls);
    }
}
