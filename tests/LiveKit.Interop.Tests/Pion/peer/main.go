// Command peer is a pion WebRTC peer that the LiveKit .NET interop tests drive over stdin/stdout.
//
// Protocol: one JSON object per line in each direction; logs go to stderr. Every command may carry a numeric
// "id"; the reply to that command echoes it, and an error reply is {"type":"error","id":...,"message":...}.
// Unsolicited events (candidate, endOfCandidates, state, track, dataChannel, channelState) carry no id. See
// PionPeer.cs for the full list of commands and events, datachannel.go for the data channel commands (and
// tests/LiveKit.Interop.Tests/DataChannels/README.md), and bench.go / benchdc.go for the -bench mode.
//
// Everything stays on loopback: host candidates on 127.0.0.1 only, UDP over IPv4 only, no mDNS.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sync"
)

func main() {
	bench := flag.Bool("bench", false, "measure in-process pion-to-pion connects ('connect') and data channel throughput ('dc*' lines)")
	flag.Parse()

	out := newEmitter(os.Stdout)
	level := os.Getenv("PION_PEER_LOG")
	if *bench && level == "" {
		level = "error" // closing a connection right after connecting makes pion warn about streams it drops
	}
	logs := newLogFactory(level)
	if *bench {
		os.Exit(runBench(out, logs))
	}
	os.Exit(runPeer(out, logs))
}

// runPeer serves the command protocol until "close" or the end of stdin.
func runPeer(out *emitter, logs *logFactory) int {
	p := newPeer(out, logs)
	out.emit(event{"type": "ready", "pid": os.Getpid()})

	scanner := bufio.NewScanner(os.Stdin)
	scanner.Buffer(make([]byte, 1<<20), 16<<20) // SDP and payload lists are long lines
	for scanner.Scan() {
		line := scanner.Bytes()
		if len(line) == 0 {
			continue
		}
		var cmd command
		if err := json.Unmarshal(line, &cmd); err != nil {
			out.emit(event{"type": "error", "message": fmt.Sprintf("bad command line: %v", err)})
			continue
		}
		reply, err := p.handle(&cmd)
		if err != nil {
			out.reply(cmd.ID, event{"type": "error", "command": cmd.Type, "message": err.Error()})
			continue
		}
		if reply != nil {
			out.reply(cmd.ID, reply)
		}
		if cmd.Type == "close" {
			return 0
		}
	}
	p.close()
	if err := scanner.Err(); err != nil {
		fmt.Fprintf(os.Stderr, "peer: reading stdin: %v\n", err)
		return 1
	}
	return 0
}

// event is one JSON object written to stdout.
type event map[string]interface{}

// emitter writes events to stdout, one line each, whole lines only, flushed at once.
type emitter struct {
	mu sync.Mutex
	w  *bufio.Writer
}

func newEmitter(f *os.File) *emitter {
	return &emitter{w: bufio.NewWriterSize(f, 64<<10)}
}

func (e *emitter) emit(ev event) {
	data, err := json.Marshal(ev)
	if err != nil {
		data, _ = json.Marshal(event{"type": "error", "message": fmt.Sprintf("cannot encode event: %v", err)})
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	_, _ = e.w.Write(data)
	_ = e.w.WriteByte('\n')
	_ = e.w.Flush()
}

// reply emits ev as the answer to the command with the given id (if the command had one).
func (e *emitter) reply(id *int64, ev event) {
	if id != nil {
		ev["id"] = *id
	}
	e.emit(ev)
}
