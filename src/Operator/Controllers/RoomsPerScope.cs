using System.Collections.Concurrent;
using Vpce.Operator.Observe;

namespace Vpce.Operator.Controllers;

/// <summary>A kind's rooms per account scope, made when the scope's first object comes, and again when the scope itself was
/// made anew (the account's role changed).</summary>
public sealed class RoomsPerScope<TRooms>(Func<AccountScope, TRooms> make) where TRooms : IScopedRooms
{
    private readonly ConcurrentDictionary<string, TRooms> _rooms = new(StringComparer.Ordinal);

    public ICollection<TRooms> All => _rooms.Values;

    public TRooms For(AccountScope scope)
    {
        // No closure per call: this runs in every reconcile.
        var rooms = _rooms.GetOrAdd(scope.Label, static (_, arg) => arg.Make(arg.Scope), (Make: make, Scope: scope));
        if (ReferenceEquals(rooms.Scope, scope))
        {
            return rooms;
        }
        var fresh = make(scope);
        _rooms[scope.Label] = fresh;
        return fresh;
    }
}
