using Vpce.Ports.Aws;

namespace Vpce.Simulation.Aws;

/// <summary>An issued session as the simulator keeps it: its record, its credentials, the account it acts in, and that
/// account's ports acting as the session.</summary>
internal sealed record SessionGrant(IssuedSession Session, AwsSessionCredentials Credentials, AwsSimulator Account, IAwsApis Ports);
