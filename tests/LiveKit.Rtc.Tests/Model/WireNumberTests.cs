using Xunit;

namespace LiveKit.Rtc.Tests.Model;

/// <summary>Enums that mirror a LiveKit protocol enum keep its numbers, so a value read from the wire converts by a cast.</summary>
public sealed class WireNumberTests
{
    [Theory]
    [InlineData(DisconnectReason.UnknownReason, 0)]
    [InlineData(DisconnectReason.ClientInitiated, 1)]
    [InlineData(DisconnectReason.DuplicateIdentity, 2)]
    [InlineData(DisconnectReason.ServerShutdown, 3)]
    [InlineData(DisconnectReason.ParticipantRemoved, 4)]
    [InlineData(DisconnectReason.RoomDeleted, 5)]
    [InlineData(DisconnectReason.StateMismatch, 6)]
    [InlineData(DisconnectReason.JoinFailure, 7)]
    [InlineData(DisconnectReason.Migration, 8)]
    [InlineData(DisconnectReason.SignalClose, 9)]
    [InlineData(DisconnectReason.RoomClosed, 10)]
    [InlineData(DisconnectReason.UserUnavailable, 11)]
    [InlineData(DisconnectReason.UserRejected, 12)]
    [InlineData(DisconnectReason.SipTrunkFailure, 13)]
    [InlineData(DisconnectReason.ConnectionTimeout, 14)]
    [InlineData(DisconnectReason.MediaFailure, 15)]
    [InlineData(DisconnectReason.AgentError, 16)]
    public void DisconnectReason_keeps_the_protocol_numbers(DisconnectReason reason, int wire) => Assert.Equal(wire, (int)reason);

    [Fact]
    public void Other_protocol_enums_keep_their_numbers()
    {
        Assert.Equal(3, (int)ConnectionQuality.Lost);
        Assert.Equal(4, (int)ParticipantKind.Agent);
        Assert.Equal(8, (int)ParticipantKind.Bridge);
        Assert.Equal(4, (int)TrackSource.ScreenShareAudio);
        Assert.Equal(1, (int)EncryptionType.Gcm);
    }
}
