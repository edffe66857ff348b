namespace Vpce.Operator.Hosting;

/// <summary>How `run` ends. Each expected way out is one log line and one of these codes (README, Command line); only a
/// bug ends with <see cref="Failed"/> and a stack trace.</summary>
public static class ExitCodes
{
    /// <summary>SIGTERM or SIGINT: the controllers drained and the Lease, if held, was released.</summary>
    public const int Stopped = 0;

    /// <summary>An unexpected error: a bug, logged with its stack trace.</summary>
    public const int Failed = 1;

    /// <summary>A flag or its variable that does not parse.</summary>
    public const int Usage = 2;

    /// <summary>With --leader-elect: no renewal of the Lease succeeded within the renew deadline (the API server away, a
    /// partition); the controllers were stopped, and the restarted process stands as a candidate again.</summary>
    public const int LeadershipLost = 3;

    /// <summary>The Kubernetes client configuration cannot be used: the kubeconfig is missing, unreadable or invalid, or
    /// there is none (not in a pod, no ~/.kube/config).</summary>
    public const int KubeconfigUnusable = 4;

    /// <summary>The metrics or health port cannot be listened on (in use, or not allowed).</summary>
    public const int PortUnavailable = 5;
}
