package main

import "github.com/pion/webrtc/v3"

// pion 3.1.56 with pion/ice 2.3.1 runs every ICE connection-state callback on a goroutine of its own
// (ice/v2 agent.go: "go a.onConnectionStateChange(s)"). On loopback, checking and connected follow each other
// within microseconds, so now and then "checking" is delivered after "connected": the PeerConnection then
// keeps ICEConnectionState "checking" and never reports PeerConnectionState "connected" although ICE and DTLS
// are up and media flows (seen about once in 400 in-process connects). The peer therefore keeps its own ICE
// state, which ignores such a late step back, and derives the connection state from it and the DTLS state the
// way the W3C defines RTCPeerConnectionState; pion's own value is reported beside it.

// nextICEState is the ICE state after pion reports next while the state is current: a report of "new" or
// "checking" after the agent got further is a late delivery, not a change (this peer never restarts ICE).
func nextICEState(current, next webrtc.ICEConnectionState) webrtc.ICEConnectionState {
	switch next {
	case webrtc.ICEConnectionStateNew, webrtc.ICEConnectionStateChecking:
		if iceRank(current) > iceRank(next) {
			return current
		}
	}
	return next
}

func iceRank(s webrtc.ICEConnectionState) int {
	switch s {
	case webrtc.ICEConnectionStateNew:
		return 0
	case webrtc.ICEConnectionStateChecking:
		return 1
	default: // connected, completed, disconnected, failed, closed
		return 2
	}
}

// connectionState derives RTCPeerConnectionState from one ICE and one DTLS transport.
func connectionState(closed bool, ice webrtc.ICEConnectionState, dtls webrtc.DTLSTransportState) webrtc.PeerConnectionState {
	switch {
	case closed:
		return webrtc.PeerConnectionStateClosed
	case ice == webrtc.ICEConnectionStateFailed || dtls == webrtc.DTLSTransportStateFailed:
		return webrtc.PeerConnectionStateFailed
	case ice == webrtc.ICEConnectionStateDisconnected:
		return webrtc.PeerConnectionStateDisconnected
	case (ice == webrtc.ICEConnectionStateConnected || ice == webrtc.ICEConnectionStateCompleted) &&
		dtls == webrtc.DTLSTransportStateConnected:
		return webrtc.PeerConnectionStateConnected
	case ice == webrtc.ICEConnectionStateChecking || ice == webrtc.ICEConnectionStateConnected ||
		ice == webrtc.ICEConnectionStateCompleted || dtls == webrtc.DTLSTransportStateConnecting ||
		dtls == webrtc.DTLSTransportStateConnected:
		return webrtc.PeerConnectionStateConnecting
	default:
		return webrtc.PeerConnectionStateNew
	}
}

// dtlsStateName names a DTLS transport state; pion starts the transport at the zero value ("unknown"), which
// is "new" in the W3C names.
func dtlsStateName(state webrtc.DTLSTransportState) string {
	if state == 0 {
		return webrtc.DTLSTransportStateNew.String()
	}
	return state.String()
}
