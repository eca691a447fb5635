using System;
using System.Linq;
using System.Threading.Tasks;
using Google.Protobuf;
using LiveKit.Proto;
using LiveKit.WebRtc;
using Microsoft.Extensions.Logging;

namespace LiveKit.Testing.Rooms;

// DataPacket relay (brief §4): what a participant sends on its publisher PC's _reliable or _lossy channel goes to
// the others' subscriber PC channel of the same label, only to destination_identities when any are named, with the
// sender's identity and sid stamped (identity cleared for hidden senders), as the real server does.
internal sealed partial class ServerRoom
{
    /// <summary>Reads one of a participant's channels until it closes, relaying each packet. Runs off the loop.</summary>
    public async Task RelayDataAsync(ServerParticipant sender, DataChannel channel)
    {
        bool lossy = channel.Label == DataLabels.Lossy;
        await foreach (DataChannelMessage message in channel.ReadAllAsync().ConfigureAwait(false))
        {
            DataPacket packet;
            try
            {
                packet = DataPacket.Parser.ParseFrom(message.Data.Span);
            }
            catch (InvalidProtocolBufferException)
            {
                _logger.LogDebug("{Identity}: malformed data packet dropped", sender.Identity);
                continue;
            }

            if (!sender.CanPublishData || sender.IsClosed)
            {
                continue;
            }

            // The room of now: a moved participant's channels stay, its room changes.
            await sender.Room.SendDataAsync(packet, sender, lossy).ConfigureAwait(false);
        }
    }

    /// <summary>Delivers <paramref name="packet"/> to its destinations (everyone but the sender when none are named).</summary>
    public async Task SendDataAsync(DataPacket packet, ServerParticipant? sender, bool lossy)
    {
        packet.ParticipantSid = sender?.Sid ?? "";
        packet.ParticipantIdentity = sender is null || sender.IsHidden ? "" : sender.Identity;
        packet.Kind = lossy ? DataPacket.Types.Kind.Lossy : DataPacket.Types.Kind.Reliable;
        var destinationSids = new System.Collections.Generic.HashSet<string>();
        if (packet.User is UserPacket user)
        {
            // Clients fill either the packet's or the (older) user packet's destinations and sender fields: the real
            // server (room.go, BroadcastDataPacketForRoom) completes each from the other, and honours
            // destination_sids too.
            if (packet.DestinationIdentities.Count == 0)
            {
                packet.DestinationIdentities.Add(user.DestinationIdentities);
            }
            else if (user.DestinationIdentities.Count == 0)
            {
                user.DestinationIdentities.Add(packet.DestinationIdentities);
            }

            destinationSids.UnionWith(user.DestinationSids);
            user.ParticipantSid = packet.ParticipantSid;
            user.ParticipantIdentity = packet.ParticipantIdentity;
        }

        byte[] bytes = packet.ToByteArray();
        string label = lossy ? DataLabels.Lossy : DataLabels.Reliable;
        bool addressed = packet.DestinationIdentities.Count > 0 || destinationSids.Count > 0;
        foreach (ServerParticipant recipient in Snapshot)
        {
            if (recipient == sender || recipient.IsClosed || !recipient.ForwardingEnabled
                || (addressed && !packet.DestinationIdentities.Contains(recipient.Identity) && !destinationSids.Contains(recipient.Sid)))
            {
                continue;
            }

            DataChannel? channel = recipient.DataChannelFor(label);
            if (channel is null || channel.State != DataChannelState.Open)
            {
                continue;
            }

            try
            {
                await channel.SendAsync(bytes).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
            {
                // The recipient left or its channel closed meanwhile: the others still get theirs.
                _logger.LogDebug("{Identity}: data not delivered: {Message}", recipient.Identity, e.Message);
            }
        }
    }

}
