using System.Text.Json;
using Vpce.Crds.Schema;

namespace Vpce.Tests.Contract.Crds;

/// <summary>
/// The generated CRDs on a real API server: they install and become Established, the server fills the
/// schema defaults and rejects objects that break the schema, naming the field.
/// </summary>
/// <remarks>
/// Applied with --validate=false: kubectl's client-side validation against a server older than 1.25 rejects
/// the CEL rules (x-kubernetes-validations) as unknown fields; such a server drops them and enforces the rest.
/// Invalid objects are also sent with --validate=false so that the server, not kubectl, does the rejecting.
/// </remarks>
[Collection(Kube.KubeApiServerCollection.Name)]
public sealed class CrdContractTests
{
    private static readonly SemaphoreSlim Installed = new(1, 1);
    private static bool installed;

    private static async Task InstallCrdsAsync()
    {
        await Installed.WaitAsync();
        try
        {
            if (installed) return;
            var apply = await Kubectl.RunAsync(CrdGenerator.GenerateYaml(), "apply", "--validate=false", "-f", "-");
            Assert.True(apply.Succeeded, $"applying the generated CRDs failed: {apply}");
            var established = await Kubectl.RunAsync(null, "wait", "--for=condition=Established", "--timeout=60s",
                "crd/vpcendpoints.vpce.io", "crd/endpointbucketpolicies.vpce.io");
            Assert.True(established.Succeeded, $"the CRDs did not become Established: {established}");
            installed = true;
        }
        finally
        {
            Installed.Release();
        }
    }

    private static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static async Task<JsonElement> CreateAsync(string manifest)
    {
        var created = await Kubectl.RunAsync(manifest, "create", "--validate=false", "-o", "json", "-f", "-");
        Assert.True(created.Succeeded, $"the API server refused a valid object: {created}");
        return JsonDocument.Parse(created.Stdout).RootElement.Clone();
    }

    private static async Task DeleteAsync(string resource, string name) =>
        await Kubectl.RunAsync(null, "delete", resource, name, "--ignore-not-found", "--wait=false");

    private static async Task<string> RejectionAsync(string manifest)
    {
        var created = await Kubectl.RunAsync(manifest, "create", "--validate=false", "-f", "-");
        Assert.False(created.Succeeded, $"the API server accepted an invalid object: {created}");
        Assert.Contains("is invalid", created.Stderr);
        return created.Stderr;
    }

    [CrdContractFact]
    public async Task Crds_install_with_their_names_and_printer_columns()
    {
        await InstallCrdsAsync();
        var crd = await Kubectl.RunAsync(null, "get", "crd", "vpcendpoints.vpce.io", "-o", "json");
        Assert.True(crd.Succeeded, crd.ToString());
        var root = JsonDocument.Parse(crd.Stdout).RootElement;
        Assert.Equal("vpce", root.GetProperty("spec").GetProperty("names").GetProperty("shortNames")[0].GetString());
        var conditions = root.GetProperty("status").GetProperty("conditions").EnumerateArray()
            .ToDictionary(c => c.GetProperty("type").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("True", conditions["Established"]);
        Assert.DoesNotContain("NonStructuralSchema", conditions.Keys);
    }

    [CrdContractFact]
    public async Task Valid_VpcEndpoint_is_accepted_with_defaults_and_listed_by_short_name()
    {
        await InstallCrdsAsync();
        var name = UniqueName("vpce-ok");
        try
        {
            var created = await CreateAsync($$"""
                apiVersion: vpce.io/v1alpha1
                kind: VpcEndpoint
                metadata: {name: {{name}}, namespace: default}
                spec:
                  vpcId: vpc-0a1b2c3d4e5f67890
                  serviceName: s3
                  routeTableIds: [rtb-0a1b2c3d4e5f67890]
                """);
            var spec = created.GetProperty("spec");
            Assert.Equal("Exclusive", spec.GetProperty("associationMode").GetString());
            Assert.Equal("Delete", spec.GetProperty("deletionPolicy").GetString());
            Assert.Equal("Correct", spec.GetProperty("driftPolicy").GetString());

            var listed = await Kubectl.RunAsync(null, "get", "vpce", name, "-n", "default");
            Assert.True(listed.Succeeded, listed.ToString());
            var header = listed.Stdout.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(["NAME", "TYPE", "SERVICE", "ENDPOINT", "STATE", "READY", "DRIFTED", "AGE"], header);
        }
        finally
        {
            await DeleteAsync("vpcendpoints.vpce.io", name);
        }
    }

    [CrdContractFact]
    public async Task Status_subresource_accepts_conditions_and_rejects_an_unknown_condition_status()
    {
        await InstallCrdsAsync();
        var name = UniqueName("vpce-st");
        try
        {
            await CreateAsync($$"""
                apiVersion: vpce.io/v1alpha1
                kind: VpcEndpoint
                metadata: {name: {{name}}, namespace: default}
                spec: {vpcId: vpc-0a1b2c3d, serviceName: s3}
                """);
            var good = await Kubectl.RunAsync(null, "patch", "vpcendpoints.vpce.io", name, "-n", "default", "--subresource=status",
                "--type=merge", "-p",
                """{"status":{"endpointId":"vpce-0abc","conditions":[{"type":"Ready","status":"True","reason":"Available","message":"ok","lastTransitionTime":"2026-01-01T00:00:00Z","observedGeneration":1}]}}""");
            Assert.True(good.Succeeded, good.ToString());
            var bad = await Kubectl.RunAsync(null, "patch", "vpcendpoints.vpce.io", name, "-n", "default", "--subresource=status",
                "--type=merge", "-p", """{"status":{"conditions":[{"type":"Ready","status":"Maybe"}]}}""");
            Assert.False(bad.Succeeded, bad.ToString());
            Assert.Contains("status.conditions", bad.Stderr);
        }
        finally
        {
            await DeleteAsync("vpcendpoints.vpce.io", name);
        }
    }

    [CrdContractFact]
    public async Task Valid_EndpointBucketPolicy_is_accepted_with_defaults()
    {
        await InstallCrdsAsync();
        var name = UniqueName("ebp-ok");
        try
        {
            var created = await CreateAsync($$"""
                apiVersion: vpce.io/v1alpha1
                kind: EndpointBucketPolicy
                metadata: {name: {{name}}, namespace: default}
                spec:
                  bucket: reports-bucket
                  vpcEndpointIds: [vpce-0a1b2c3d4e5f67890]
                """);
            var spec = created.GetProperty("spec");
            Assert.Equal(["s3:*"], spec.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
            Assert.Equal("Delete", spec.GetProperty("deletionPolicy").GetString());
            Assert.Equal("Correct", spec.GetProperty("driftPolicy").GetString());
        }
        finally
        {
            await DeleteAsync("endpointbucketpolicies.vpce.io", name);
        }
    }

    [CrdContractFact]
    public async Task VpcEndpoint_with_a_malformed_vpc_id_is_rejected_naming_the_field()
    {
        await InstallCrdsAsync();
        var error = await RejectionAsync($"""
            apiVersion: vpce.io/v1alpha1
            kind: VpcEndpoint
            metadata: {"{"}name: {UniqueName("vpce-id")}, namespace: default{"}"}
            spec: {"{"}vpcId: vpc_x, serviceName: s3{"}"}
            """);
        Assert.Contains("spec.vpcId", error);
    }

    [CrdContractFact]
    public async Task VpcEndpoint_with_an_unknown_type_is_rejected_naming_the_field()
    {
        await InstallCrdsAsync();
        var error = await RejectionAsync($"""
            apiVersion: vpce.io/v1alpha1
            kind: VpcEndpoint
            metadata: {"{"}name: {UniqueName("vpce-ty")}, namespace: default{"}"}
            spec: {"{"}vpcId: vpc-0a1b2c3d, serviceName: s3, type: Gatewayy{"}"}
            """);
        Assert.Contains("spec.type", error);
    }

    [CrdContractFact]
    public async Task VpcEndpoint_without_serviceName_is_rejected_naming_the_field()
    {
        await InstallCrdsAsync();
        var error = await RejectionAsync($"""
            apiVersion: vpce.io/v1alpha1
            kind: VpcEndpoint
            metadata: {"{"}name: {UniqueName("vpce-sn")}, namespace: default{"}"}
            spec: {"{"}vpcId: vpc-0a1b2c3d{"}"}
            """);
        Assert.Contains("spec.serviceName", error);
    }

    [CrdContractFact]
    public async Task VpcEndpoint_with_a_malformed_route_table_id_is_rejected_naming_the_field()
    {
        await InstallCrdsAsync();
        var error = await RejectionAsync($"""
            apiVersion: vpce.io/v1alpha1
            kind: VpcEndpoint
            metadata: {"{"}name: {UniqueName("vpce-rt")}, namespace: default{"}"}
            spec: {"{"}vpcId: vpc-0a1b2c3d, serviceName: s3, routeTableIds: [rtb_1]{"}"}
            """);
        Assert.Contains("spec.routeTableIds", error);
    }

    [CrdContractFact]
    public async Task VpcEndpoint_without_spec_is_rejected()
    {
        await InstallCrdsAsync();
        var error = await RejectionAsync($"""
            apiVersion: vpce.io/v1alpha1
            kind: VpcEndpoint
            metadata: {"{"}name: {UniqueName("vpce-ns")}, namespace: default{"}"}
            """);
        Assert.Contains("spec: Required value", error);
    }

    [CrdContractFact]
    public async Task EndpointBucketPolicy_without_bucket_is_rejected_naming_the_field()
    {
        await InstallCrdsAsync();
        var error = await RejectionAsync($"""
            apiVersion: vpce.io/v1alpha1
            kind: EndpointBucketPolicy
            metadata: {"{"}name: {UniqueName("ebp-nb")}, namespace: default{"}"}
            spec: {"{"}vpcEndpointIds: [vpce-0a1b2c3d]{"}"}
            """);
        Assert.Contains("spec.bucket", error);
    }

    [CrdContractFact]
    public async Task VpcEndpoint_with_48_tags_is_rejected_naming_the_field()
    {
        await InstallCrdsAsync();
        var tags = "{" + string.Join(", ", Enumerable.Range(0, 48).Select(i => $"k{i}: v")) + "}";
        var error = await RejectionAsync($$"""
            apiVersion: vpce.io/v1alpha1
            kind: VpcEndpoint
            metadata: {name: {{UniqueName("vpce-tg")}}, namespace: default}
            spec: {vpcId: vpc-0a1b2c3d, serviceName: s3, tags: {{tags}}}
            """);
        Assert.Contains("spec.tags", error);
    }

    [CrdContractFact]
    public async Task VpcEndpoint_with_47_tags_is_accepted()
    {
        await InstallCrdsAsync();
        var name = UniqueName("vpce-tg");
        var tags = "{" + string.Join(", ", Enumerable.Range(0, 47).Select(i => $"k{i}: v")) + "}";
        try
        {
            await CreateAsync($$"""
                apiVersion: vpce.io/v1alpha1
                kind: VpcEndpoint
                metadata: {name: {{name}}, namespace: default}
                spec: {vpcId: vpc-0a1b2c3d, serviceName: s3, tags: {{tags}}}
                """);
        }
        finally
        {
            await DeleteAsync("vpcendpoints.vpce.io", name);
        }
    }

    [CrdContractFact]
    public async Task VpcEndpoint_with_201_route_tables_is_rejected_naming_the_field()
    {
        await InstallCrdsAsync();
        var ids = string.Join(", ", Enumerable.Range(0, 201).Select(i => $"rtb-{i:x4}"));
        var error = await RejectionAsync($$"""
            apiVersion: vpce.io/v1alpha1
            kind: VpcEndpoint
            metadata: {name: {{UniqueName("vpce-rb")}}, namespace: default}
            spec: {vpcId: vpc-0a1b2c3d, serviceName: s3, routeTableIds: [{{ids}}]}
            """);
        Assert.Contains("spec.routeTableIds", error);
    }

    [CrdContractFact]
    public async Task EndpointBucketPolicy_with_an_sts_principal_is_rejected_naming_the_field()
    {
        await InstallCrdsAsync();
        var error = await RejectionAsync($$"""
            apiVersion: vpce.io/v1alpha1
            kind: EndpointBucketPolicy
            metadata: {name: {{UniqueName("ebp-ar")}}, namespace: default}
            spec:
              bucket: reports-bucket
              vpcEndpointIds: [vpce-0a1b2c3d]
              exemptPrincipalArns: ["arn:aws:sts::111122223333:assumed-role/ops/me"]
            """);
        Assert.Contains("spec.exemptPrincipalArns", error);
    }
}
