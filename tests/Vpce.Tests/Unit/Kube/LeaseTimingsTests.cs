using Vpce.Ports.Kube;

namespace Vpce.Tests.Unit.Kube;

/// <summary>Timings are refused unless a standby, dating a renewal up to a retry period early, still takes over only after
/// the old leader has stopped: lease duration − retry period &gt; renew deadline.</summary>
public sealed class LeaseTimingsTests
{
    [Theory]
    [InlineData(15, 10, 2)]
    [InlineData(3, 2, 0.5)]
    [InlineData(60, 40, 5)]
    public void Timings_with_the_margin_are_accepted(double lease, double renew, double retry)
    {
        var timings = new LeaseTimings(TimeSpan.FromSeconds(lease), TimeSpan.FromSeconds(renew), TimeSpan.FromSeconds(retry));
        Assert.Equal((int)lease, timings.LeaseDurationSeconds);
    }

    [Fact]
    public void The_defaults_are_client_gos_with_three_seconds_of_margin()
    {
        var timings = LeaseTimings.Default;
        Assert.Equal((15, 10, 2), ((int)timings.LeaseDuration.TotalSeconds, (int)timings.RenewDeadline.TotalSeconds, (int)timings.RetryPeriod.TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(3), timings.LeaseDuration - timings.RetryPeriod - timings.RenewDeadline);
    }

    [Theory]
    [InlineData(12, 10, 2)] // lease − retry = renew deadline: no margin
    [InlineData(15, 14, 2)]
    [InlineData(10, 15, 2)]
    [InlineData(15, 10, 0)]
    [InlineData(15, 2, 2)] // renew deadline not beyond the retry period
    [InlineData(15.5, 10, 2)] // leaseDurationSeconds is whole seconds
    public void Timings_without_the_margin_are_refused(double lease, double renew, double retry) =>
        Assert.Throws<ArgumentException>(() => new LeaseTimings(TimeSpan.FromSeconds(lease), TimeSpan.FromSeconds(renew), TimeSpan.FromSeconds(retry)));
}
