namespace Vpce.Ports.Aws;

/// <summary>Awaited by a Describe before it requests each page after the first. AWS counts every page as a request, so the
/// caller's pacing takes that page's token here: a long listing waits for its tokens page by page instead of bursting past
/// AWS's limit. It may throw <see cref="AwsCallPacedException"/> when no token comes in time.</summary>
public delegate Task FurtherPageGate(CancellationToken ct);
