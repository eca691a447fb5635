package main

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/webrtc/v3"
)

// Data channels of the peer, by label. Commands (see PionPeer.DataChannels.cs for the C# side):
//
//	createDataChannel {label, ordered?, maxRetransmits?, maxPacketLifeTimeMs?, protocol?, negotiated?, channelId?,
//	                   receive?}                              -> dataChannelCreated {channel}
//	expectMessages    {label, receive}                       -> expecting (before the channel exists, too)
//	awaitChannel      {label, open}                          -> channel {channel} once it exists (and is open)
//	sendMessages      {label, send, with?}                   -> sent {messages, bytes, withMessages, withBytes, micros}
//	                  (send: {seed, minSize, maxSize, tagged, count, highWater?}; with: {label, send})
//	sendData          {label, data (base64) | text}          -> dataSent
//	awaitMessages     {label, count}                         -> messages {report} once count arrived
//	channelReport     {label}                                -> messages {report} now
//	getMessages       {label}                                -> keptMessages {messages: [{data, isText}]}
//	closeDataChannel  {label}                                -> dataChannelClosing
//	generate          {send}                                 -> generated {messages: [{size, fnv}]}
//
// Events: dataChannel {channel} when the remote peer opened one in-band; channelState {label, state, error?}.
// A channel is described as {label, id, ordered, maxRetransmits, maxPacketLifeTime, protocol, negotiated, state}.
//
// pion 3.1.56 reads each message into a 65,535-byte buffer: a longer one ends the channel's read loop with
// io.ErrShortBuffer (reported as channelState closed with that error), so senders to pion cap their sizes.

// sendHighWater is the buffered amount above which a sender waits; sendLowWater is the threshold at which pion
// tells it to go on. Both far below what the SCTP association may queue.
const (
	sendHighWater = 4 << 20
	sendLowWater  = 1 << 20
)

// receiveSpec is how a channel's received messages are checked (see verify.go) and what else happens to them.
type receiveSpec struct {
	messageShape
	// Count is the number of generated messages expected; 0 with Verify unset means: count only.
	Count  uint32 `json:"count"`
	Verify *bool  `json:"verify"`
	// Echo sends every received message back on the same channel, as text if it came as text.
	Echo bool `json:"echo"`
	// Keep is how many received messages are kept for getMessages (the first ones).
	Keep int `json:"keep"`
	// StallsOf names another channel (the reliable one) whose stalls this report measures: a gap of more than
	// StallMs (default 50) between two consecutive arrivals there is a stall, as when it waits for a
	// retransmission; the report counts them and this channel's arrivals inside them. A channel that is held
	// back behind the other one's retransmissions receives nothing during its stalls.
	StallsOf string `json:"stallsOf"`
	StallMs  int    `json:"stallMs"`
}

func (s *receiveSpec) verifies() bool {
	if s.Verify != nil {
		return *s.Verify
	}
	return s.Count > 0
}

// sendSpec is a run of generated messages to send.
type sendSpec struct {
	messageShape
	Count uint32 `json:"count"`
	// HighWater is the buffered amount above which the sender waits (default sendHighWater): a small one spreads
	// a channel's messages over the whole run instead of queueing them all at once.
	HighWater uint64 `json:"highWater"`
}

// pairedSend is a second channel whose messages sendMessages interleaves with the first one's.
type pairedSend struct {
	Label string    `json:"label"`
	Send  *sendSpec `json:"send"`
}

type keptMessage struct {
	Data   []byte `json:"data"`
	IsText bool   `json:"isText"`
}

type messageWaiter struct {
	id    *int64
	count uint64
}

// channel is one data channel of the peer and what it received.
type channel struct {
	p      *peer
	dc     *webrtc.DataChannel
	label  string
	remote bool
	low    chan struct{} // signalled by OnBufferedAmountLow

	received uint64 // atomic

	arrivalsMu sync.Mutex
	arrivals   []time.Duration // since processStart, one per message

	mu          sync.Mutex
	state       string
	errText     string
	spec        receiveSpec
	verifier    *verifier
	bytes       uint64
	kept        []keptMessage
	openWaiters []*int64
	waiters     []messageWaiter
}

// dataChannels holds the peer's channels and the expectations set before a channel existed.
type dataChannels struct {
	mu       sync.Mutex
	byLabel  map[string]*channel
	expected map[string]receiveSpec
	awaiting map[string][]channelWaiter // awaitChannel commands for channels that do not exist yet
}

// channelWaiter is an awaitChannel command waiting for its channel to exist (and, with open, to open).
type channelWaiter struct {
	id   *int64
	open bool
}

func (d *dataChannels) get(label string) (*channel, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if c, ok := d.byLabel[label]; ok {
		return c, nil
	}
	return nil, fmt.Errorf("no data channel labelled %q", label)
}

// handleDataChannel runs the data channel commands; ok is false for any other command.
func (p *peer) handleDataChannel(cmd *command) (reply event, ok bool, err error) {
	ok = true
	switch cmd.Type {
	case "createDataChannel":
		reply, err = p.createDataChannel(cmd)
	case "expectMessages":
		reply, err = p.expectMessages(cmd)
	case "awaitChannel":
		err = p.awaitChannel(cmd)
	case "sendMessages":
		err = p.sendMessages(cmd)
	case "sendData":
		reply, err = p.sendData(cmd)
	case "awaitMessages":
		err = p.awaitMessages(cmd)
	case "channelReport":
		var c *channel
		if c, err = p.dcs.get(cmd.Label); err == nil {
			c.mu.Lock()
			reply = c.reportLocked()
			c.mu.Unlock()
		}
	case "getMessages":
		var c *channel
		if c, err = p.dcs.get(cmd.Label); err == nil {
			c.mu.Lock()
			reply = event{"type": "keptMessages", "messages": append([]keptMessage(nil), c.kept...)}
			c.mu.Unlock()
		}
	case "closeDataChannel":
		var c *channel
		if c, err = p.dcs.get(cmd.Label); err == nil {
			err = c.dc.Close()
			reply = event{"type": "dataChannelClosing"}
		}
	case "generate":
		reply, err = generate(cmd)
	default:
		ok = false
	}
	return reply, ok, err
}

func (p *peer) createDataChannel(cmd *command) (event, error) {
	if cmd.Label == "" {
		return nil, errors.New("createDataChannel needs a label")
	}
	if cmd.Receive != nil {
		if err := checkReceiveSpec(cmd.Receive); err != nil {
			return nil, err
		}
	}
	p.dcs.mu.Lock()
	_, taken := p.dcs.byLabel[cmd.Label]
	p.dcs.mu.Unlock()
	if taken {
		return nil, fmt.Errorf("a data channel labelled %q exists already", cmd.Label)
	}
	init := &webrtc.DataChannelInit{
		Ordered:           cmd.Ordered,
		MaxRetransmits:    cmd.MaxRetransmits,
		MaxPacketLifeTime: cmd.MaxPacketLifeTimeMs,
		Protocol:          cmd.Protocol,
		Negotiated:        cmd.Negotiated,
		ID:                cmd.ChannelID,
	}
	if cmd.Receive != nil {
		p.dcs.mu.Lock()
		p.dcs.expected[cmd.Label] = *cmd.Receive
		p.dcs.mu.Unlock()
	}
	dc, err := p.pc.CreateDataChannel(cmd.Label, init)
	if err != nil {
		return nil, err
	}
	c := p.addChannel(dc, false)
	return event{"type": "dataChannelCreated", "channel": c.describe()}, nil
}

func checkReceiveSpec(spec *receiveSpec) error {
	if spec.verifies() {
		if problem := spec.valid(); problem != "" {
			return errors.New(problem)
		}
		if spec.Count == 0 {
			return errors.New("verifying needs a count")
		}
	}
	return nil
}

// onRemoteDataChannel is pion's OnDataChannel: a channel the remote peer opened in-band.
func (p *peer) onRemoteDataChannel(dc *webrtc.DataChannel) {
	c := p.addChannel(dc, true)
	p.out.emit(event{"type": "dataChannel", "channel": c.describe()})
}

// addChannel registers dc and hooks its events; called before the channel can deliver anything (pion runs
// OnDataChannel before it starts the channel's read loop, and a local channel opens later).
func (p *peer) addChannel(dc *webrtc.DataChannel, remote bool) *channel {
	c := &channel{p: p, dc: dc, label: dc.Label(), remote: remote, low: make(chan struct{}, 1), state: "connecting"}
	p.dcs.mu.Lock()
	key := c.label
	if _, taken := p.dcs.byLabel[key]; taken && remote {
		if id := dc.ID(); id != nil {
			key = fmt.Sprintf("%s@%d", c.label, *id)
		}
	}
	c.label = key
	spec, expected := p.dcs.expected[key]
	delete(p.dcs.expected, key)
	p.dcs.byLabel[key] = c
	awaiting := p.dcs.awaiting[key]
	delete(p.dcs.awaiting, key)
	p.dcs.mu.Unlock()

	c.mu.Lock()
	c.setSpecLocked(spec, expected)
	c.mu.Unlock()
	if dc.ReadyState() == webrtc.DataChannelStateOpen {
		c.setState("open", "")
	}
	watchLow := func() {
		dc.SetBufferedAmountLowThreshold(sendLowWater)
		dc.OnBufferedAmountLow(func() {
			select {
			case c.low <- struct{}{}:
			default:
			}
		})
	}
	watchLow()
	dc.OnOpen(func() {
		// Again: pion keeps the threshold and handler of a remote channel only once it is open.
		watchLow()
		c.setState("open", "")
	})
	dc.OnClose(func() { c.setState("closed", "") })
	dc.OnError(func(err error) { c.setState("", err.Error()) })
	dc.OnMessage(c.onMessage)
	for _, w := range awaiting {
		c.answerChannelWaiter(w.id, w.open)
	}
	return c
}

func (c *channel) setSpecLocked(spec receiveSpec, given bool) {
	if !given {
		spec = receiveSpec{Keep: 100}
	}
	c.spec = spec
	c.verifier = nil
	if spec.verifies() {
		c.verifier = newVerifier(spec.messageShape, spec.Count)
	}
}

func (p *peer) expectMessages(cmd *command) (event, error) {
	if cmd.Receive == nil {
		return nil, errors.New("expectMessages needs a receive spec")
	}
	if err := checkReceiveSpec(cmd.Receive); err != nil {
		return nil, err
	}
	p.dcs.mu.Lock()
	c, exists := p.dcs.byLabel[cmd.Label]
	if !exists {
		p.dcs.expected[cmd.Label] = *cmd.Receive
		p.dcs.mu.Unlock()
		return event{"type": "expecting"}, nil
	}
	p.dcs.mu.Unlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	if atomic.LoadUint64(&c.received) > 0 {
		return nil, fmt.Errorf("data channel %q received %d messages already", cmd.Label, c.received)
	}
	c.setSpecLocked(*cmd.Receive, true)
	return event{"type": "expecting"}, nil
}

func (p *peer) awaitChannel(cmd *command) error {
	open := cmd.Open != nil && *cmd.Open
	p.dcs.mu.Lock()
	c, exists := p.dcs.byLabel[cmd.Label]
	if !exists {
		p.dcs.awaiting[cmd.Label] = append(p.dcs.awaiting[cmd.Label], channelWaiter{id: cmd.ID, open: open})
		p.dcs.mu.Unlock()
		return nil
	}
	p.dcs.mu.Unlock()
	c.answerChannelWaiter(cmd.ID, open)
	return nil
}

// answerChannelWaiter answers an awaitChannel now, or when the channel opens if open is set.
func (c *channel) answerChannelWaiter(id *int64, open bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case !open || c.state == "open":
		c.p.out.reply(id, event{"type": "channel", "channel": c.describeLocked()})
	case c.state == "closed":
		c.p.out.reply(id, event{"type": "error", "command": "awaitChannel",
			"message": fmt.Sprintf("data channel %q closed before it opened %s", c.label, c.errText)})
	default:
		c.openWaiters = append(c.openWaiters, id)
	}
}

func (c *channel) setState(state, errText string) {
	c.mu.Lock()
	if errText != "" {
		c.errText = errText
	}
	if state != "" {
		c.state = state
	}
	ev := event{"type": "channelState", "label": c.label, "state": c.state}
	if c.errText != "" {
		ev["error"] = c.errText
	}
	switch c.state {
	case "open":
		for _, id := range c.openWaiters {
			c.p.out.reply(id, event{"type": "channel", "channel": c.describeLocked()})
		}
		c.openWaiters = nil
	case "closed":
		for _, id := range c.openWaiters {
			c.p.out.reply(id, event{"type": "error", "command": "awaitChannel",
				"message": fmt.Sprintf("data channel %q closed before it opened %s", c.label, c.errText)})
		}
		c.openWaiters = nil
		for _, w := range c.waiters {
			c.p.out.reply(w.id, event{"type": "error", "command": "awaitMessages",
				"message": fmt.Sprintf("data channel %q closed after %d of %d messages %s; report %v",
					c.label, atomic.LoadUint64(&c.received), w.count, c.errText, c.reportLocked())})
		}
		c.waiters = nil
	}
	c.mu.Unlock()
	c.p.out.emit(ev)
}

func (c *channel) describe() event {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.describeLocked()
}

func (c *channel) describeLocked() event {
	d := event{
		"label": c.label, "ordered": c.dc.Ordered(), "protocol": c.dc.Protocol(), "negotiated": c.dc.Negotiated(),
		"state": c.state, "remote": c.remote, "id": nil, "maxRetransmits": nil, "maxPacketLifeTime": nil,
	}
	if id := c.dc.ID(); id != nil {
		d["id"] = *id
	}
	if r := c.dc.MaxRetransmits(); r != nil {
		d["maxRetransmits"] = *r
	}
	if t := c.dc.MaxPacketLifeTime(); t != nil {
		d["maxPacketLifeTime"] = *t
	}
	return d
}

// onMessage runs on the channel's read loop, one message at a time.
func (c *channel) onMessage(msg webrtc.DataChannelMessage) {
	c.mu.Lock()
	if c.verifier != nil {
		// Only checked channels keep arrival times (for the stall measure): a counting sink in a benchmark
		// would otherwise grow without end.
		c.arrivalsMu.Lock()
		c.arrivals = append(c.arrivals, time.Since(processStart))
		c.arrivalsMu.Unlock()
	}
	c.bytes += uint64(len(msg.Data))
	if len(c.kept) < c.spec.Keep {
		c.kept = append(c.kept, keptMessage{Data: msg.Data, IsText: msg.IsString})
	}
	if c.verifier != nil {
		c.verifier.accept(msg.Data)
	}
	received := atomic.AddUint64(&c.received, 1)
	echo := c.spec.Echo
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if received >= w.count {
			c.p.out.reply(w.id, c.reportLocked())
		} else {
			kept = append(kept, w)
		}
	}
	c.waiters = kept
	c.mu.Unlock()

	if echo {
		var err error
		if msg.IsString {
			err = c.dc.SendText(string(msg.Data))
		} else {
			err = c.dc.Send(msg.Data)
		}
		if err != nil {
			c.setState("", "echo: "+err.Error())
		}
	}
}

// reportLocked is the messages event: what the channel received and what its verifier found.
func (c *channel) reportLocked() event {
	ev := event{
		"type": "messages", "label": c.label, "received": atomic.LoadUint64(&c.received), "bytes": c.bytes,
		"verified": c.verifier != nil, "state": c.state,
	}
	if c.spec.StallsOf != "" {
		if other, err := c.p.dcs.get(c.spec.StallsOf); err == nil {
			threshold := time.Duration(c.spec.StallMs) * time.Millisecond
			if threshold <= 0 {
				threshold = 50 * time.Millisecond
			}
			ev["stalls"], ev["duringStalls"] = countDuringStalls(other.arrivalTimes(), c.arrivalTimes(), threshold)
		}
	}
	if v := c.verifier; v != nil {
		ev["expected"] = v.count
		ev["distinct"] = v.distinct
		ev["mismatches"] = v.mismatches
		ev["outOfOrder"] = v.outOfOrder
		ev["duplicates"] = v.duplicates
		ev["unknown"] = v.unknown
		ev["firstProblem"] = v.firstProblem
	}
	if c.errText != "" {
		ev["error"] = c.errText
	}
	return ev
}

func (p *peer) awaitMessages(cmd *command) error {
	c, err := p.dcs.get(cmd.Label)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case atomic.LoadUint64(&c.received) >= cmd.Count:
		p.out.reply(cmd.ID, c.reportLocked())
	case c.state == "closed":
		return fmt.Errorf("data channel %q is closed after %d of %d messages %s",
			c.label, atomic.LoadUint64(&c.received), cmd.Count, c.errText)
	default:
		c.waiters = append(c.waiters, messageWaiter{id: cmd.ID, count: cmd.Count})
	}
	return nil
}

func (p *peer) sendData(cmd *command) (event, error) {
	c, err := p.dcs.get(cmd.Label)
	if err != nil {
		return nil, err
	}
	if cmd.Text != nil {
		err = c.dc.SendText(*cmd.Text)
	} else {
		err = c.dc.Send(cmd.Data)
	}
	if err != nil {
		return nil, err
	}
	return event{"type": "dataSent"}, nil
}

// sendMessages sends the generated messages (alternating with those of "with", if given) on a goroutine of its
// own, keeping each channel's buffered amount under sendHighWater, and replies when all were handed to pion.
func (p *peer) sendMessages(cmd *command) error {
	c, err := p.dcs.get(cmd.Label)
	if err != nil {
		return err
	}
	if cmd.Send == nil {
		return errors.New("sendMessages needs a send spec")
	}
	if problem := cmd.Send.valid(); problem != "" {
		return errors.New(problem)
	}
	var other *channel
	var otherSpec sendSpec
	if cmd.With != nil {
		if cmd.With.Send == nil {
			return errors.New("sendMessages: with needs a send spec")
		}
		if problem := cmd.With.Send.valid(); problem != "" {
			return errors.New(problem)
		}
		if other, err = p.dcs.get(cmd.With.Label); err != nil {
			return err
		}
		otherSpec = *cmd.With.Send
	}
	spec := *cmd.Send
	id := cmd.ID
	highWater := spec.HighWater
	if highWater == 0 {
		highWater = sendHighWater
	}
	c.dc.SetBufferedAmountLowThreshold(highWater / 2)
	if other != nil {
		other.dc.SetBufferedAmountLowThreshold(highWater / 2)
	}
	go func() {
		start := time.Now()
		var sent, bytes, otherSent, otherBytes uint64
		var buf, otherBuf []byte
		fail := func(err error) {
			p.out.reply(id, event{"type": "error", "command": "sendMessages",
				"message": fmt.Sprintf("after %d messages: %v", sent, err)})
		}
		for i := uint32(0); i < spec.Count || (other != nil && i < otherSpec.Count); i++ {
			if i < spec.Count {
				buf = spec.message(i, buf)
				if err := c.send(buf, highWater); err != nil {
					fail(err)
					return
				}
				sent++
				bytes += uint64(len(buf))
			}
			if other != nil && i < otherSpec.Count {
				otherBuf = otherSpec.message(i, otherBuf)
				if err := other.send(otherBuf, highWater); err != nil {
					fail(fmt.Errorf("on %q: %w", other.label, err))
					return
				}
				otherSent++
				otherBytes += uint64(len(otherBuf))
			}
		}
		p.out.reply(id, event{"type": "sent", "messages": sent, "bytes": bytes, "withMessages": otherSent,
			"withBytes": otherBytes, "micros": time.Since(start).Microseconds()})
	}()
	return nil
}

// send hands one binary message to pion once the channel's buffered amount is at most highWater.
func (c *channel) send(data []byte, highWater uint64) error {
	for c.dc.BufferedAmount() > highWater {
		select {
		case <-c.low:
		case <-time.After(50 * time.Millisecond): // a signal that came before this wait began
		}
		if c.dc.ReadyState() != webrtc.DataChannelStateOpen {
			return fmt.Errorf("data channel %q is %s", c.label, c.dc.ReadyState())
		}
	}
	return c.dc.Send(data)
}

func generate(cmd *command) (event, error) {
	if cmd.Send == nil {
		return nil, errors.New("generate needs a send spec")
	}
	if problem := cmd.Send.valid(); problem != "" {
		return nil, errors.New(problem)
	}
	messages := make([]event, 0, cmd.Send.Count)
	var buf []byte
	for i := uint32(0); i < cmd.Send.Count; i++ {
		buf = cmd.Send.message(i, buf)
		messages = append(messages, event{"size": len(buf), "fnv": fnv1a32(buf)})
	}
	return event{"type": "generated", "messages": messages}, nil
}

// processStart is the clock origin of the arrival times.
var processStart = time.Now()

func (c *channel) arrivalTimes() []time.Duration {
	c.arrivalsMu.Lock()
	defer c.arrivalsMu.Unlock()
	return append([]time.Duration(nil), c.arrivals...)
}

// countDuringStalls counts the gaps longer than threshold between consecutive times in stalled (the stalls) that
// lie within the span of others (after its first time, before its last), and the times in others that fall inside
// one (both ascending), as StallMeasure.cs does.
func countDuringStalls(stalled, others []time.Duration, threshold time.Duration) (stalls, during int) {
	j := 0
	for k := 0; k+1 < len(stalled) && len(others) > 0; k++ {
		if stalled[k+1]-stalled[k] <= threshold || others[0] > stalled[k] || others[len(others)-1] < stalled[k+1] {
			continue
		}
		stalls++
		for j < len(others) && others[j] <= stalled[k] {
			j++
		}
		for j < len(others) && others[j] < stalled[k+1] {
			during++
			j++
		}
	}
	return stalls, during
}
