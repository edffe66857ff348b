using Microsoft.Extensions.Time.Testing;
using Vpce.Crds;
using Vpce.Ports.Kube;
using Vpce.Simulation.Kube;

namespace Vpce.Tests.Simulation.Kube;

/// <summary>The in-memory recorder keeps events as the API server does: repeats aggregate into one event, and an event is
/// gone an hour (kube-apiserver's default --event-ttl) after it was last written.</summary>
public sealed class InMemoryEventRecorderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private static readonly ObjectReference S3 = new(CrdGroup.ApiVersion, "VpcEndpoint", "team-a", "s3", "uid-s3", null);
    private static readonly ObjectReference Kms = new(CrdGroup.ApiVersion, "VpcEndpoint", "team-a", "kms", "uid-kms", null);

    [Fact]
    public async Task A_repeat_within_the_aggregation_window_raises_the_count()
    {
        var recorder = new InMemoryEventRecorder(_time);
        await recorder.RecordAsync(S3, EventTypes.Warning, "RouteMissing", "rtb-1 lost its route", default);
        _time.Advance(TimeSpan.FromMinutes(9));
        await recorder.RecordAsync(S3, EventTypes.Warning, "RouteMissing", "rtb-1 lost its route", default);

        var only = Assert.Single(recorder.Events);
        Assert.Equal(2, only.Count);
        Assert.Equal(_time.GetUtcNow(), only.LastTimestamp);
    }

    [Fact]
    public async Task An_event_is_gone_an_hour_after_its_last_write_and_an_aggregated_one_lives_on()
    {
        var recorder = new InMemoryEventRecorder(_time);
        await recorder.RecordAsync(S3, EventTypes.Normal, "Created", "created vpce-1", default);
        await recorder.RecordAsync(Kms, EventTypes.Warning, "RouteMissing", "rtb-2 lost its route", default);
        // The repeats keep the second event written, so its hour starts again each time.
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(9));
            await recorder.RecordAsync(Kms, EventTypes.Warning, "RouteMissing", "rtb-2 lost its route", default);
        }

        _time.Advance(InMemoryEventRecorder.EventTtl - TimeSpan.FromMinutes(45) - TimeSpan.FromSeconds(1));
        Assert.Equal(2, recorder.Events.Count);

        _time.Advance(TimeSpan.FromSeconds(1));
        var left = Assert.Single(recorder.Events);
        Assert.Equal("kms", left.Name);
        Assert.Equal(6, left.Count);
        Assert.Empty(recorder.For("team-a", "s3"));

        _time.Advance(TimeSpan.FromMinutes(45));
        Assert.Empty(recorder.Events);
    }
}
