using System;
using LiveKit.Testing.Rooms;
using LiveKit.WebRtc;

namespace LiveKit.Testing.Media;

/// <summary>
/// One subscriber's copy of one published track: a sendonly m-line on the subscriber's PC. Packets keep the
/// publisher's sequence numbers plus a fixed offset (so upstream loss stays visible and NACKs map back one to one)
/// and its timestamps; SSRC, payload type and header extension ids are the subscriber leg's own (what it negotiated; the audio level is
/// carried over).
/// Key frame requests and NACKs from the subscriber go to the publisher.
/// </summary>
internal sealed class Subscription
{
    private readonly ushort _sequenceOffset;

    public Subscription(ServerParticipant subscriber, PublishedTrack track, RtpTransceiver transceiver)
    {
        Subscriber = subscriber;
        Track = track;
        Transceiver = transceiver;
        _sequenceOffset = (ushort)Random.Shared.Next(0, ushort.MaxValue + 1);
        transceiver.Sender.FeedbackReceived += OnFeedback;
    }

    public ServerParticipant Subscriber { get; }

    public PublishedTrack Track { get; }

    public RtpTransceiver Transceiver { get; }

    /// <summary>Set once an answer covering this m-line was applied (the room loop sets it).</summary>
    public bool Negotiated { get; set; }

    /// <summary>UpdateTrackSettings.disabled: the subscriber asked us to pause this track.</summary>
    public volatile bool Disabled;

    /// <summary>
    /// Runs on the track's forwarding loop. <paramref name="sequence"/> and <paramref name="timestamp"/> are the
    /// track's forwarded numbering (the publisher's, or the simulcast selector's continuous one);
    /// <paramref name="audioLevel"/> is the publisher's RFC 6464 byte, written again under the id this leg negotiated
    /// (if it did). Allocates nothing.
    /// </summary>
    public void Forward(ReceivedRtpPacket packet, ushort sequence, uint timestamp, byte? audioLevel)
    {
        if (Disabled || !Subscriber.ForwardingEnabled)
        {
            return;
        }

        Transceiver.Sender.ForwardRtp(packet.Payload.Span, timestamp, packet.Marker, unchecked((ushort)(sequence + _sequenceOffset)), audioLevel);
    }

    private void OnFeedback(RtcpFeedbackMessage message)
    {
        switch (message.Kind)
        {
            case RtcpFeedbackKind.PictureLoss:
            case RtcpFeedbackKind.FullIntraRequest:
                Track.RequestKeyFrame();
                break;
            case RtcpFeedbackKind.Nack:
                Span<ushort> upstream = message.LostSequenceNumbers.Count <= 256 ? stackalloc ushort[message.LostSequenceNumbers.Count] : new ushort[message.LostSequenceNumbers.Count];
                for (int i = 0; i < upstream.Length; i++)
                {
                    upstream[i] = unchecked((ushort)(message.LostSequenceNumbers[i] - _sequenceOffset));
                }

                Track.RequestRetransmission(upstream);
                break;
        }
    }

    /// <summary>Stops relaying this subscriber's feedback.</summary>
    public void Detach() => Transceiver.Sender.FeedbackReceived -= OnFeedback;
}
