using Vpce.Operator.Hosting;

namespace Vpce.Tests.Unit;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("2m", 120)]
    [InlineData("90s", 90)]
    [InlineData("1h30m", 5400)]
    [InlineData("1.5s", 1.5)]
    [InlineData("500ms", 0.5)]
    [InlineData("00:02:00", 120)]
    public void Parses_kubernetes_style_durations(string text, double seconds)
    {
        Assert.True(Durations.TryParse(text, out var d));
        Assert.Equal(TimeSpan.FromSeconds(seconds), d);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("two minutes")]
    [InlineData("0s")]
    [InlineData("-1m")]
    public void Refuses_what_is_not_a_positive_duration(string text) => Assert.False(Durations.TryParse(text, out _));
}
