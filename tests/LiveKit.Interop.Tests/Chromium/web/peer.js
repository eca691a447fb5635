// One RTCPeerConnection per page, driven by the C# harness (Chromium/ChromiumPeer.cs) through page.evaluate.
//
// Calls: window.lkPeer.<method>(...), each returning a value or a promise that Playwright hands back to C#.
// Events: local candidates, state changes, received tracks and failures are pushed to C# through the function
// the harness exposes as window.lkPeerEvent, one JSON object per event, numbered by `seq` so that C# can put
// them back in order whatever order the bindings arrive in.
'use strict';

(() => {
  let seq = 0;
  let pc = null;
  const localStreams = [];
  const failures = [];
  const watchedTransports = new WeakSet();

  function emit(type, body) {
    seq += 1;
    const event = Object.assign({ seq, type }, body);
    // The binding returns a promise; it rejects only when the page goes away, which C# learns otherwise.
    Promise.resolve(window.lkPeerEvent(JSON.stringify(event))).catch(() => {});
  }

  function recordFailure(kind, message) {
    const failure = { kind, message: String(message), atMs: Math.round(performance.now()) };
    failures.push(failure);
    emit('failure', { failure });
  }

  function connection() {
    if (pc === null) {
      throw new Error('lkPeer.create() has not been called in this page');
    }
    return pc;
  }

  // Runs one operation; a rejection is recorded as a failure (operation name and error) and rethrown to C#.
  async function guarded(operation, action) {
    try {
      return await action();
    } catch (e) {
      recordFailure(operation, `${e && e.name ? e.name : 'Error'}: ${e && e.message ? e.message : e}`);
      throw e;
    }
  }

  // DTLS transports exist once a description is applied: watch each one once for its state and its errors.
  function watchTransports() {
    for (const transceiver of connection().getTransceivers()) {
      const dtls = transceiver.sender.transport;
      if (!dtls || watchedTransports.has(dtls)) {
        continue;
      }
      watchedTransports.add(dtls);
      dtls.addEventListener('statechange', () => {
        emit('dtlsState', { state: dtls.state });
        if (dtls.state === 'failed') {
          recordFailure('dtls', 'the DTLS transport failed');
        }
      });
      dtls.addEventListener('error', (e) => {
        const error = e.error || {};
        recordFailure('dtls', `${error.message || 'DTLS error'} (errorDetail ${error.errorDetail}, ` +
          `receivedAlert ${error.receivedAlert}, sentAlert ${error.sentAlert})`);
      });
    }
  }

  // Plays a received audio track: Chromium decodes received audio (totalSamplesReceived and the jitter buffer
  // counters move) only while a sink pulls it.
  function playReceivedAudio(track, streams) {
    const audio = document.createElement('audio');
    audio.autoplay = true;
    audio.srcObject = streams.length > 0 ? streams[0] : new MediaStream([track]);
    document.getElementById('remote-media').appendChild(audio);
    audio.play().catch((e) => recordFailure('play', `${e.name}: ${e.message}`));
  }

  function summarizeCandidate(candidate) {
    if (!candidate) {
      return null;
    }
    return {
      address: candidate.address ?? candidate.ip ?? null,
      port: candidate.port ?? null,
      protocol: candidate.protocol ?? null,
      candidateType: candidate.candidateType ?? null,
    };
  }

  // ---- Data channels ----
  // Channels by label, each {dc, remote, spec, verifier, received, bytes, kept, waiters, arrivals, error}.
  // Generated messages and their verification follow tests/LiveKit.Interop.Tests/DataChannels/README.md, as
  // MessageShape.cs / MessageVerifier.cs and the pion peer's gen.go / verify.go do. Events: 'dataChannel'
  // {channel} when the remote peer opened one; 'channelState' {label, state, error?}.
  const dataChannels = new Map();
  const expectedSpecs = new Map();
  let channelWatchers = [];
  const SEND_HIGH_WATER = 4 * 1024 * 1024;
  const SEND_LOW_WATER = 1024 * 1024;
  const VERIFY_SEARCH_WINDOW = 64;

  function mulberry32(state) {
    state.s = (state.s + 0x6D2B79F5) >>> 0;
    let t = state.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  function initialState(shape, index) {
    return { s: (shape.seed ^ Math.imul(index, 0x9E3779B9)) >>> 0 };
  }

  function pickSize(shape, state) {
    return shape.minSize + (mulberry32(state) % (shape.maxSize - shape.minSize + 1));
  }

  function sizeOf(shape, index) {
    return pickSize(shape, initialState(shape, index));
  }

  function generateMessage(shape, index) {
    const state = initialState(shape, index);
    const size = pickSize(shape, state);
    const padded = new Uint8Array((size + 3) & ~3);
    const view = new DataView(padded.buffer);
    for (let i = 0; i < size; i += 4) {
      view.setUint32(i, mulberry32(state), true);
    }
    if (shape.tagged) {
      view.setUint32(0, index >>> 0, true);
    }
    return padded.subarray(0, size);
  }

  function messageMatches(shape, index, bytes) {
    if (bytes.length !== sizeOf(shape, index)) {
      return false;
    }
    const expected = generateMessage(shape, index);
    for (let i = 0; i < bytes.length; i += 1) {
      if (bytes[i] !== expected[i]) {
        return false;
      }
    }
    return true;
  }

  function fnv1a32(bytes) {
    let hash = 0x811C9DC5;
    for (let i = 0; i < bytes.length; i += 1) {
      hash = Math.imul(hash ^ bytes[i], 0x01000193);
    }
    return hash >>> 0;
  }

  function checkShape(spec) {
    const shape = { seed: spec.seed >>> 0, minSize: spec.minSize, maxSize: spec.maxSize, tagged: !!spec.tagged };
    if (!(shape.minSize >= 1) || !(shape.maxSize >= shape.minSize) || (shape.tagged && shape.minSize < 4)) {
      throw new Error(`bad message shape ${JSON.stringify(spec)}`);
    }
    return shape;
  }

  function verifies(spec) {
    return spec.verify === undefined || spec.verify === null ? (spec.count || 0) > 0 : !!spec.verify;
  }

  function checkReceiveSpec(spec) {
    if (verifies(spec)) {
      checkShape(spec);
      if (!(spec.count > 0)) {
        throw new Error('verifying needs a count');
      }
    }
  }

  // The verifier of verify.go / MessageVerifier.cs: tagged messages name their index; an untagged one is
  // expected to be the lowest index not received yet, else it is looked for near it.
  function newVerifier(shape, count) {
    return {
      shape, count, seen: new Uint8Array(count), lowest: 0, highest: -1,
      received: 0, distinct: 0, mismatches: 0, outOfOrder: 0, duplicates: 0, unknown: 0, firstProblem: '',
    };
  }

  function verifierProblem(v, text) {
    if (v.firstProblem === '') {
      v.firstProblem = text;
    }
  }

  function identify(v, bytes) {
    if (v.shape.tagged) {
      if (bytes.length < 4) {
        v.mismatches += 1;
        verifierProblem(v, `message #${v.received} has ${bytes.length} bytes, too few for a tag`);
        return -1;
      }
      const index = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
      if (index >= v.count) {
        v.unknown += 1;
        verifierProblem(v, `message #${v.received} is tagged ${index}, beyond the ${v.count} expected`);
        return -1;
      }
      if (!messageMatches(v.shape, index, bytes)) {
        v.mismatches += 1;
        verifierProblem(v, `message #${v.received}, tagged ${index}, differs from it (${bytes.length} bytes, ` +
          `expected ${sizeOf(v.shape, index)})`);
        return -1;
      }
      return index;
    }
    if (v.lowest < v.count && messageMatches(v.shape, v.lowest, bytes)) {
      return v.lowest;
    }
    for (let j = v.lowest + 1; j < v.count && j <= v.lowest + VERIFY_SEARCH_WINDOW; j += 1) {
      if (messageMatches(v.shape, j, bytes)) {
        return j;
      }
    }
    for (let d = 1; d <= VERIFY_SEARCH_WINDOW && d <= v.lowest; d += 1) {
      if (messageMatches(v.shape, v.lowest - d, bytes)) {
        return v.lowest - d;
      }
    }
    if (v.lowest >= v.count) {
      v.unknown += 1;
      verifierProblem(v, `message #${v.received} (${bytes.length} bytes) came after all ${v.count} expected`);
      return -1;
    }
    v.mismatches += 1;
    verifierProblem(v, `message #${v.received} (${bytes.length} bytes) is not index ${v.lowest} ` +
      `(${sizeOf(v.shape, v.lowest)} bytes) nor one near it`);
    return -1;
  }

  function verifierAccept(v, bytes) {
    v.received += 1;
    const index = identify(v, bytes);
    if (index < 0) {
      return;
    }
    if (v.seen[index]) {
      v.duplicates += 1;
      verifierProblem(v, `message #${v.received} is a repeat of index ${index}`);
      return;
    }
    v.seen[index] = 1;
    v.distinct += 1;
    if (index < v.highest) {
      v.outOfOrder += 1;
      verifierProblem(v, `message #${v.received} is index ${index}, after index ${v.highest}`);
    } else {
      v.highest = index;
    }
    while (v.lowest < v.count && v.seen[v.lowest]) {
      v.lowest += 1;
    }
  }

  function toBase64(bytes) {
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(text);
  }

  function fromBase64(base64) {
    const text = atob(base64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i += 1) {
      bytes[i] = text.charCodeAt(i);
    }
    return bytes;
  }

  function applySpec(entry, spec) {
    entry.spec = spec || { keep: 100 };
    entry.verifier = verifies(entry.spec) ? newVerifier(checkShape(entry.spec), entry.spec.count) : null;
  }

  function describeChannel(entry) {
    const dc = entry.dc;
    return {
      label: entry.label, id: dc.id, ordered: dc.ordered, maxRetransmits: dc.maxRetransmits,
      maxPacketLifeTime: dc.maxPacketLifeTime, protocol: dc.protocol, negotiated: dc.negotiated,
      state: dc.readyState, remote: entry.remote,
    };
  }

  function channelEntry(label) {
    const entry = dataChannels.get(label);
    if (!entry) {
      throw new Error(`no data channel labelled ${label}`);
    }
    return entry;
  }

  function runChannelWatchers() {
    channelWatchers = channelWatchers.filter((check) => !check());
  }

  // Counts the gaps longer than thresholdMs between consecutive arrivals in stalled that lie within the span of
  // others, and the arrivals of others inside them (both ascending), as StallMeasure.cs and datachannel.go do.
  function countDuringStalls(stalled, others, thresholdMs) {
    let stalls = 0;
    let during = 0;
    let j = 0;
    for (let k = 0; k + 1 < stalled.length && others.length > 0; k += 1) {
      if (stalled[k + 1] - stalled[k] <= thresholdMs || others[0] > stalled[k] ||
        others[others.length - 1] < stalled[k + 1]) {
        continue;
      }
      stalls += 1;
      while (j < others.length && others[j] <= stalled[k]) {
        j += 1;
      }
      while (j < others.length && others[j] < stalled[k + 1]) {
        during += 1;
        j += 1;
      }
    }
    return { stalls, during };
  }

  function channelReport(entry) {
    const report = {
      label: entry.label, received: entry.received, bytes: entry.bytes, verified: entry.verifier !== null,
      state: entry.dc.readyState,
    };
    const v = entry.verifier;
    if (v) {
      Object.assign(report, {
        expected: v.count, distinct: v.distinct, mismatches: v.mismatches, outOfOrder: v.outOfOrder,
        duplicates: v.duplicates, unknown: v.unknown, firstProblem: v.firstProblem,
      });
    }
    if (entry.spec.stallsOf && dataChannels.has(entry.spec.stallsOf)) {
      const measured = countDuringStalls(dataChannels.get(entry.spec.stallsOf).arrivals, entry.arrivals,
        entry.spec.stallMs || 50);
      report.stalls = measured.stalls;
      report.duringStalls = measured.during;
    }
    if (entry.error) {
      report.error = entry.error;
    }
    return report;
  }

  function onChannelMessage(entry, e) {
    if (entry.verifier) {
      // Only checked channels keep arrival times (for the stall measure): a counting sink would grow without end.
      entry.arrivals.push(performance.now());
    }
    const isText = typeof e.data === 'string';
    const bytes = isText ? new TextEncoder().encode(e.data) : new Uint8Array(e.data);
    entry.received += 1;
    entry.bytes += bytes.length;
    if (entry.kept.length < (entry.spec.keep || 0)) {
      entry.kept.push({ data: toBase64(bytes), isText });
    }
    if (entry.verifier) {
      verifierAccept(entry.verifier, bytes);
    }
    if (entry.spec.echo) {
      try {
        entry.dc.send(e.data);
      } catch (error) {
        entry.error = `echo: ${error.name}: ${error.message}`;
      }
    }
    if (entry.waiters.length > 0) {
      const waiting = entry.waiters;
      entry.waiters = [];
      for (const waiter of waiting) {
        if (entry.received >= waiter.count) {
          waiter.resolve(channelReport(entry));
        } else {
          entry.waiters.push(waiter);
        }
      }
    }
  }

  function onChannelState(entry) {
    const state = entry.dc.readyState;
    emit('channelState', { label: entry.label, state, error: entry.error || null });
    if (state === 'closed') {
      for (const waiter of entry.waiters) {
        waiter.reject(new Error(`data channel ${entry.label} closed after ${entry.received} of ${waiter.count} ` +
          `messages: ${entry.error || 'no error'}`));
      }
      entry.waiters = [];
    }
    runChannelWatchers();
  }

  // Registers a channel and its handlers; runs before it can deliver anything (ondatachannel, or creation).
  function addChannel(dc, remote) {
    const entry = {
      dc, label: dc.label, remote, spec: null, verifier: null, received: 0, bytes: 0, kept: [], waiters: [],
      arrivals: [], error: null, lowWaiter: null,
    };
    if (dataChannels.has(entry.label) && remote) {
      entry.label = `${dc.label}@${dc.id}`;
    }
    applySpec(entry, expectedSpecs.get(entry.label));
    expectedSpecs.delete(entry.label);
    dataChannels.set(entry.label, entry);
    dc.binaryType = 'arraybuffer';
    dc.bufferedAmountLowThreshold = SEND_LOW_WATER;
    dc.addEventListener('bufferedamountlow', () => {
      const wake = entry.lowWaiter;
      entry.lowWaiter = null;
      if (wake) {
        wake();
      }
    });
    dc.addEventListener('message', (e) => onChannelMessage(entry, e));
    dc.addEventListener('open', () => onChannelState(entry));
    dc.addEventListener('closing', () => onChannelState(entry));
    dc.addEventListener('close', () => {
      onChannelState(entry);
      const wake = entry.lowWaiter;
      entry.lowWaiter = null;
      if (wake) {
        wake();
      }
    });
    dc.addEventListener('error', (e) => {
      const error = e.error || {};
      entry.error = `${error.name || 'Error'}: ${error.message || 'data channel error'}` +
        (error.errorDetail ? ` (errorDetail ${error.errorDetail})` : '');
      emit('channelState', { label: entry.label, state: dc.readyState, error: entry.error });
    });
    runChannelWatchers();
    return entry;
  }

  // Waits while the channel's bufferedAmount is above highWater, then sends.
  async function sendPaced(entry, bytes, highWater) {
    while (entry.dc.bufferedAmount > highWater) {
      if (entry.dc.readyState !== 'open') {
        throw new Error(`data channel ${entry.label} is ${entry.dc.readyState}`);
      }
      await new Promise((resolve) => {
        entry.lowWaiter = resolve;
      });
    }
    entry.dc.send(bytes);
  }

  window.lkPeer = {
    // Creates this page's RTCPeerConnection with an RTCConfiguration (no ICE servers by default) and starts
    // pushing its events.
    create(configuration) {
      if (pc !== null) {
        throw new Error('this page already has its RTCPeerConnection');
      }
      pc = new RTCPeerConnection(Object.assign({ iceServers: [] }, configuration || {}));
      pc.addEventListener('icecandidate', (e) => {
        if (e.candidate === null) {
          emit('endOfCandidates', {});
        } else if (e.candidate.candidate !== '') {
          emit('candidate', { candidate: e.candidate.toJSON() });
        }
      });
      pc.addEventListener('icecandidateerror', (e) => {
        recordFailure('icecandidate', `${e.errorCode} ${e.errorText} (${e.address}:${e.port} ${e.url})`);
      });
      pc.addEventListener('connectionstatechange', () => {
        if (pc.connectionState === 'failed') {
          recordFailure('connection', `connectionState failed (iceConnectionState ${pc.iceConnectionState})`);
        }
        emit('connectionState', { state: pc.connectionState });
      });
      pc.addEventListener('iceconnectionstatechange', () => {
        emit('iceConnectionState', { state: pc.iceConnectionState });
      });
      pc.addEventListener('icegatheringstatechange', () => {
        emit('iceGatheringState', { state: pc.iceGatheringState });
      });
      pc.addEventListener('datachannel', (e) => {
        const entry = addChannel(e.channel, true);
        emit('dataChannel', { channel: describeChannel(entry) });
      });
      pc.addEventListener('track', (e) => {
        emit('track', { kind: e.track.kind, mid: e.transceiver.mid });
        if (e.track.kind === 'audio') {
          playReceivedAudio(e.track, e.streams);
        }
      });
    },

    // Adds the fake microphone (--use-fake-device-for-media-stream): on an offerer a new sendrecv transceiver,
    // on an answerer after setRemoteDescription the offered audio transceiver (addTrack reuses it).
    addFakeMicrophone() {
      return guarded('addFakeMicrophone', async () => {
        const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
        localStreams.push(stream);
        for (const track of stream.getAudioTracks()) {
          connection().addTrack(track, stream);
        }
      });
    },

    // Adds the fake camera (VP8 by default), as addFakeMicrophone.
    addFakeCamera() {
      return guarded('addFakeCamera', async () => {
        const stream = await navigator.mediaDevices.getUserMedia({ audio: false, video: true });
        localStreams.push(stream);
        for (const track of stream.getVideoTracks()) {
          connection().addTrack(track, stream);
        }
      });
    },

    // Adds a transceiver of the given kind ('audio' or 'video') that only receives.
    // The fake camera sent as simulcast (RFC 8853): one send-only transceiver with an encoding per rid, the last one
    // full size and each one before it half the size of the next (what livekit-client does with q, h, f).
    addFakeCameraSimulcast(rids, width, height) {
      return guarded('addFakeCameraSimulcast', async () => {
        const stream = await navigator.mediaDevices.getUserMedia({
          audio: false,
          video: { width: { exact: width }, height: { exact: height } },
        });
        localStreams.push(stream);
        const sendEncodings = rids.map((rid, i) => ({ rid, scaleResolutionDownBy: 2 ** (rids.length - 1 - i) }));
        connection().addTransceiver(stream.getVideoTracks()[0], { direction: 'sendonly', streams: [stream], sendEncodings });
      });
    },

    addRecvOnly(kind) {
      connection().addTransceiver(kind, { direction: 'recvonly' });
    },

    // createOffer without applying it: the SDP for a test to rewrite before setLocalDescription.
    createOffer() {
      return guarded('createOffer', async () => (await connection().createOffer()).sdp);
    },

    // createAnswer without applying it.
    createAnswer() {
      return guarded('createAnswer', async () => (await connection().createAnswer()).sdp);
    },

    // Applies a local description and returns the SDP as applied (pc.localDescription).
    setLocalDescription(type, sdp) {
      return guarded('setLocalDescription', async () => {
        await connection().setLocalDescription({ type, sdp });
        watchTransports();
        return connection().localDescription.sdp;
      });
    },

    setRemoteDescription(type, sdp) {
      return guarded('setRemoteDescription', async () => {
        await connection().setRemoteDescription({ type, sdp });
        watchTransports();
      });
    },

    // Adds a remote candidate ({candidate, sdpMid, sdpMLineIndex, usernameFragment}); an empty candidate string
    // is the end-of-candidates indication.
    addIceCandidate(init) {
      return guarded('addIceCandidate', async () => {
        if (!init.candidate && init.sdpMid == null && init.sdpMLineIndex == null) {
          await connection().addIceCandidate();
        } else {
          await connection().addIceCandidate(init);
        }
      });
    },

    localDescription() {
      const description = connection().localDescription;
      return description ? { type: description.type, sdp: description.sdp } : null;
    },

    remoteDescription() {
      const description = connection().remoteDescription;
      return description ? { type: description.type, sdp: description.sdp } : null;
    },

    states() {
      const c = connection();
      return {
        connectionState: c.connectionState,
        iceConnectionState: c.iceConnectionState,
        iceGatheringState: c.iceGatheringState,
        signalingState: c.signalingState,
      };
    },

    failures() {
      return JSON.stringify(failures);
    },

    // A summary of getStats(): inbound-rtp, outbound-rtp and transport entries, with the codec's mimeType and the
    // selected candidate pair's addresses resolved. Returned as a JSON string for System.Text.Json on the C# side.
    stats() {
      return guarded('getStats', async () => {
        const report = await connection().getStats();
        const byId = new Map();
        report.forEach((s) => byId.set(s.id, s));
        const codecOf = (s) => (s.codecId && byId.has(s.codecId) ? byId.get(s.codecId).mimeType : null);
        const inbound = [];
        const outbound = [];
        const remoteInbound = [];
        const transports = [];
        for (const s of byId.values()) {
          if (s.type === 'inbound-rtp') {
            inbound.push({
              kind: s.kind,
              ssrc: s.ssrc,
              mid: s.mid ?? null,
              packetsReceived: s.packetsReceived ?? 0,
              packetsLost: s.packetsLost ?? 0,
              bytesReceived: s.bytesReceived ?? 0,
              jitter: s.jitter ?? null,
              totalSamplesReceived: s.totalSamplesReceived ?? null,
              concealedSamples: s.concealedSamples ?? null,
              jitterBufferEmittedCount: s.jitterBufferEmittedCount ?? null,
              framesDecoded: s.framesDecoded ?? null,
              codecMimeType: codecOf(s),
            });
          } else if (s.type === 'outbound-rtp') {
            outbound.push({
              kind: s.kind,
              ssrc: s.ssrc,
              mid: s.mid ?? null,
              packetsSent: s.packetsSent ?? 0,
              bytesSent: s.bytesSent ?? 0,
              codecMimeType: codecOf(s),
              rid: s.rid ?? null,
              active: s.active ?? null,
              frameWidth: s.frameWidth ?? null,
              frameHeight: s.frameHeight ?? null,
            });
          } else if (s.type === 'remote-inbound-rtp') {
            // What the peer's receiver reports said about one of our SSRCs (an RTCP report block each).
            remoteInbound.push({
              kind: s.kind,
              ssrc: s.ssrc,
              packetsLost: s.packetsLost ?? 0,
              fractionLost: s.fractionLost ?? null,
              jitter: s.jitter ?? null,
              reportsReceived: s.reportsReceived ?? null,
            });
          } else if (s.type === 'transport') {
            const pair = s.selectedCandidatePairId ? byId.get(s.selectedCandidatePairId) : undefined;
            transports.push({
              id: s.id,
              dtlsState: s.dtlsState ?? null,
              dtlsRole: s.dtlsRole ?? null,
              iceState: s.iceState ?? null,
              srtpCipher: s.srtpCipher ?? null,
              dtlsCipher: s.dtlsCipher ?? null,
              tlsVersion: s.tlsVersion ?? null,
              selectedCandidatePairId: s.selectedCandidatePairId ?? null,
              localCandidate: pair ? summarizeCandidate(byId.get(pair.localCandidateId)) : null,
              remoteCandidate: pair ? summarizeCandidate(byId.get(pair.remoteCandidateId)) : null,
              bytesSent: s.bytesSent ?? 0,
              bytesReceived: s.bytesReceived ?? 0,
            });
          }
        }
        return JSON.stringify({ inbound, outbound, remoteInbound, transports });
      });
    },

    // ---- Data channels (see the block comment above dataChannels) ----

    // createDataChannel with an RTCDataChannelInit ({ordered, maxRetransmits, maxPacketLifeTime, protocol,
    // negotiated, id}; absent members keep the defaults) and, optionally, the receive spec of expectMessages.
    createDataChannel(label, init, receive) {
      if (dataChannels.has(label)) {
        throw new Error(`a data channel labelled ${label} exists already`);
      }
      if (receive) {
        checkReceiveSpec(receive);
        expectedSpecs.set(label, receive);
      }
      const options = {};
      for (const key of ['ordered', 'maxRetransmits', 'maxPacketLifeTime', 'protocol', 'negotiated', 'id']) {
        if (init && init[key] !== undefined && init[key] !== null) {
          options[key] = init[key];
        }
      }
      const dc = connection().createDataChannel(label, options);
      return describeChannel(addChannel(dc, false));
    },

    // Sets how a channel's received messages are checked: {seed, minSize, maxSize, tagged, count, verify?, echo,
    // keep, stallsOf, stallMs}. Allowed before the channel exists (a channel the remote peer will open).
    expectMessages(label, receive) {
      checkReceiveSpec(receive);
      const entry = dataChannels.get(label);
      if (!entry) {
        expectedSpecs.set(label, receive);
        return;
      }
      if (entry.received > 0) {
        throw new Error(`data channel ${label} received ${entry.received} messages already`);
      }
      applySpec(entry, receive);
    },

    // Resolves with the channel's description once it exists (and, with open, once it is open).
    awaitChannel(label, open) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const entry = dataChannels.get(label);
          if (!entry) {
            return false;
          }
          if (!open || entry.dc.readyState === 'open') {
            resolve(describeChannel(entry));
            return true;
          }
          if (entry.dc.readyState === 'closed' || entry.dc.readyState === 'closing') {
            reject(new Error(`data channel ${label} is ${entry.dc.readyState}: ${entry.error || 'no error'}`));
            return true;
          }
          return false;
        };
        if (!check()) {
          channelWatchers.push(check);
        }
      });
    },

    // Sends send.count generated messages ({seed, minSize, maxSize, tagged, count, highWater?}), alternating with
    // those of withSpec ({label, send}) if given, keeping each channel's bufferedAmount under send.highWater
    // (default SEND_HIGH_WATER) so that Chromium's send buffer never overflows (send() would throw). Resolves when
    // all were handed to send().
    sendMessages(label, send, withSpec) {
      return guarded('sendMessages', async () => {
        const entry = channelEntry(label);
        const shape = checkShape(send);
        const other = withSpec ? channelEntry(withSpec.label) : null;
        const otherShape = withSpec ? checkShape(withSpec.send) : null;
        const highWater = send.highWater || SEND_HIGH_WATER;
        entry.dc.bufferedAmountLowThreshold = highWater / 2;
        if (other) {
          other.dc.bufferedAmountLowThreshold = highWater / 2;
        }
        const start = performance.now();
        const result = { messages: 0, bytes: 0, withMessages: 0, withBytes: 0 };
        const total = Math.max(send.count, other ? withSpec.send.count : 0);
        for (let i = 0; i < total; i += 1) {
          if (i < send.count) {
            const message = generateMessage(shape, i);
            await sendPaced(entry, message, highWater);
            result.messages += 1;
            result.bytes += message.length;
          }
          if (other && i < withSpec.send.count) {
            const message = generateMessage(otherShape, i);
            await sendPaced(other, message, highWater);
            result.withMessages += 1;
            result.withBytes += message.length;
          }
        }
        result.ms = performance.now() - start;
        return result;
      });
    },

    // Sends one message: text when text is a string, else the bytes of base64.
    sendData(label, base64, text) {
      const entry = channelEntry(label);
      if (typeof text === 'string') {
        entry.dc.send(text);
      } else {
        entry.dc.send(fromBase64(base64));
      }
    },

    // Resolves with the channel's report once count messages arrived; rejects if it closes first.
    awaitMessages(label, count) {
      const entry = channelEntry(label);
      return new Promise((resolve, reject) => {
        if (entry.received >= count) {
          resolve(channelReport(entry));
        } else if (entry.dc.readyState === 'closed') {
          reject(new Error(`data channel ${label} is closed after ${entry.received} of ${count} messages`));
        } else {
          entry.waiters.push({ count, resolve, reject });
        }
      });
    },

    channelReport(label) {
      return channelReport(channelEntry(label));
    },

    // The first received messages (as many as the spec's keep), each {data: base64, isText}.
    getMessages(label) {
      return channelEntry(label).kept;
    },

    closeDataChannel(label) {
      channelEntry(label).dc.close();
    },

    // [{size, fnv}] of the first send.count messages of the shape: checked against MessageGeneratorPins.cs.
    generate(send) {
      const shape = checkShape(send);
      const list = [];
      for (let i = 0; i < send.count; i += 1) {
        const message = generateMessage(shape, i);
        list.push({ size: message.length, fnv: fnv1a32(message) });
      }
      return list;
    },

    // Closes the connection and stops the fake devices. close() fires no state events: C# marks the states closed.
    close() {
      if (pc !== null) {
        pc.close();
      }
      for (const stream of localStreams) {
        for (const track of stream.getTracks()) {
          track.stop();
        }
      }
    },
  };
})();
