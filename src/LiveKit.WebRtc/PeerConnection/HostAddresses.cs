using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace LiveKit.WebRtc;

/// <summary>Which local addresses get host candidates (RFC 8445 §5.1.1.1).</summary>
internal static class HostAddresses
{
    /// <summary>
    /// The configured addresses, or else the IPv4 addresses of every interface that is up: not link-local (RFC 8445
    /// §5.1.1.1 says to leave them out), loopback only when asked for or when nothing else exists.
    /// </summary>
    public static IReadOnlyList<IPAddress> Select(IReadOnlyList<IPAddress>? configured, bool includeLoopback)
    {
        if (configured is { Count: > 0 })
        {
            return configured;
        }

        var addresses = new List<IPAddress>();
        foreach (NetworkInterface network in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (network.OperationalStatus != OperationalStatus.Up && network.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            {
                continue;
            }

            foreach (UnicastIPAddressInformation unicast in network.GetIPProperties().UnicastAddresses)
            {
                IPAddress address = unicast.Address;
                bool loopback = IPAddress.IsLoopback(address);
                if (address.AddressFamily == AddressFamily.InterNetwork && !IsLinkLocal(address) && (!loopback || includeLoopback))
                {
                    addresses.Add(address);
                }
            }
        }

        return addresses.Count > 0 ? addresses.Distinct().ToArray() : new[] { IPAddress.Loopback };
    }

    private static bool IsLinkLocal(IPAddress address)
    {
        byte[] bytes = address.GetAddressBytes();
        return bytes[0] == 169 && bytes[1] == 254;
    }
}
