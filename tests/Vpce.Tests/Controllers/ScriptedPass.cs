using Vpce.Crds;
using Vpce.Operator.Controllers;
using Vpce.Operator.Status;

namespace Vpce.Tests.Controllers;

internal sealed class ScriptedPass(VpcEndpoint resource) : ReconcilePass<VpcEndpoint, EndpointSyncResult>(resource, new EndpointSyncResult { Outcome = SyncOutcome.Unchanged });
