using Vpce.Crds;
using Vpce.Operator.Export;
using Vpce.Operator.Hosting;
using Vpce.Ports.Kube;

namespace Vpce.Tests.Component;

/// <summary>spec.export on the simulator and the in-memory API server: the ConfigMap's keys, its owner, a ConfigMap the
/// object does not own, removal and renaming, a change behind the operator's back, garbage collection; export namespaces
/// (run --export-namespace): ExportNotAllowed elsewhere, with nothing written and the endpoint Ready.</summary>
public sealed class ClientHintsExportTests
{
    private static Condition Exported(VpcEndpoint resource) =>
        Testbed.Condition(resource, ConditionTypes.Exported) ?? throw new InvalidOperationException(Testbed.Describe(resource));

    [Theory, PropagationDelays]
    public async Task A_gateway_exports_the_region_the_s3_url_and_its_id_owned_by_the_object(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        bed.Apply(Testbed.Gateway("s3", s => s.Export = new EndpointExport { ConfigMapName = "s3-hints" }));
        var resource = await bed.ReadyAsync("s3");
        Assert.Equal((ConditionStatus.True, ExportReasons.ConfigMapWritten), (Exported(resource).Status, Exported(resource).Reason));
        Assert.Equal("s3-hints", resource.Status!.ExportedConfigMap);

        var map = bed.Kube.ConfigMaps.Get(Testbed.Ns, "s3-hints")!;
        Assert.Equal(new Dictionary<string, string>
        {
            ["AWS_DEFAULT_REGION"] = "eu-west-1",
            ["AWS_ENDPOINT_URL_S3"] = "https://s3.eu-west-1.amazonaws.com",
            ["AWS_REGION"] = "eu-west-1",
            ["VPC_ENDPOINT_ID"] = resource.Status.EndpointId!,
        }, map.Data);
        Assert.Equal(new ConfigMapOwner(CrdGroup.ApiVersion, "VpcEndpoint", "s3", resource.Metadata.Uid!), map.Controller);
        Assert.Single(bed.Events("s3"), e => e.Reason == "ConfigMapWritten");

        // A clean resync writes nothing again.
        var version = map.ResourceVersion;
        await bed.RunForAsync(300);
        Assert.Equal(version, bed.Kube.ConfigMaps.Get(Testbed.Ns, "s3-hints")!.ResourceVersion);
    }

    [Theory]
    [InlineData(true, "https://ssm.eu-west-1.amazonaws.com", 0)]
    [InlineData(false, "https://{id}-", 0)]
    [InlineData(true, "https://ssm.eu-west-1.amazonaws.com", 30)]
    [InlineData(false, "https://{id}-", 30)]
    public async Task An_interface_endpoint_exports_the_services_name_with_private_dns_and_its_own_name_without(bool privateDns, string url,
        int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        bed.Apply(Testbed.Interface("ssm", s => { s.PrivateDnsEnabled = privateDns; s.Export = new EndpointExport { ConfigMapName = "ssm-hints" }; }));
        var resource = await bed.ReadyAsync("ssm");
        var exported = bed.Kube.ConfigMaps.Get(Testbed.Ns, "ssm-hints")!.Data["AWS_ENDPOINT_URL_SSM"];
        Assert.StartsWith(url.Replace("{id}", resource.Status!.EndpointId), exported);
        if (!privateDns)
        {
            Assert.Equal("https://" + resource.Status.DnsEntries[0].DnsName, exported);
        }
    }

    [Theory, PropagationDelays]
    public async Task A_configmap_the_object_does_not_own_is_left_alone_and_named(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        var foreign = bed.Kube.ConfigMaps.Put(new KubeConfigMap(Testbed.Ns, "hints", new Dictionary<string, string> { ["team"] = "data" }, null));
        bed.Apply(Testbed.Gateway("s3", s => s.Export = new EndpointExport { ConfigMapName = "hints" }));
        var resource = await bed.ReadyAsync("s3");
        var exported = Exported(resource);
        Assert.Equal((ConditionStatus.False, ExportReasons.ConfigMapNotOwned), (exported.Status, exported.Reason));
        Assert.StartsWith("spec.export.configMapName: ConfigMap hints already exists and has no controller", exported.Message);
        Assert.Single(bed.Events("s3"), e => e.Type == "Warning" && e.Reason == ExportReasons.ConfigMapNotOwned);
        Assert.Equal(foreign.ResourceVersion, bed.Kube.ConfigMaps.Get(Testbed.Ns, "hints")!.ResourceVersion);
        Assert.Null(resource.Status!.ExportedConfigMap);

        // Removing export does not delete what it never wrote.
        bed.Edit("s3", s => s.Export = null);
        await bed.RunForAsync(3);
        Assert.NotNull(bed.Kube.ConfigMaps.Get(Testbed.Ns, "hints"));
        Assert.Null(Testbed.Condition(bed.Get("s3"), ConditionTypes.Exported));
    }

    [Theory, PropagationDelays]
    public async Task Renaming_moves_the_configmap_and_removing_export_deletes_it(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        bed.Apply(Testbed.Gateway("s3", s => s.Export = new EndpointExport { ConfigMapName = "first" }));
        await bed.ReadyAsync("s3");
        bed.Edit("s3", s => s.Export = new EndpointExport { ConfigMapName = "second" });
        await bed.RunForAsync(3);
        Assert.Null(bed.Kube.ConfigMaps.Get(Testbed.Ns, "first"));
        Assert.NotNull(bed.Kube.ConfigMaps.Get(Testbed.Ns, "second"));
        Assert.Equal("second", bed.Get("s3").Status!.ExportedConfigMap);
        Assert.Contains(bed.Events("s3"), e => e.Reason == "ConfigMapDeleted" && e.Message.Contains("first"));

        bed.Edit("s3", s => s.Export = null);
        await bed.RunForAsync(3);
        Assert.Empty(bed.Kube.ConfigMaps.List());
        Assert.Null(bed.Get("s3").Status!.ExportedConfigMap);
        Assert.Null(Testbed.Condition(bed.Get("s3"), ConditionTypes.Exported));
    }

    [Theory, PropagationDelays]
    public async Task A_change_behind_the_operators_back_is_put_back_and_the_configmap_goes_with_the_object(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        bed.Apply(Testbed.Gateway("s3", s => s.Export = new EndpointExport { ConfigMapName = "s3-hints" }));
        await bed.ReadyAsync("s3");
        var ours = bed.Kube.ConfigMaps.Get(Testbed.Ns, "s3-hints")!;
        bed.Kube.ConfigMaps.Put(ours with { Data = new Dictionary<string, string> { ["AWS_REGION"] = "us-east-1" } });

        Assert.True(await bed.Operator.ConvergeAsync(() => bed.Kube.ConfigMaps.Get(Testbed.Ns, "s3-hints")!.Data.Count == ours.Data.Count,
            TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(5)));
        Assert.Equal(ours.Data, bed.Kube.ConfigMaps.Get(Testbed.Ns, "s3-hints")!.Data);

        bed.Kube.VpcEndpoints.Delete(Testbed.Ns, "s3");
        Assert.True(await bed.Operator.ConvergeAsync(() => bed.Find("s3") is null, TimeSpan.FromMinutes(2)));
        Assert.Null(bed.Kube.ConfigMaps.Get(Testbed.Ns, "s3-hints"));
    }

    [Theory, PropagationDelays]
    public async Task An_invalid_configmap_name_is_an_invalid_spec_naming_the_field(int propagationDelaySeconds)
    {
        await using var bed = Testbed.Start(propagationDelaySeconds);
        bed.Apply(Testbed.Gateway("s3", s => s.Export = new EndpointExport { ConfigMapName = "S3_Hints" }));
        await bed.RunForAsync(2);
        var synced = Testbed.Condition(bed.Get("s3"), ConditionTypes.Synced)!;
        Assert.Equal(("False", "InvalidSpec"), (synced.Status, synced.Reason));
        Assert.Contains("spec.export.configMapName", synced.Message);
        Assert.Empty(bed.Kube.ConfigMaps.List());
        Assert.Empty(bed.Aws.World.Endpoints("eu-west-1"));
    }

    private static Testbed WithExportNamespaces(params string[] namespaces) =>
        Testbed.Start(new InMemoryOperatorOptions { Settings = new("eu-west-1", "demo") { ExportNamespaces = namespaces.ToHashSet() } });

    [Theory]
    [InlineData("data")]
    [InlineData("data,web")]
    [InlineData("")]
    public async Task An_object_outside_the_export_namespaces_gets_ExportNotAllowed_naming_its_namespace_and_nothing_is_written(string allowed)
    {
        var namespaces = allowed.Split(',', StringSplitOptions.RemoveEmptyEntries);
        await using var bed = WithExportNamespaces(namespaces);
        // A ConfigMap of that name already there: not even read, let alone taken over.
        var foreign = bed.Kube.ConfigMaps.Put(new KubeConfigMap(Testbed.Ns, "s3-hints", new Dictionary<string, string> { ["team"] = "data" }, null));
        bed.Apply(Testbed.Gateway("s3", s => s.Export = new EndpointExport { ConfigMapName = "s3-hints" }));

        // The endpoint itself is made and Ready: only the export is refused.
        var resource = await bed.ReadyAsync("s3");
        var exported = Exported(resource);
        Assert.Equal((ConditionStatus.False, ExportReasons.ExportNotAllowed), (exported.Status, exported.Reason));
        Assert.Contains($"may not be written in namespace {Testbed.Ns}", exported.Message);
        Assert.Contains(namespaces.Length == 0 ? "none" : string.Join(", ", namespaces.Order(StringComparer.Ordinal)), exported.Message);
        Assert.EndsWith("nothing written", exported.Message);
        Assert.Single(bed.Events("s3"), e => e.Type == "Warning" && e.Reason == ExportReasons.ExportNotAllowed);
        Assert.Null(resource.Status!.ExportedConfigMap);
        Assert.Equal([foreign.ResourceVersion], bed.Kube.ConfigMaps.List().Select(c => c.ResourceVersion));

        // Resyncs change nothing and repeat no event; removing export removes the condition.
        await bed.RunForAsync(300);
        Assert.Single(bed.Events("s3"), e => e.Reason == ExportReasons.ExportNotAllowed);
        bed.Edit("s3", s => s.Export = null);
        await bed.RunForAsync(3);
        Assert.Null(Testbed.Condition(bed.Get("s3"), ConditionTypes.Exported));
        Assert.Equal([foreign.ResourceVersion], bed.Kube.ConfigMaps.List().Select(c => c.ResourceVersion));
    }

    [Fact]
    public async Task An_object_in_an_export_namespace_writes_its_configmap()
    {
        await using var bed = WithExportNamespaces("data", Testbed.Ns);
        bed.Apply(Testbed.Gateway("s3", s => s.Export = new EndpointExport { ConfigMapName = "s3-hints" }));
        var resource = await bed.ReadyAsync("s3");
        Assert.Equal((ConditionStatus.True, ExportReasons.ConfigMapWritten), (Exported(resource).Status, Exported(resource).Reason));
        Assert.Equal("s3-hints", resource.Status!.ExportedConfigMap);
        Assert.Equal(resource.Status.EndpointId, bed.Kube.ConfigMaps.Get(Testbed.Ns, "s3-hints")!.Data["VPC_ENDPOINT_ID"]);
    }
}
