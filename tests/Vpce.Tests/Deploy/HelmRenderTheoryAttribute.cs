using Vpce.Tests.Contract.Deploy;

namespace Vpce.Tests.Deploy;

/// <summary>A theory that renders the chart: skipped with the reason where no Helm engine is found.</summary>
public sealed class HelmRenderTheoryAttribute : TheoryAttribute
{
    public HelmRenderTheoryAttribute()
    {
        Skip = HelmEngine.Missing;
    }
}
