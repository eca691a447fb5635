using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using LiveKit.WebRtc;
using Microsoft.Extensions.Logging;

namespace LiveKit.Rtc.Engine;

/// <summary>
/// Turns the user's <see cref="RtcConfiguration"/> and the server's join response into the options of the room's two
/// PeerConnections (brief §3.1 step 1: the app's ICE servers win over the server's; force_relay means relay-only).
/// </summary>
internal static class PeerConnectionSettings
{
    /// <summary>Builds the options; resolves STUN host names.</summary>
    /// <exception cref="RoomConnectException">Relay-only ICE was asked for (by the app or the server): it needs a TURN client.</exception>
    public static async Task<PeerConnectionOptions> CreateAsync(
        RtcConfiguration? configuration, Proto.JoinResponse join, Uri signalUri, ILogger logger, CancellationToken cancellationToken)
    {
        bool serverForcesRelay = join.ClientConfiguration?.ForceRelay == Proto.ClientConfigSetting.Enabled;
        if (configuration?.IceTransportPolicy == IceTransportPolicy.Relay || serverForcesRelay)
        {
            throw new RoomConnectException(
                RoomConnectFailure.NotSupported,
                (serverForcesRelay ? "The server asks for relay-only ICE (force_relay)" : "RtcConfiguration.IceTransportPolicy is Relay")
                + ", which needs a TURN client; LiveKit.WebRtc has none yet. Connect with IceTransportPolicy.All to a server that does not force relay.");
        }

        IEnumerable<(IReadOnlyList<string> Urls, bool Configured)> servers = configuration is { IceServers.Count: > 0 }
            ? configuration.IceServers.Select(s => (s.Urls, true))
            : join.IceServers.Select(s => ((IReadOnlyList<string>)s.Urls.ToArray(), false));

        var stun = new List<IPEndPoint>();
        foreach ((IReadOnlyList<string> urls, bool configured) in servers)
        {
            foreach (string text in urls)
            {
                if (!IceServerUrl.TryParse(text, out IceServerUrl? url))
                {
                    RoomLog.IceServerIgnored(logger, text, configured ? "not a stun:/turn: URL" : "the server sent a URL that does not parse");
                }
                else if (url.IsTurn || url.IsSecure)
                {
                    RoomLog.IceServerIgnored(logger, text, "TURN and STUN over TLS are not implemented by LiveKit.WebRtc yet");
                }
                else if (await ResolveAsync(url, cancellationToken).ConfigureAwait(false) is IPEndPoint endPoint)
                {
                    stun.Add(endPoint);
                }
                else
                {
                    RoomLog.IceServerIgnored(logger, text, "its host name has no IPv4 address");
                }
            }
        }

        return new PeerConnectionOptions
        {
            StunServers = stun,
            // A server on this machine (a dev server, the test server) is reached over loopback, which ICE leaves out by
            // default (RFC 8445 §5.1.1.1); gather there only, as no other interface can reach it.
            HostAddresses = IsLoopback(signalUri) ? new[] { IPAddress.Loopback } : null,
            // Bulk data needs room in the kernel's buffers: a datagram dropped there costs an SCTP retransmission.
            SocketReceiveBufferSize = 4 * 1024 * 1024,
            SocketSendBufferSize = 4 * 1024 * 1024,
        };
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.IdnHost, out IPAddress? address) && IPAddress.IsLoopback(address));

    private static async Task<IPEndPoint?> ResolveAsync(IceServerUrl url, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(url.Host, out IPAddress? literal))
        {
            return literal.AddressFamily == AddressFamily.InterNetwork ? new IPEndPoint(literal, url.Port) : null;
        }

        try
        {
            IPAddress[] addresses = await Dns.GetHostAddressesAsync(url.Host, AddressFamily.InterNetwork, cancellationToken).ConfigureAwait(false);
            return addresses.Length > 0 ? new IPEndPoint(addresses[0], url.Port) : null;
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
