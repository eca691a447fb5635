package main

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/pion/dtls/v2"
	"github.com/pion/webrtc/v3"
	"github.com/pion/webrtc/v3/pkg/media"
)

// opusSilence is a valid 20 ms Opus frame (TOC 0xF8: CELT-only fullband 20 ms, mono, one frame) of silence.
var opusSilence = []byte{0xF8, 0xFF, 0xFE}

const frameDuration = 20 * time.Millisecond

// command is one line of stdin. Fields not used by a command are ignored.
type command struct {
	Type string `json:"type"`
	ID   *int64 `json:"id"`

	// configure
	DtlsRole     string   `json:"dtlsRole"`
	SendAudio    *bool    `json:"sendAudio"`
	ReceiveAudio *bool    `json:"receiveAudio"`
	Trickle      *bool    `json:"trickle"`
	SrtpProfiles []string `json:"srtpProfiles"`
	KeepPayloads *int     `json:"keepPayloads"`
	SendFrames   [][]byte `json:"sendFrames"` // base64 in JSON
	PrflxWaitMs  *int     `json:"prflxAcceptanceMinWaitMs"`

	// setRemote
	SdpType string `json:"sdpType"`
	Sdp     string `json:"sdp"`

	// addCandidate
	Candidate *webrtc.ICECandidateInit `json:"candidate"`

	// awaitPackets, awaitMessages
	Count uint64 `json:"count"`

	// data channels (datachannel.go)
	Label               string       `json:"label"`
	Ordered             *bool        `json:"ordered"`
	MaxRetransmits      *uint16      `json:"maxRetransmits"`
	MaxPacketLifeTimeMs *uint16      `json:"maxPacketLifeTimeMs"`
	Protocol            *string      `json:"protocol"`
	Negotiated          *bool        `json:"negotiated"`
	ChannelID           *uint16      `json:"channelId"`
	Receive             *receiveSpec `json:"receive"`
	Send                *sendSpec    `json:"send"`
	With                *pairedSend  `json:"with"`
	Open                *bool        `json:"open"`
	Data                []byte       `json:"data"` // base64 in JSON
	Text                *string      `json:"text"`
}

// packetWaiter is an awaitPackets command that is answered once count packets have been received.
type packetWaiter struct {
	id    *int64
	count uint64
}

// peer is the one PeerConnection of this process and everything counted about it.
type peer struct {
	out  *emitter
	logs *logFactory

	// Set by configure; read-only afterwards.
	network   *bufferedNet
	pc        *webrtc.PeerConnection
	dtls      *webrtc.DTLSTransport
	trickle   bool
	keep      int
	frames    [][]byte
	sendTrack *webrtc.TrackLocalStaticSample
	sendSSRC  uint32

	mu sync.Mutex
	// Candidates gathered before the offer or answer went out wait here, so the description always comes first.
	descriptionSent bool
	firstMid        string
	heldCandidates  []webrtc.ICECandidateInit
	gatheringDone   bool
	// Remote candidates that arrived before the remote description wait here.
	remoteSet     bool
	pendingRemote []webrtc.ICECandidateInit
	iceState      webrtc.ICEConnectionState
	dtlsState     webrtc.DTLSTransportState
	srtpProfile   string
	lastState     event
	sending       bool
	stopSending   chan struct{}
	packetsSent   uint64
	bytesSent     uint64
	recv          receiveCounters
	payloads      [][]byte
	waiters       []packetWaiter
	closed        bool

	dcs dataChannels
}

func newPeer(out *emitter, logs *logFactory) *peer {
	return &peer{out: out, logs: logs, iceState: webrtc.ICEConnectionStateNew, dcs: dataChannels{
		byLabel: map[string]*channel{}, expected: map[string]receiveSpec{}, awaiting: map[string][]channelWaiter{},
	}}
}

// handle runs one command and returns its reply, or nil when the command emitted its reply itself.
func (p *peer) handle(cmd *command) (event, error) {
	if cmd.Type == "generate" {
		reply, _, err := p.handleDataChannel(cmd)
		return reply, err
	}
	if cmd.Type != "configure" && cmd.Type != "close" && p.pc == nil {
		if err := p.configure(&command{}); err != nil {
			return nil, err
		}
	}
	switch cmd.Type {
	case "configure":
		if p.pc != nil {
			return nil, errors.New("already configured (configure must come first, once)")
		}
		if err := p.configure(cmd); err != nil {
			return nil, err
		}
		reply := event{"type": "configured"}
		if p.sendTrack != nil {
			reply["sendSsrc"] = p.sendSSRC
		}
		return reply, nil
	case "createOffer":
		return nil, p.describe(cmd.ID, true)
	case "createAnswer":
		return nil, p.describe(cmd.ID, false)
	case "setRemote":
		return p.setRemote(cmd)
	case "addCandidate":
		return p.addCandidate(cmd)
	case "getStats":
		return p.stats(), nil
	case "getPayloads":
		return p.payloadList(), nil
	case "awaitPackets":
		return p.awaitPackets(cmd), nil
	case "close":
		p.close()
		return event{"type": "closed"}, nil
	default:
		if reply, ok, err := p.handleDataChannel(cmd); ok {
			return reply, err
		}
		return nil, fmt.Errorf("unknown command type %q", cmd.Type)
	}
}

// configure builds the PeerConnection: loopback settings, the answering DTLS role, Opus only, and the audio
// transceiver the flags ask for (sendrecv, sendonly or recvonly).
func (p *peer) configure(cmd *command) error {
	network, err := newBufferedNet()
	if err != nil {
		return err
	}
	p.network = network
	settings := loopbackSettings(p.logs, network)
	p.logs.onProblem.Store(p.publishState)
	switch cmd.DtlsRole {
	case "", "auto":
	case "client":
		if err := settings.SetAnsweringDTLSRole(webrtc.DTLSRoleClient); err != nil {
			return err
		}
	case "server":
		if err := settings.SetAnsweringDTLSRole(webrtc.DTLSRoleServer); err != nil {
			return err
		}
	default:
		return fmt.Errorf("dtlsRole must be client, server or auto, not %q", cmd.DtlsRole)
	}
	if cmd.PrflxWaitMs != nil {
		settings.SetPrflxAcceptanceMinWait(time.Duration(*cmd.PrflxWaitMs) * time.Millisecond)
	}
	if len(cmd.SrtpProfiles) > 0 {
		var profiles []dtls.SRTPProtectionProfile
		for _, name := range cmd.SrtpProfiles {
			switch name {
			case "SRTP_AES128_CM_HMAC_SHA1_80":
				profiles = append(profiles, dtls.SRTP_AES128_CM_HMAC_SHA1_80)
			case "SRTP_AEAD_AES_128_GCM":
				profiles = append(profiles, dtls.SRTP_AEAD_AES_128_GCM)
			default:
				return fmt.Errorf("unknown SRTP profile %q", name)
			}
		}
		settings.SetSRTPProtectionProfiles(profiles...)
	}

	media := &webrtc.MediaEngine{}
	if err := media.RegisterCodec(opusCodec(), webrtc.RTPCodecTypeAudio); err != nil {
		return err
	}
	api := webrtc.NewAPI(webrtc.WithMediaEngine(media), webrtc.WithSettingEngine(settings))
	pc, err := api.NewPeerConnection(webrtc.Configuration{})
	if err != nil {
		return err
	}

	sendAudio := cmd.SendAudio == nil || *cmd.SendAudio
	receiveAudio := cmd.ReceiveAudio == nil || *cmd.ReceiveAudio
	p.trickle = cmd.Trickle == nil || *cmd.Trickle
	p.keep = 50
	if cmd.KeepPayloads != nil {
		p.keep = *cmd.KeepPayloads
	}
	p.frames = [][]byte{opusSilence}
	if len(cmd.SendFrames) > 0 {
		p.frames = cmd.SendFrames
	}

	if sendAudio {
		track, err := webrtc.NewTrackLocalStaticSample(opusCodec().RTPCodecCapability, "audio", "pion")
		if err != nil {
			return err
		}
		direction := webrtc.RTPTransceiverDirectionSendonly
		if receiveAudio {
			direction = webrtc.RTPTransceiverDirectionSendrecv
		}
		transceiver, err := pc.AddTransceiverFromTrack(track, webrtc.RTPTransceiverInit{Direction: direction})
		if err != nil {
			return err
		}
		p.sendTrack = track
		p.sendSSRC = uint32(transceiver.Sender().GetParameters().Encodings[0].SSRC)
		go drainRTCP(transceiver.Sender())
	} else if receiveAudio {
		if _, err := pc.AddTransceiverFromKind(webrtc.RTPCodecTypeAudio,
			webrtc.RTPTransceiverInit{Direction: webrtc.RTPTransceiverDirectionRecvonly}); err != nil {
			return err
		}
	}

	p.mu.Lock()
	p.pc = pc
	p.dtls = pc.SCTP().Transport()
	p.mu.Unlock()
	pc.OnICECandidate(p.onCandidate)
	pc.OnICEConnectionStateChange(p.onICEState)
	pc.OnConnectionStateChange(func(webrtc.PeerConnectionState) { p.publishState() })
	p.dtls.OnStateChange(p.onDTLSState)
	pc.OnTrack(p.onTrack)
	pc.OnDataChannel(p.onRemoteDataChannel)
	p.publishState()
	return nil
}

func opusCodec() webrtc.RTPCodecParameters {
	return webrtc.RTPCodecParameters{
		RTPCodecCapability: webrtc.RTPCodecCapability{
			MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2, SDPFmtpLine: "minptime=10;useinbandfec=1",
		},
		PayloadType: 111,
	}
}

// describe creates and applies an offer or answer, then emits it as the reply to the command with the given id;
// without trickle it waits for gathering to finish and replies with the description that holds the candidates.
func (p *peer) describe(id *int64, offer bool) error {
	var desc webrtc.SessionDescription
	var err error
	if offer {
		desc, err = p.pc.CreateOffer(nil)
	} else {
		desc, err = p.pc.CreateAnswer(nil)
	}
	if err != nil {
		return err
	}
	var gathered <-chan struct{}
	if !p.trickle {
		gathered = webrtc.GatheringCompletePromise(p.pc)
	}
	if err := p.pc.SetLocalDescription(desc); err != nil {
		return err
	}
	if gathered != nil {
		<-gathered
		desc = *p.pc.LocalDescription()
	}

	kind := "answer"
	if offer {
		kind = "offer"
	}
	// The description goes out before any candidate: emit it here, under the lock, then release the held ones.
	p.mu.Lock()
	defer p.mu.Unlock()
	p.firstMid = firstMid(desc.SDP)
	p.out.reply(id, event{"type": kind, "sdp": desc.SDP})
	p.descriptionSent = true
	for _, c := range p.heldCandidates {
		p.emitCandidate(c)
	}
	p.heldCandidates = nil
	if p.gatheringDone || !p.trickle {
		p.out.emit(event{"type": "endOfCandidates"})
	}
	return nil
}

// firstMid is the a=mid of the first media section, the one every bundled candidate belongs to.
func firstMid(sdp string) string {
	for _, line := range strings.Split(sdp, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.HasPrefix(line, "a=mid:") {
			return line[len("a=mid:"):]
		}
	}
	return "0"
}

func (p *peer) onCandidate(c *webrtc.ICECandidate) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.trickle {
		return
	}
	if c == nil {
		p.gatheringDone = true
		if p.descriptionSent {
			p.out.emit(event{"type": "endOfCandidates"})
		}
		return
	}
	init := c.ToJSON()
	if !p.descriptionSent {
		p.heldCandidates = append(p.heldCandidates, init)
		return
	}
	p.emitCandidate(init)
}

// emitCandidate writes a candidate event; the caller holds p.mu.
func (p *peer) emitCandidate(c webrtc.ICECandidateInit) {
	p.out.emit(event{"type": "candidate", "candidate": event{
		"candidate": c.Candidate, "sdpMid": p.firstMid, "sdpMLineIndex": 0,
	}})
}

func (p *peer) setRemote(cmd *command) (event, error) {
	var kind webrtc.SDPType
	switch cmd.SdpType {
	case "offer":
		kind = webrtc.SDPTypeOffer
	case "answer":
		kind = webrtc.SDPTypeAnswer
	default:
		return nil, fmt.Errorf("sdpType must be offer or answer, not %q", cmd.SdpType)
	}
	if err := p.pc.SetRemoteDescription(webrtc.SessionDescription{Type: kind, SDP: cmd.Sdp}); err != nil {
		return nil, err
	}
	p.mu.Lock()
	p.remoteSet = true
	pending := p.pendingRemote
	p.pendingRemote = nil
	p.mu.Unlock()
	for _, c := range pending {
		if err := p.pc.AddICECandidate(c); err != nil {
			return nil, fmt.Errorf("queued candidate %q: %w", c.Candidate, err)
		}
	}
	return event{"type": "remoteSet"}, nil
}

// addCandidate adds a remote candidate, or queues it until the remote description is set. An empty candidate
// string means the end of the remote candidates.
func (p *peer) addCandidate(cmd *command) (event, error) {
	if cmd.Candidate == nil {
		return nil, errors.New("addCandidate needs a candidate object")
	}
	p.mu.Lock()
	if !p.remoteSet {
		p.pendingRemote = append(p.pendingRemote, *cmd.Candidate)
		p.mu.Unlock()
		return event{"type": "candidateAdded", "queued": true}, nil
	}
	p.mu.Unlock()
	if err := p.pc.AddICECandidate(*cmd.Candidate); err != nil {
		return nil, err
	}
	return event{"type": "candidateAdded", "queued": false}, nil
}

// onDTLSState runs with the DTLS transport's lock held: it must not call back into the transport.
func (p *peer) onDTLSState(state webrtc.DTLSTransportState) {
	profile := ""
	if state == webrtc.DTLSTransportStateConnected {
		profile = negotiatedSRTPProfile(p.dtls)
	}
	p.mu.Lock()
	p.dtlsState = state
	if profile != "" {
		p.srtpProfile = profile
	}
	p.mu.Unlock()
	p.publishState()
}

// negotiatedSRTPProfile reads the profile pion selected. pion 3.1.56 keeps it in an unexported field of the
// DTLSTransport (the stats never fill SRTPCipher), so read it by reflection; "" if the field is not there.
func negotiatedSRTPProfile(t *webrtc.DTLSTransport) string {
	field := reflect.ValueOf(t).Elem().FieldByName("srtpProtectionProfile")
	if !field.IsValid() || field.Kind() != reflect.Uint16 {
		return ""
	}
	switch field.Uint() {
	case 0x0001:
		return "SRTP_AES128_CM_HMAC_SHA1_80"
	case 0x0002:
		return "SRTP_AES128_CM_HMAC_SHA1_32"
	case 0x0007:
		return "SRTP_AEAD_AES_128_GCM"
	default:
		return fmt.Sprintf("0x%04x", field.Uint())
	}
}

func (p *peer) onICEState(state webrtc.ICEConnectionState) {
	p.mu.Lock()
	p.iceState = nextICEState(p.iceState, state)
	p.mu.Unlock()
	p.publishState()
}

// publishState emits a state event when the ICE, DTLS, connection or pion connection state differs from the
// last one emitted (see state.go for why the connection state is derived here).
func (p *peer) publishState() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pc == nil {
		return // a warning while the PeerConnection is being made
	}
	ice := p.iceState
	conn := connectionState(p.closed, ice, p.dtlsState)
	state := event{
		"type": "state", "ice": ice.String(), "connection": conn.String(), "dtls": dtlsStateName(p.dtlsState),
		"pionConnection": p.pc.ConnectionState().String(),
	}
	if conn == webrtc.PeerConnectionStateFailed {
		state["reason"] = p.failureReason(ice)
	}
	if p.lastState != nil && p.lastState["ice"] == state["ice"] && p.lastState["connection"] == state["connection"] &&
		p.lastState["dtls"] == state["dtls"] && p.lastState["pionConnection"] == state["pionConnection"] &&
		p.lastState["reason"] == state["reason"] {
		return
	}
	p.lastState = state
	p.out.emit(state)

	switch conn {
	case webrtc.PeerConnectionStateConnected:
		if p.sendTrack != nil && !p.sending && !p.closed {
			p.sending = true
			p.stopSending = make(chan struct{})
			go p.sendLoop(p.stopSending)
		}
	case webrtc.PeerConnectionStateFailed, webrtc.PeerConnectionStateClosed, webrtc.PeerConnectionStateDisconnected:
		p.stopSendingLocked()
	}
}

// failureReason says which transport failed, followed by pion's last warnings and errors.
func (p *peer) failureReason(ice webrtc.ICEConnectionState) string {
	problems := p.logs.lastProblems()
	switch {
	case ice == webrtc.ICEConnectionStateFailed:
		return strings.TrimSpace("ICE failed: no candidate pair passed connectivity checks in time. " + problems)
	case p.dtlsState == webrtc.DTLSTransportStateFailed:
		return strings.TrimSpace("DTLS failed. " + problems)
	default:
		return problems
	}
}

// stopSendingLocked ends the send loop; the caller holds p.mu.
func (p *peer) stopSendingLocked() {
	if p.sending {
		close(p.stopSending)
		p.sending = false
	}
}

// sendLoop writes one Opus frame every 20 ms (cycling through the configured frames) until stop closes.
func (p *peer) sendLoop(stop <-chan struct{}) {
	ticker := time.NewTicker(frameDuration)
	defer ticker.Stop()
	for i := 0; ; i++ {
		frame := p.frames[i%len(p.frames)]
		if err := p.sendTrack.WriteSample(media.Sample{Data: frame, Duration: frameDuration}); err == nil {
			p.mu.Lock()
			p.packetsSent++
			p.bytesSent += uint64(len(frame))
			p.mu.Unlock()
		}
		select {
		case <-stop:
			return
		case <-ticker.C:
		}
	}
}

// drainRTCP reads the RTCP that arrives for a sender so that pion's buffers never fill.
func drainRTCP(sender *webrtc.RTPSender) {
	buf := make([]byte, 1500)
	for {
		if _, _, err := sender.Read(buf); err != nil {
			return
		}
	}
}

// onTrack reports the remote track and counts its RTP packets until it ends.
func (p *peer) onTrack(track *webrtc.TrackRemote, receiver *webrtc.RTPReceiver) {
	p.out.emit(event{
		"type": "track", "kind": track.Kind().String(), "ssrc": uint32(track.SSRC()),
		"payloadType": uint8(track.PayloadType()), "mimeType": track.Codec().MimeType,
	})
	go func() {
		buf := make([]byte, 1500)
		for {
			if _, _, err := receiver.Read(buf); err != nil {
				return
			}
		}
	}()
	for {
		packet, _, err := track.ReadRTP()
		if err != nil {
			return
		}
		p.mu.Lock()
		p.recv.add(packet.SequenceNumber, packet.PayloadType, packet.SSRC, len(packet.Payload))
		if len(p.payloads) < p.keep {
			p.payloads = append(p.payloads, append([]byte(nil), packet.Payload...))
		}
		p.answerWaitersLocked()
		p.mu.Unlock()
	}
}

// awaitPackets replies once at least cmd.Count packets have been received (at once if they already have).
func (p *peer) awaitPackets(cmd *command) event {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.waiters = append(p.waiters, packetWaiter{id: cmd.ID, count: cmd.Count})
	p.answerWaitersLocked()
	return nil
}

// answerWaitersLocked replies to the awaitPackets commands that the received count satisfies; the caller
// holds p.mu.
func (p *peer) answerWaitersLocked() {
	kept := p.waiters[:0]
	for _, w := range p.waiters {
		if p.recv.packets >= w.count {
			p.out.reply(w.id, event{"type": "packetsReceived", "packets": p.recv.packets})
		} else {
			kept = append(kept, w)
		}
	}
	p.waiters = kept
}

func (p *peer) stats() event {
	p.mu.Lock()
	defer p.mu.Unlock()
	ev := p.recv.event()
	ev["type"] = "stats"
	ev["packetsSent"] = p.packetsSent
	ev["bytesSent"] = p.bytesSent
	if p.sendTrack != nil {
		ev["sendSsrc"] = p.sendSSRC
	}
	ev["srtpProfile"] = p.srtpProfile
	ev["socketReceiveBuffer"], ev["socketSendBuffer"] = p.network.granted()
	ev["connection"] = connectionState(p.closed, p.iceState, p.dtlsState).String()
	ev["pionConnection"] = p.pc.ConnectionState().String()
	ev["ice"] = p.iceState.String()
	ev["dtls"] = dtlsStateName(p.dtlsState)
	return ev
}

func (p *peer) payloadList() event {
	p.mu.Lock()
	defer p.mu.Unlock()
	list := make([][]byte, len(p.payloads))
	copy(list, p.payloads)
	return event{"type": "payloads", "payloads": list}
}

func (p *peer) close() {
	p.mu.Lock()
	p.closed = true
	p.stopSendingLocked()
	pc := p.pc
	p.mu.Unlock()
	if pc != nil {
		_ = pc.Close()
		p.publishState() // pion reports "closed" on a goroutine that may not run before the process exits
	}
}
