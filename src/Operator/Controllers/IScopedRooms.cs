using Vpce.Operator.Observe;

namespace Vpce.Operator.Controllers;

/// <summary>A kind's readers and writers in one account: made for its <see cref="Scope"/>.</summary>
public interface IScopedRooms
{
    AccountScope Scope { get; }
}
