namespace LiveKit.Media.Packetization;

// The assembler's storage: the reorder window's slots and the frames completed but not read yet.
public sealed partial class Vp8FrameAssembler
{
    private enum SlotState : byte
    {
        Empty,
        Held,
        Consumed,
    }

    private enum PacketContent : byte
    {
        Media,
        Padding,
        Corrupt,
    }

    /// <summary>One sequence number's place in the reorder window.</summary>
    private struct Slot
    {
        public SlotState State;
        public ushort Sequence;
        public uint Timestamp;
        public bool Marker;
        public PacketContent Content;
        public Vp8PayloadDescriptor Descriptor;
        public byte[]? Data;
        public int Length;
    }

    private readonly record struct ReadyFrame(int Offset, int Length, uint Timestamp, bool IsKeyFrame,
        ushort FirstSequence, ushort LastSequence, Vp8PayloadDescriptor Descriptor);
}
