package main

// receiveCounters counts the RTP packets of the received audio track.
type receiveCounters struct {
	packets      uint64
	payloadBytes uint64
	// gaps counts packets whose sequence number is not the previous one plus 1 (mod 2^16).
	gaps        uint64
	first, last uint16
	payloadType uint8
	ssrc        uint32
}

func (r *receiveCounters) add(seq uint16, payloadType uint8, ssrc uint32, payloadBytes int) {
	if r.packets == 0 {
		r.first = seq
	} else if seq != r.last+1 {
		r.gaps++
	}
	r.last = seq
	r.packets++
	r.payloadBytes += uint64(payloadBytes)
	r.payloadType = payloadType
	r.ssrc = ssrc
}

// event gives the counters as stats fields; the sequence, payload type and SSRC fields are null before the
// first packet.
func (r *receiveCounters) event() event {
	ev := event{
		"packetsReceived": r.packets, "bytesReceived": r.payloadBytes, "sequenceGaps": r.gaps,
		"firstSequence": nil, "lastSequence": nil, "payloadType": nil, "ssrc": nil,
	}
	if r.packets > 0 {
		ev["firstSequence"] = r.first
		ev["lastSequence"] = r.last
		ev["payloadType"] = r.payloadType
		ev["ssrc"] = r.ssrc
	}
	return ev
}
