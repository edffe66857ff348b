namespace Vpce.Tests.Contract.Kube;

/// <summary>How many candidates lead at once, and the most that ever did: counted in the work they lead, which starts
/// after acquiring the Lease and ends before it is released, so two at once means two leaders.</summary>
public sealed class LeaderTally
{
    private int _leading;
    private int _most;

    public int Most => Volatile.Read(ref _most);

    public void Enter()
    {
        var now = Interlocked.Increment(ref _leading);
        int most;
        while (now > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, now, most) != most)
        {
            // Another candidate moved the maximum meanwhile: compare again.
        }
    }

    public void Leave() => Interlocked.Decrement(ref _leading);
}
