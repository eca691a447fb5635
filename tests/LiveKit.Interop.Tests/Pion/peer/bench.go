package main

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/pion/webrtc/v3"
)

// benchTimeout bounds one connect; a connect that takes longer is reported as an error.
const benchTimeout = 10 * time.Second

// runBench answers each stdin line "connect" (and the dc* lines of benchdc.go) with {"type":"connected","micros":N}: the time from createOffer
// to both of two in-process PeerConnections reaching "connected" (ICE and DTLS done), signalled directly with
// trickled candidates. The API (media and setting engines) and one certificate per side are made once, as a
// browser keeps its certificate; the PeerConnections are made before the clock starts and closed after it
// stops. "quit" or the end of stdin ends the program.
func runBench(out *emitter, logs *logFactory) int {
	media := &webrtc.MediaEngine{}
	if err := media.RegisterCodec(opusCodec(), webrtc.RTPCodecTypeAudio); err != nil {
		fmt.Fprintf(os.Stderr, "bench: %v\n", err)
		return 1
	}
	settings := loopbackSettings(logs, nil)
	// The answerer's checks often reach the offerer before its trickled host candidate does, so the offerer
	// learns that address as peer-reflexive, and pion (controlling) waits its prflx acceptance time, 1 s by
	// default, before nominating it. With one candidate a side there is nothing better to wait for.
	settings.SetPrflxAcceptanceMinWait(0)
	api := webrtc.NewAPI(webrtc.WithMediaEngine(media), webrtc.WithSettingEngine(settings))
	offerCert, err := newCertificate()
	if err != nil {
		fmt.Fprintf(os.Stderr, "bench: %v\n", err)
		return 1
	}
	answerCert, err := newCertificate()
	if err != nil {
		fmt.Fprintf(os.Stderr, "bench: %v\n", err)
		return 1
	}
	// The data channel bench (benchdc.go) uses the same engines with large socket buffers.
	dataChannelAPI := func(network *bufferedNet) (*webrtc.API, error) {
		media := &webrtc.MediaEngine{}
		if err := media.RegisterCodec(opusCodec(), webrtc.RTPCodecTypeAudio); err != nil {
			return nil, err
		}
		settings := loopbackSettings(logs, network)
		settings.SetPrflxAcceptanceMinWait(0)
		return webrtc.NewAPI(webrtc.WithMediaEngine(media), webrtc.WithSettingEngine(settings)), nil
	}
	var dataChannels *dcBench
	defer func() { dataChannels.close() }()
	out.emit(event{"type": "ready", "pid": os.Getpid()})

	scanner := bufio.NewScanner(os.Stdin)
	for scanner.Scan() {
		switch strings.TrimSpace(scanner.Text()) {
		case "":
		case "connect":
			micros, closeBoth, err := connectOnce(api, offerCert, answerCert)
			if err != nil {
				out.emit(event{"type": "error", "message": err.Error()})
			} else {
				out.emit(event{"type": "connected", "micros": micros})
			}
			closeBoth()
		case "quit":
			return 0
		default:
			if ev, ok, err := handleDataChannelBench(&dataChannels, scanner.Text(), dataChannelAPI, offerCert, answerCert); ok {
				if err != nil {
					out.emit(event{"type": "error", "message": err.Error()})
				} else {
					out.emit(ev)
				}
				continue
			}
			out.emit(event{"type": "error", "message": fmt.Sprintf("unknown bench command %q", scanner.Text())})
		}
	}
	return 0
}

func newCertificate() (*webrtc.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	return webrtc.GenerateCertificate(key)
}

// connectOnce connects two fresh PeerConnections (one recvonly audio m-line, so no media flows) and returns the
// microseconds from createOffer until both are connected, and a function that closes both (always non-nil).
func connectOnce(api *webrtc.API, offerCert, answerCert *webrtc.Certificate) (int64, func(), error) {
	var open []*webrtc.PeerConnection
	closeAll := func() {
		for _, pc := range open {
			_ = pc.Close()
		}
	}
	micros, err := func() (int64, error) {
		offerer, err := api.NewPeerConnection(webrtc.Configuration{Certificates: []webrtc.Certificate{*offerCert}})
		if err != nil {
			return 0, err
		}
		open = append(open, offerer)
		answerer, err := api.NewPeerConnection(webrtc.Configuration{Certificates: []webrtc.Certificate{*answerCert}})
		if err != nil {
			return 0, err
		}
		open = append(open, answerer)
		return connectPair(offerer, answerer)
	}()
	return micros, closeAll, err
}

// connectPair runs offer/answer between two new PeerConnections and times it.
func connectPair(offerer, answerer *webrtc.PeerConnection) (int64, error) {
	if _, err := offerer.AddTransceiverFromKind(webrtc.RTPCodecTypeAudio,
		webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionRecvonly}); err != nil {
		return 0, err
	}

	// Connected means ICE connected and DTLS connected, tracked as in the peer (state.go): pion's own
	// PeerConnectionState sometimes never reaches "connected" because of out-of-order ICE callbacks.
	done := make(chan error, 2)
	watch := func(pc *webrtc.PeerConnection) {
		var mu sync.Mutex
		ice := webrtc.ICEConnectionStateNew
		var dtls webrtc.DTLSTransportState
		reported := false
		check := func() {
			if reported {
				return
			}
			switch connectionState(false, ice, dtls) {
			case webrtc.PeerConnectionStateConnected:
				reported = true
				done <- nil
			case webrtc.PeerConnectionStateFailed:
				reported = true
				done <- errors.New("a bench PeerConnection failed")
			}
		}
		pc.OnICEConnectionStateChange(func(s webrtc.ICEConnectionState) {
			mu.Lock()
			defer mu.Unlock()
			ice = nextICEState(ice, s)
			check()
		})
		pc.SCTP().Transport().OnStateChange(func(s webrtc.DTLSTransportState) {
			mu.Lock()
			defer mu.Unlock()
			dtls = s
			check()
		})
	}
	watch(offerer)
	watch(answerer)
	toAnswerer := newCandidateLink(answerer)
	toOfferer := newCandidateLink(offerer)
	offerer.OnICECandidate(toAnswerer.deliver)
	answerer.OnICECandidate(toOfferer.deliver)

	start := time.Now()
	offer, err := offerer.CreateOffer(nil)
	if err != nil {
		return 0, err
	}
	if err := offerer.SetLocalDescription(offer); err != nil {
		return 0, err
	}
	if err := answerer.SetRemoteDescription(offer); err != nil {
		return 0, err
	}
	toAnswerer.remoteSet()
	answer, err := answerer.CreateAnswer(nil)
	if err != nil {
		return 0, err
	}
	if err := answerer.SetLocalDescription(answer); err != nil {
		return 0, err
	}
	if err := offerer.SetRemoteDescription(answer); err != nil {
		return 0, err
	}
	toOfferer.remoteSet()

	timeout := time.NewTimer(benchTimeout)
	defer timeout.Stop()
	for i := 0; i < 2; i++ {
		select {
		case err := <-done:
			if err != nil {
				return 0, err
			}
		case <-timeout.C:
			return 0, fmt.Errorf("bench connect timed out after %v", benchTimeout)
		}
	}
	return time.Since(start).Microseconds(), nil
}

// candidateLink trickles one side's candidates to the other, holding them until the other side has its remote
// description (pion refuses candidates before that).
type candidateLink struct {
	to      *webrtc.PeerConnection
	mu      sync.Mutex
	ready   bool
	pending []webrtc.ICECandidateInit
}

func newCandidateLink(to *webrtc.PeerConnection) *candidateLink {
	return &candidateLink{to: to}
}

func (l *candidateLink) deliver(c *webrtc.ICECandidate) {
	if c == nil {
		return
	}
	l.mu.Lock()
	if !l.ready {
		l.pending = append(l.pending, c.ToJSON())
		l.mu.Unlock()
		return
	}
	l.mu.Unlock()
	_ = l.to.AddICECandidate(c.ToJSON())
}

func (l *candidateLink) remoteSet() {
	l.mu.Lock()
	l.ready = true
	pending := l.pending
	l.pending = nil
	l.mu.Unlock()
	for _, c := range pending {
		_ = l.to.AddICECandidate(c)
	}
}
