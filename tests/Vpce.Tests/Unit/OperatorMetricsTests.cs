using Vpce.Operator.Observability;
using Vpce.Tests.Runtime;

namespace Vpce.Tests.Unit;

public sealed class OperatorMetricsTests
{
    [Fact]
    public void A_refusal_counts_by_kind_and_reason()
    {
        using var metrics = new OperatorMetrics();
        using var probe = new MetricsProbe(metrics);

        metrics.RecordRefusal("EndpointBucketPolicy", "RegionMismatch");
        metrics.RecordRefusal("EndpointBucketPolicy", "RegionMismatch");
        metrics.RecordRefusal("EndpointBucketPolicy", "WouldLockOutOperator");
        metrics.RecordRefusal("VpcEndpoint", "AdoptionConflict");

        Assert.Equal(2, probe.Sum("vpce_refusals_total", "reason", "RegionMismatch"));
        Assert.Equal(1, probe.Sum("vpce_refusals_total", "reason", "WouldLockOutOperator"));
        Assert.Equal(3, probe.Sum("vpce_refusals_total", "kind", "EndpointBucketPolicy"));
        Assert.Equal(1, probe.Sum("vpce_refusals_total", "kind", "VpcEndpoint"));
    }
}
