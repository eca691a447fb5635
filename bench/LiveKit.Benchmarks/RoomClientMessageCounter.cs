using System;
using System.Buffers.Binary;
using System.Threading;
using System.Threading.Tasks;

namespace LiveKit.Benchmarks;

/// <summary>
/// The receiving end of the room client's data benchmarks: counts the messages that arrive and checks their sequence.
/// Every message is <see cref="MessageSize"/> bytes and starts with its index (little-endian <see cref="int"/>), counted
/// from 0 over the whole life of the sender, so a message lost, duplicated or reordered shows as an index other than
/// the next one. A benchmark waits for the count it sent with <see cref="WaitForAsync"/>; a wrong message or a wrong
/// size faults that wait (and every later one) with what arrived, so a broken run cannot pass for a fast one.
/// </summary>
internal sealed class RoomClientMessageCounter
{
    /// <summary>The payload of every message: 1 KiB.</summary>
    public const int MessageSize = 1024;

    private readonly Lock _gate = new();
    private int _received;
    private int _target = int.MaxValue;
    private TaskCompletionSource? _reached;
    private Exception? _failure;

    /// <summary>Messages counted so far, all in sequence.</summary>
    public int Received
    {
        get
        {
            lock (_gate)
            {
                return _received;
            }
        }
    }

    /// <summary>Writes message <paramref name="index"/>'s header into <paramref name="message"/> (the rest is left as it is).</summary>
    public static void WriteIndex(byte[] message, int index) => BinaryPrimitives.WriteInt32LittleEndian(message, index);

    /// <summary>Counts one message that arrived; it must be the next index and <see cref="MessageSize"/> bytes.</summary>
    public void Accept(ReadOnlySpan<byte> message)
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                return;
            }

            int index = message.Length >= sizeof(int) ? BinaryPrimitives.ReadInt32LittleEndian(message) : -1;
            if (message.Length != MessageSize || index != _received)
            {
                _failure = new InvalidOperationException(
                    $"Expected message {_received} of {MessageSize} bytes; got {message.Length} bytes with index {index} (lost, duplicated or reordered).");
                _reached?.TrySetException(_failure);
                return;
            }

            _received++;
            if (_received >= _target)
            {
                _reached?.TrySetResult();
            }
        }
    }

    /// <summary>Completes once <paramref name="count"/> messages have arrived in all, in sequence; faults on a wrong one.</summary>
    public Task WaitForAsync(int count, TimeSpan timeout)
    {
        lock (_gate)
        {
            if (_failure is not null)
            {
                return Task.FromException(_failure);
            }

            if (_received >= count)
            {
                return Task.CompletedTask;
            }

            _target = count;
            _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _reached.Task.WaitAsync(timeout);
        }
    }
}
