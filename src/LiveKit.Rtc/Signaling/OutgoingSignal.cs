using System.Threading;
using System.Threading.Tasks;

namespace LiveKit.Rtc.Signaling;

/// <summary>A serialized SignalRequest waiting for the writer: its bytes in a pooled buffer, and who waits for it.</summary>
/// <param name="Buffer">A buffer rented from the shared pool; the writer returns it once the frame is sent or dropped.</param>
/// <param name="Length">The request's size in bytes.</param>
/// <param name="Sent">Completed when the frame has gone out (or failed); null when nobody waits (the leave of a close).</param>
/// <param name="CancellationToken">The sender's token: a frame whose sender gave up before its turn is not sent.</param>
internal readonly record struct OutgoingSignal(byte[] Buffer, int Length, TaskCompletionSource? Sent, CancellationToken CancellationToken);
