using System.Threading;
using System.Threading.Tasks;

namespace LiveKit.Rtc.Engine;

/// <summary>Sends a request on the signal connection, in call order.</summary>
internal delegate ValueTask SignalSender(Proto.SignalRequest request, CancellationToken cancellationToken);
