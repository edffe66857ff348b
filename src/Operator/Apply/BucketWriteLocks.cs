namespace Vpce.Operator.Apply;

/// <summary>One writer per bucket inside the operator: two objects naming one bucket never interleave their
/// read-merge-write. An entry lives only while someone holds or waits for it, so the table stays as small as the writes
/// in flight.</summary>
public sealed class BucketWriteLocks
{
    private readonly Dictionary<string, (SemaphoreSlim Gate, int Users)> _locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string bucket, CancellationToken ct)
    {
        SemaphoreSlim gate;
        lock (_locks)
        {
            var entry = _locks.TryGetValue(bucket, out var held) ? held : (Gate: new SemaphoreSlim(1, 1), Users: 0);
            _locks[bucket] = (entry.Gate, entry.Users + 1);
            gate = entry.Gate;
        }
        try
        {
            await gate.WaitAsync(ct);
        }
        catch
        {
            Leave(bucket);
            throw;
        }
        return new Holder(this, bucket, gate);
    }

    /// <summary>Buckets with a writer holding or waiting.</summary>
    public int Count { get { lock (_locks) return _locks.Count; } }

    private void Leave(string bucket)
    {
        lock (_locks)
        {
            var entry = _locks[bucket];
            if (entry.Users == 1)
            {
                _locks.Remove(bucket);
            }
            else
            {
                _locks[bucket] = (entry.Gate, entry.Users - 1);
            }
        }
    }

    private sealed class Holder(BucketWriteLocks owner, string bucket, SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
                owner.Leave(bucket);
            }
        }
    }
}
