package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/pion/webrtc/v3"
)

// The data channel part of -bench mode: two in-process PeerConnections with large socket buffers (bufnet.go),
// connected once by "dcconnect", then one reliable ordered channel from the offerer to the answerer:
//
//	dcconnect                      -> {"type":"dcConnected","micros":N,"socketReceiveBuffer":B,"socketSendBuffer":B}
//	dcbulk <bytes> <messageSize>   -> {"type":"dcResult","micros":N,"messages":M,"bytes":B}
//	dcmessages <count> <size>      -> {"type":"dcResult",...}
//
// micros runs from the first send until the receiver counted the last message: what the channel carried, not
// how fast pion queued it. The sender keeps the buffered amount under sendHighWater, as the test peer does.

// dcBenchTimeout bounds one dcbulk or dcmessages run.
const dcBenchTimeout = 120 * time.Second

type dcBench struct {
	network  *bufferedNet
	offerer  *webrtc.PeerConnection
	answerer *webrtc.PeerConnection
	send     *webrtc.DataChannel
	low      chan struct{}
	received uint64 // atomic: messages the answerer's channel received
	bytes    uint64 // atomic
	target   uint64 // atomic: signal arrived once received reaches it
	arrived  chan struct{}
}

// handleDataChannelBench runs one dc* bench line, connecting the pair into *b; ok is false for other lines.
func handleDataChannelBench(b **dcBench, line string, api func(*bufferedNet) (*webrtc.API, error), cert *webrtc.Certificate,
	answerCert *webrtc.Certificate) (event, bool, error) {
	fields := strings.Fields(line)
	if len(fields) == 0 || !strings.HasPrefix(fields[0], "dc") {
		return nil, false, nil
	}
	switch fields[0] {
	case "dcconnect":
		if *b != nil {
			return nil, true, errors.New("dcconnect: connected already")
		}
		bench, micros, err := connectDataChannelPair(api, cert, answerCert)
		if err != nil {
			return nil, true, err
		}
		*b = bench
		receive, send := bench.network.granted()
		return event{"type": "dcConnected", "micros": micros, "socketReceiveBuffer": receive,
			"socketSendBuffer": send}, true, nil
	case "dcbulk", "dcmessages":
		if *b == nil {
			return nil, true, fmt.Errorf("%s before dcconnect", fields[0])
		}
		if len(fields) != 3 {
			return nil, true, fmt.Errorf("usage: %s <n> <size>", fields[0])
		}
		n, err1 := strconv.ParseUint(fields[1], 10, 64)
		size, err2 := strconv.ParseUint(fields[2], 10, 64)
		if err1 != nil || err2 != nil || size == 0 || size > 65535 || n == 0 {
			return nil, true, fmt.Errorf("%s: bad numbers %q %q (size 1..65535)", fields[0], fields[1], fields[2])
		}
		count := n
		if fields[0] == "dcbulk" {
			count = (n + size - 1) / size
		}
		ev, err := (*b).run(count, int(size))
		return ev, true, err
	default:
		return nil, true, fmt.Errorf("unknown bench command %q", fields[0])
	}
}

func connectDataChannelPair(newAPI func(*bufferedNet) (*webrtc.API, error), offerCert, answerCert *webrtc.Certificate) (*dcBench, int64, error) {
	network, err := newBufferedNet()
	if err != nil {
		return nil, 0, err
	}
	api, err := newAPI(network)
	if err != nil {
		return nil, 0, err
	}
	b := &dcBench{network: network, low: make(chan struct{}, 1), arrived: make(chan struct{}, 1)}
	if b.offerer, err = api.NewPeerConnection(webrtc.Configuration{Certificates: []webrtc.Certificate{*offerCert}}); err != nil {
		return nil, 0, err
	}
	if b.answerer, err = api.NewPeerConnection(webrtc.Configuration{Certificates: []webrtc.Certificate{*answerCert}}); err != nil {
		b.close()
		return nil, 0, err
	}
	if b.send, err = b.offerer.CreateDataChannel("bench", nil); err != nil {
		b.close()
		return nil, 0, err
	}
	opened := make(chan struct{})
	b.send.OnOpen(func() { close(opened) })
	b.send.SetBufferedAmountLowThreshold(sendLowWater)
	b.send.OnBufferedAmountLow(func() {
		select {
		case b.low <- struct{}{}:
		default:
		}
	})
	b.answerer.OnDataChannel(func(dc *webrtc.DataChannel) {
		dc.OnMessage(func(msg webrtc.DataChannelMessage) {
			atomic.AddUint64(&b.bytes, uint64(len(msg.Data)))
			if atomic.AddUint64(&b.received, 1) == atomic.LoadUint64(&b.target) {
				b.arrived <- struct{}{}
			}
		})
	})
	start := time.Now()
	// The offerer has a data channel only: connectPair adds a recvonly audio section, which does no harm.
	if _, err := connectPair(b.offerer, b.answerer); err != nil {
		b.close()
		return nil, 0, err
	}
	select {
	case <-opened:
	case <-time.After(benchTimeout):
		b.close()
		return nil, 0, errors.New("the bench data channel did not open")
	}
	return b, time.Since(start).Microseconds(), nil
}

// run sends count messages of size bytes and times them until the last one arrived.
func (b *dcBench) run(count uint64, size int) (event, error) {
	payload := make([]byte, size)
	for i := range payload {
		payload[i] = byte(i)
	}
	atomic.StoreUint64(&b.target, atomic.LoadUint64(&b.received)+count)
	start := time.Now()
	deadline := start.Add(dcBenchTimeout)
	for i := uint64(0); i < count; i++ {
		for b.send.BufferedAmount() > sendHighWater {
			select {
			case <-b.low:
			case <-time.After(50 * time.Millisecond):
			}
			if time.Now().After(deadline) {
				return nil, errors.New("the bench channel's buffer did not drain")
			}
		}
		if err := b.send.Send(payload); err != nil {
			return nil, err
		}
	}
	select {
	case <-b.arrived:
	case <-time.After(time.Until(deadline)):
		return nil, fmt.Errorf("%d of %d messages arrived", atomic.LoadUint64(&b.received), atomic.LoadUint64(&b.target))
	}
	micros := time.Since(start).Microseconds()
	return event{"type": "dcResult", "micros": micros, "messages": count, "bytes": count * uint64(size)}, nil
}

func (b *dcBench) close() {
	if b == nil {
		return
	}
	if b.offerer != nil {
		_ = b.offerer.Close()
	}
	if b.answerer != nil {
		_ = b.answerer.Close()
	}
}
