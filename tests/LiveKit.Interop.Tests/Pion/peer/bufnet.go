package main

import (
	"net"
	"sync/atomic"
	"syscall"

	"github.com/pion/transport/v2"
	"github.com/pion/transport/v2/stdnet"
)

// socketBufferRequest is the SO_RCVBUF and SO_SNDBUF every ICE socket asks for. Without it pion's UDP sockets
// keep the system default (212,992 bytes here), and bulk SCTP loses datagrams to a full receive buffer before
// any network could. Linux caps the request at net.core.rmem_max / wmem_max (4 MiB here; read-only inside a
// network namespace) and then doubles it for its bookkeeping, so 4 MiB asked gives 8 MiB.
const socketBufferRequest = 4 << 20

// bufferedNet is the standard network of pion/transport with large socket buffers on every UDP socket that ICE
// opens (SettingEngine.SetNet: pion 3.1.56 has no socket buffer setting of its own). It remembers what the
// kernel granted, for the configured reply.
type bufferedNet struct {
	*stdnet.Net
	receiveBuffer int64 // atomic: SO_RCVBUF as read back from the last socket
	sendBuffer    int64 // atomic: SO_SNDBUF as read back
}

func newBufferedNet() (*bufferedNet, error) {
	n, err := stdnet.NewNet()
	if err != nil {
		return nil, err
	}
	return &bufferedNet{Net: n}, nil
}

// ListenUDP implements transport.Net.
func (n *bufferedNet) ListenUDP(network string, locAddr *net.UDPAddr) (transport.UDPConn, error) {
	conn, err := net.ListenUDP(network, locAddr)
	if err != nil {
		return nil, err
	}
	n.enlarge(conn)
	return conn, nil
}

// ListenPacket implements transport.Net.
func (n *bufferedNet) ListenPacket(network string, address string) (net.PacketConn, error) {
	conn, err := n.Net.ListenPacket(network, address)
	if err != nil {
		return nil, err
	}
	if udp, ok := conn.(*net.UDPConn); ok {
		n.enlarge(udp)
	}
	return conn, nil
}

func (n *bufferedNet) enlarge(conn *net.UDPConn) {
	_ = conn.SetReadBuffer(socketBufferRequest)
	_ = conn.SetWriteBuffer(socketBufferRequest)
	raw, err := conn.SyscallConn()
	if err != nil {
		return
	}
	_ = raw.Control(func(fd uintptr) {
		if v, err := syscall.GetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF); err == nil {
			atomic.StoreInt64(&n.receiveBuffer, int64(v))
		}
		if v, err := syscall.GetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_SNDBUF); err == nil {
			atomic.StoreInt64(&n.sendBuffer, int64(v))
		}
	})
}

// granted is what the kernel gave the last socket: SO_RCVBUF and SO_SNDBUF as read back (0 before any).
func (n *bufferedNet) granted() (receive, send int64) {
	return atomic.LoadInt64(&n.receiveBuffer), atomic.LoadInt64(&n.sendBuffer)
}
