using System;
using System.Linq;
using System.Threading.Tasks;
using Google.Protobuf;
using LiveKit.Api;
using LiveKit.Proto;
using LiveKit.Testing.Media;
using LiveKit.Testing.Rooms;

namespace LiveKit.Testing.Api;

// The RoomService methods. Each runs its room's part on that room's loop and drives the signal messages the real
// server sends for it: RoomUpdate for metadata, a leave with PARTICIPANT_REMOVED, mute, room_moved, data packets.
internal sealed partial class RoomServiceEndpoint
{
    private async Task<IMessage> DispatchAsync(string method, ClaimGrants claims, RequestBody body)
    {
        VideoGrants video = claims.Video ?? new VideoGrants();
        switch (method)
        {
            case "CreateRoom":
            {
                Require(video.RoomCreate);
                CreateRoomRequest request = body.Parse(CreateRoomRequest.Parser);
                if (string.IsNullOrEmpty(request.Name))
                {
                    throw TwirpError.InvalidArgument("room name cannot be empty");
                }

                ServerRoom room = _rooms.GetOrCreate(request.Name, info =>
                {
                    info.Metadata = request.Metadata;
                    info.MaxParticipants = request.MaxParticipants;
                    if (request.EmptyTimeout > 0)
                    {
                        info.EmptyTimeout = request.EmptyTimeout;
                    }

                    if (request.DepartureTimeout > 0)
                    {
                        info.DepartureTimeout = request.DepartureTimeout;
                    }
                });
                return await room.Loop.InvokeAsync(() => Task.FromResult(room.Info.Clone())).ConfigureAwait(false);
            }

            case "ListRooms":
            {
                Require(video.RoomList);
                ListRoomsRequest request = body.Parse(ListRoomsRequest.Parser);
                var response = new ListRoomsResponse();
                foreach (ServerRoom room in _rooms.All().Where(r => request.Names.Count == 0 || request.Names.Contains(r.Name)))
                {
                    response.Rooms.Add(await room.Loop.InvokeAsync(() => Task.FromResult(room.Info.Clone())).ConfigureAwait(false));
                }

                return response;
            }

            case "DeleteRoom":
            {
                Require(video.RoomCreate);
                DeleteRoomRequest request = body.Parse(DeleteRoomRequest.Parser);
                if (!await _rooms.DeleteAsync(request.Room).ConfigureAwait(false))
                {
                    throw TwirpError.NotFound("requested room does not exist");
                }

                return new DeleteRoomResponse();
            }

            case "ListParticipants":
            {
                ListParticipantsRequest request = body.Parse(ListParticipantsRequest.Parser);
                if (FindAdminRoom(video, request.Room) is not ServerRoom room)
                {
                    return new ListParticipantsResponse(); // localstore.go: a missing room lists nobody
                }

                return await room.Loop.InvokeAsync(() =>
                {
                    var response = new ListParticipantsResponse();
                    response.Participants.AddRange(room.Snapshot.Select(p => p.Info.Clone()));
                    return Task.FromResult(response);
                }).ConfigureAwait(false);
            }

            case "GetParticipant":
            {
                RoomParticipantIdentity request = body.Parse(RoomParticipantIdentity.Parser);
                return await OnParticipantAsync(video, request.Room, request.Identity, "participant does not exist", p => Task.FromResult(p.Info.Clone())).ConfigureAwait(false);
            }

            case "RemoveParticipant":
            {
                RoomParticipantIdentity request = body.Parse(RoomParticipantIdentity.Parser);
                return await OnParticipantAsync(video, request.Room, request.Identity, "participant not found", async p =>
                {
                    p.SendLeaveAndClose(DisconnectReason.ParticipantRemoved, LeaveRequest.Types.Action.Disconnect);
                    await p.Room.RemoveAsync(p, DisconnectReason.ParticipantRemoved).ConfigureAwait(false);
                    return new RemoveParticipantResponse();
                }).ConfigureAwait(false);
            }

            case "MutePublishedTrack":
            {
                MuteRoomTrackRequest request = body.Parse(MuteRoomTrackRequest.Parser);
                return await OnParticipantAsync(video, request.Room, request.Identity, "participant does not exist", p =>
                {
                    if (!p.PublishedTracks.TryGetValue(request.TrackSid, out PublishedTrack? track))
                    {
                        throw TwirpError.NotFound("track is not found");
                    }

                    if (!request.Muted && track.Info.Muted && !_context.Options.EnableRemoteUnmute)
                    {
                        // roommanager.go, MutePublishedTrack: room.enable_remote_unmute is off by default.
                        throw TwirpError.FailedPrecondition("remote unmute not enabled");
                    }

                    // The publisher is told (brief §2.2 #9, it applies the mute locally); everyone sees the new state.
                    p.Send(new SignalResponse { Mute = new MuteTrackRequest { Sid = track.Sid, Muted = request.Muted } });
                    p.SetMuted(track, request.Muted);
                    return Task.FromResult(new MuteRoomTrackResponse { Track = track.Info.Clone() });
                }).ConfigureAwait(false);
            }

            case "UpdateParticipant":
            {
                UpdateParticipantRequest request = body.Parse(UpdateParticipantRequest.Parser);
                return await OnParticipantAsync(video, request.Room, request.Identity, "participant does not exist", p =>
                {
                    if (request.Permission is not null)
                    {
                        p.Info.Permission = request.Permission.Clone();
                    }

                    p.ApplyMetadata(request.Metadata, request.Name, request.Attributes);
                    if (request.Permission is not null)
                    {
                        p.Changed();
                        p.Room.BroadcastParticipantUpdate(p);
                    }

                    return Task.FromResult(p.Info.Clone());
                }).ConfigureAwait(false);
            }

            case "UpdateSubscriptions":
            {
                UpdateSubscriptionsRequest request = body.Parse(UpdateSubscriptionsRequest.Parser);
                return await OnParticipantAsync(video, request.Room, request.Identity, "participant does not exist", async p =>
                {
                    var update = new UpdateSubscription { Subscribe = request.Subscribe };
                    update.TrackSids.AddRange(request.TrackSids);
                    update.ParticipantTracks.AddRange(request.ParticipantTracks);
                    await p.Room.UpdateSubscriptionAsync(p, update).ConfigureAwait(false);
                    return new UpdateSubscriptionsResponse();
                }).ConfigureAwait(false);
            }

            case "SendData":
            {
                SendDataRequest request = body.Parse(SendDataRequest.Parser);
                ServerRoom room = AdminRoom(video, request.Room);
                if (request.Nonce.Length is not (0 or 16))
                {
                    throw TwirpError.InvalidArgument($"nonce should be 16-bytes or not present, got: {request.Nonce.Length} bytes");
                }

                var user = new UserPacket { Payload = request.Data, Nonce = request.Nonce };
                if (request.HasTopic)
                {
                    user.Topic = request.Topic;
                }

                var packet = new DataPacket { User = user, Kind = request.Kind };
                packet.DestinationIdentities.AddRange(request.DestinationIdentities);
                await room.SendDataAsync(packet, null, request.Kind == DataPacket.Types.Kind.Lossy).ConfigureAwait(false);
                return new SendDataResponse();
            }

            case "UpdateRoomMetadata":
            {
                UpdateRoomMetadataRequest request = body.Parse(UpdateRoomMetadataRequest.Parser);
                ServerRoom room = AdminRoom(video, request.Room);
                return await room.Loop.InvokeAsync(() =>
                {
                    room.SetMetadata(request.Metadata);
                    return Task.FromResult(room.Info.Clone());
                }).ConfigureAwait(false);
            }

            case "MoveParticipant":
            {
                MoveParticipantRequest request = body.Parse(MoveParticipantRequest.Parser);
                ServerRoom source = AdminRoom(video, request.Room);
                Require(!string.IsNullOrEmpty(request.DestinationRoom) && video.DestinationRoom == request.DestinationRoom);
                if (request.DestinationRoom == request.Room)
                {
                    throw TwirpError.InvalidArgument("destination room cannot be the same as source room");
                }

                ServerRoom destination = _rooms.Find(request.DestinationRoom) ?? throw TwirpError.NotFound("destination room does not exist");
                ServerParticipant participant = await source.Loop.InvokeAsync(async () =>
                {
                    ServerParticipant p = source.Find(request.Identity) ?? throw TwirpError.NotFound("participant does not exist");
                    await source.DetachForMoveAsync(p).ConfigureAwait(false);
                    return p;
                }).ConfigureAwait(false);
                await destination.Loop.InvokeAsync(() => destination.AttachMovedAsync(participant)).ConfigureAwait(false);
                return new MoveParticipantResponse();
            }

            default:
                throw TwirpError.BadRoute($"no handler for path \"{PathPrefix}{method}\"");
        }
    }

    private static void Require(bool grant)
    {
        if (!grant)
        {
            throw TwirpError.PermissionDenied();
        }
    }

    /// <summary>The room of an admin call: roomAdmin and the grant's room equal to the request's (EnsureAdminPermission).</summary>
    private ServerRoom AdminRoom(VideoGrants video, string room) =>
        FindAdminRoom(video, room) ?? throw TwirpError.NotFound("requested room does not exist");

    private ServerRoom? FindAdminRoom(VideoGrants video, string room)
    {
        Require(video.RoomAdmin && !string.IsNullOrEmpty(room) && video.Room == room);
        return _rooms.Find(room);
    }

    private async Task<T> OnParticipantAsync<T>(VideoGrants video, string room, string identity, string notFound, Func<ServerParticipant, Task<T>> action)
    {
        ServerRoom target = AdminRoom(video, room);
        return await target.Loop.InvokeAsync(async () =>
        {
            ServerParticipant participant = target.Find(identity) ?? throw TwirpError.NotFound(notFound);
            return await action(participant).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}
