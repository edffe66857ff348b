using Vpce.Tests.Contract.Deploy;

namespace Vpce.Tests.Deploy;

/// <summary>A fact that renders the chart: skipped with the reason where no Helm engine is found.</summary>
public sealed class HelmRenderFactAttribute : FactAttribute
{
    public HelmRenderFactAttribute()
    {
        Skip = HelmEngine.Missing;
    }
}
