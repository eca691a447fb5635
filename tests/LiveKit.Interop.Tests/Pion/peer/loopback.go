package main

import (
	"fmt"
	"net"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pion/ice/v2"
	"github.com/pion/logging"
	"github.com/pion/webrtc/v3"
)

// loopbackSettings returns a SettingEngine that gathers host candidates on 127.0.0.1 only, over UDP/IPv4,
// without mDNS, with large socket buffers (bufnet.go; nil net keeps pion's own network), and logs through logs.
func loopbackSettings(logs *logFactory, network *bufferedNet) webrtc.SettingEngine {
	var s webrtc.SettingEngine
	if network != nil {
		s.SetNet(network)
	}
	s.SetIncludeLoopbackCandidate(true)
	s.SetIPFilter(func(ip net.IP) bool { return ip.Equal(net.IPv4(127, 0, 0, 1)) })
	s.SetNetworkTypes([]webrtc.NetworkType{webrtc.NetworkTypeUDP4})
	s.SetICEMulticastDNSMode(ice.MulticastDNSModeDisabled)
	s.LoggerFactory = logs
	return s
}

// logFactory gives pion loggers that write warnings and errors (or more, after PION_PEER_LOG=info|debug|trace)
// to stderr, and remembers the last few warnings and errors so that a failed connection can say why. pion
// logs the cause after the state change (a failed DTLS start is logged by the PeerConnection after the DTLS
// transport reported "failed", and other warnings may follow), so onProblem lets the peer publish its state
// again with the longer reason.
type logFactory struct {
	level     logging.LogLevel
	onProblem atomic.Value // func()

	mu       sync.Mutex
	problems []string // oldest first, at most keptProblems
}

const keptProblems = 4

// noise are warnings that say nothing about why a connection failed.
var noise = []string{
	"pingAllCandidates called with no candidate pairs", // before the remote candidates arrive
	"is already closed", // streams dropped while closing
}

func newLogFactory(level string) *logFactory {
	f := &logFactory{level: logging.LogLevelWarn}
	switch strings.ToLower(level) {
	case "error":
		f.level = logging.LogLevelError
	case "info":
		f.level = logging.LogLevelInfo
	case "debug":
		f.level = logging.LogLevelDebug
	case "trace":
		f.level = logging.LogLevelTrace
	}
	return f
}

// NewLogger implements logging.LoggerFactory.
func (f *logFactory) NewLogger(scope string) logging.LeveledLogger {
	return &scopedLog{factory: f, scope: scope}
}

// lastProblems are the last warnings and errors pion's loggers reported, oldest first, joined by " | ".
func (f *logFactory) lastProblems() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return strings.Join(f.problems, " | ")
}

func (f *logFactory) write(level logging.LogLevel, scope, msg string) {
	if level <= f.level {
		fmt.Fprintf(os.Stderr, "%s %-5s %s: %s\n", time.Now().Format("15:04:05.000000"), level, scope, msg)
	}
	if level > logging.LogLevelWarn || level == logging.LogLevelDisabled {
		return
	}
	for _, n := range noise {
		if strings.Contains(msg, n) {
			return
		}
	}
	f.mu.Lock()
	f.problems = append(f.problems, scope+": "+msg)
	if len(f.problems) > keptProblems {
		f.problems = f.problems[len(f.problems)-keptProblems:]
	}
	f.mu.Unlock()
	if notify, ok := f.onProblem.Load().(func()); ok {
		notify()
	}
}

// scopedLog is the logging.LeveledLogger of one pion scope (ice, dtls, pc, ...).
type scopedLog struct {
	factory *logFactory
	scope   string
}

func (l *scopedLog) Trace(msg string) { l.factory.write(logging.LogLevelTrace, l.scope, msg) }
func (l *scopedLog) Tracef(format string, args ...interface{}) {
	l.factory.write(logging.LogLevelTrace, l.scope, fmt.Sprintf(format, args...))
}
func (l *scopedLog) Debug(msg string) { l.factory.write(logging.LogLevelDebug, l.scope, msg) }
func (l *scopedLog) Debugf(format string, args ...interface{}) {
	l.factory.write(logging.LogLevelDebug, l.scope, fmt.Sprintf(format, args...))
}
func (l *scopedLog) Info(msg string) { l.factory.write(logging.LogLevelInfo, l.scope, msg) }
func (l *scopedLog) Infof(format string, args ...interface{}) {
	l.factory.write(logging.LogLevelInfo, l.scope, fmt.Sprintf(format, args...))
}
func (l *scopedLog) Warn(msg string) { l.factory.write(logging.LogLevelWarn, l.scope, msg) }
func (l *scopedLog) Warnf(format string, args ...interface{}) {
	l.factory.write(logging.LogLevelWarn, l.scope, fmt.Sprintf(format, args...))
}
func (l *scopedLog) Error(msg string) { l.factory.write(logging.LogLevelError, l.scope, msg) }
func (l *scopedLog) Errorf(format string, args ...interface{}) {
	l.factory.write(logging.LogLevelError, l.scope, fmt.Sprintf(format, args...))
}
