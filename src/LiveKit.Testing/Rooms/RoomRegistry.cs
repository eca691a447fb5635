using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using LiveKit.Proto;

namespace LiveKit.Testing.Rooms;

/// <summary>The server's rooms by name. Creation and deletion are serialized by one lock; rooms run on their loops.</summary>
internal sealed class RoomRegistry : IAsyncDisposable
{
    private readonly ServerContext _context;
    private readonly Dictionary<string, ServerRoom> _rooms = new(StringComparer.Ordinal);
    private readonly System.Threading.Lock _gate = new();

    public RoomRegistry(ServerContext context) => _context = context;

    public ServerRoom? Find(string name)
    {
        lock (_gate)
        {
            return _rooms.GetValueOrDefault(name);
        }
    }

    public IReadOnlyList<ServerRoom> All()
    {
        lock (_gate)
        {
            return _rooms.Values.ToArray();
        }
    }

    /// <summary>The room named <paramref name="name"/>, created with <paramref name="configure"/> when missing.</summary>
    public ServerRoom GetOrCreate(string name, Action<Room>? configure = null)
    {
        lock (_gate)
        {
            if (_rooms.TryGetValue(name, out ServerRoom? existing) && !existing.IsClosed)
            {
                return existing;
            }

            DateTimeOffset now = _context.Time.GetUtcNow();
            var info = new Room
            {
                Sid = SidGenerator.New(SidGenerator.RoomPrefix),
                Name = name,
                CreationTime = now.ToUnixTimeSeconds(),
                CreationTimeMs = now.ToUnixTimeMilliseconds(),
                EmptyTimeout = 300,
                DepartureTimeout = (uint)_context.Options.DepartureTimeout.TotalSeconds,
            };
            info.EnabledCodecs.Add(new Codec { Mime = "audio/opus" });
            info.EnabledCodecs.Add(new Codec { Mime = "video/VP8" });
            configure?.Invoke(info);
            var room = new ServerRoom(_context, this, info);
            _rooms[name] = room;
            return room;
        }
    }

    /// <summary>Removes and closes a room; its participants get a leave with ROOM_DELETED.</summary>
    public async Task<bool> DeleteAsync(string name)
    {
        ServerRoom? room;
        lock (_gate)
        {
            if (!_rooms.Remove(name, out room))
            {
                return false;
            }
        }

        await room.DisposeAsync(DisconnectReason.RoomDeleted).ConfigureAwait(false);
        return true;
    }

    /// <summary>Drops rooms empty for longer than their departure (or, never joined, empty) timeout; the server's sweep calls it.</summary>
    public async Task SweepAsync()
    {
        DateTimeOffset now = _context.Time.GetUtcNow();
        ServerRoom[] expired;
        lock (_gate)
        {
            expired = _rooms.Values.Where(r => r.EmptySince is DateTimeOffset since && now - since > r.EmptyLifetime && r.Snapshot.Length == 0).ToArray();
            foreach (ServerRoom room in expired)
            {
                _rooms.Remove(room.Name);
            }
        }

        foreach (ServerRoom room in expired)
        {
            await room.DisposeAsync(DisconnectReason.RoomClosed).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        ServerRoom[] rooms;
        lock (_gate)
        {
            rooms = _rooms.Values.ToArray();
            _rooms.Clear();
        }

        foreach (ServerRoom room in rooms)
        {
            await room.DisposeAsync(DisconnectReason.ServerShutdown).ConfigureAwait(false);
        }
    }
}
