using Vpce.Ports.Kube;

namespace Vpce.Tests.Contract.Kube;

/// <summary>What the operator relies on from <see cref="IConfigMapClient"/>, run against the real API server (the adapter)
/// and against the in-memory store, so the two agree.</summary>
public static class ConfigMapClientCases
{
    private static readonly Dictionary<string, string> Hints = new() { ["AWS_REGION"] = "eu-west-1", ["VPC_ENDPOINT_ID"] = "vpce-0abc" };

    public static async Task Create_get_and_replace_data_keep_the_controller(IConfigMapClient client, string ns, ConfigMapOwner owner)
    {
        Assert.Null(await client.GetAsync(ns, "hints", default));
        var created = await client.CreateAsync(new KubeConfigMap(ns, "hints", Hints, owner), default);
        Assert.NotNull(created.Uid);
        Assert.NotNull(created.ResourceVersion);

        var read = (await client.GetAsync(ns, "hints", default))!;
        Assert.Equal(Hints, read.Data);
        Assert.Equal(owner, read.Controller);
        Assert.Equal(created.Uid, read.Uid);

        var replaced = await client.ReplaceDataAsync(read, new Dictionary<string, string> { ["AWS_REGION"] = "eu-west-2", ["AWS_ENDPOINT_URL_S3"] = "https://s3.eu-west-2.amazonaws.com" }, default);
        Assert.NotEqual(read.ResourceVersion, replaced.ResourceVersion);
        var after = (await client.GetAsync(ns, "hints", default))!;
        Assert.Equal(new Dictionary<string, string> { ["AWS_REGION"] = "eu-west-2", ["AWS_ENDPOINT_URL_S3"] = "https://s3.eu-west-2.amazonaws.com" }, after.Data);
        Assert.Equal(owner, after.Controller);
    }

    public static async Task Writes_are_guarded(IConfigMapClient client, string ns, ConfigMapOwner owner)
    {
        var created = await client.CreateAsync(new KubeConfigMap(ns, "guarded", Hints, owner), default);
        await Assert.ThrowsAsync<ConflictException>(() => client.CreateAsync(new KubeConfigMap(ns, "guarded", Hints, null), default));

        await client.ReplaceDataAsync(created, new Dictionary<string, string> { ["AWS_REGION"] = "us-east-1" }, default);
        // The same write from the older read: someone else moved it on since.
        await Assert.ThrowsAsync<ConflictException>(() => client.ReplaceDataAsync(created, Hints, default));

        var uid = (await client.GetAsync(ns, "guarded", default))!.Uid!;
        await Assert.ThrowsAsync<ConflictException>(() => client.DeleteAsync(ns, "guarded", Guid.NewGuid().ToString(), default));
        Assert.NotNull(await client.GetAsync(ns, "guarded", default));
        Assert.True(await client.DeleteAsync(ns, "guarded", uid, default));
        Assert.Null(await client.GetAsync(ns, "guarded", default));
        Assert.False(await client.DeleteAsync(ns, "guarded", uid, default));
    }

    public static async Task A_configmap_without_a_controller_reads_so(IConfigMapClient client, string ns)
    {
        await client.CreateAsync(new KubeConfigMap(ns, "foreign", new Dictionary<string, string> { ["team"] = "data" }, null), default);
        var read = (await client.GetAsync(ns, "foreign", default))!;
        Assert.Null(read.Controller);
        Assert.Equal("data", read.Data["team"]);
    }
}
