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
        return JSON.stringify({ inbound, outbound, transports });
      });
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
