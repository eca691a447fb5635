// One livekit-client participant per page, driven by the C# harness (LiveKitClient/LiveKitClientPage.cs).
//
// Calls: window.lkClient.<function>(...), each async, resolving to a JSON-serializable value or rejecting with the
// library's error. C# goes through lkClient.invoke(name, args), which resolves to a JSON string
// {"ok":true,"value":...} or {"ok":false,"error":{name,message,reason,reasonName,status}} so that the error's
// fields survive the trip (Playwright keeps only the message of a rejection).
// Events: every RoomEvent of the current Room is recorded as {seq, name, atMs, args} in the page's log and pushed to
// C# through the function the harness exposes as window.lkClientEvent; `seq` (1, 2, 3... over the page's life, across
// rooms) lets C# put them back in order whatever order the bindings arrive in. `args` is an object that names the
// event's arguments (RoomEventCallbacks in livekit-client 2.23.0 src/room/Room.ts), each simplified to JSON. One
// event is not a RoomEvent: engineTokenRefreshed {token}, the engine's TokenRefreshed (see watch()).
'use strict';

(() => {
  const L = window.LivekitClient;
  if (!L) {
    throw new Error('livekit-client.umd.js did not load: the test project copies it from LiveKitClient/node_modules');
  }

  const events = [];
  let seq = 0;
  let room = null;

  // The argument names of each RoomEvent, in order (RoomEventCallbacks, livekit-client 2.23.0 src/room/Room.ts).
  // An event not listed here still gets recorded, with arguments named arg0, arg1...
  const argumentNames = {
    disconnected: ['reason'],
    connectionStateChanged: ['state'],
    moved: ['roomName'],
    participantConnected: ['participant'],
    participantDisconnected: ['participant', 'reason'],
    trackPublished: ['publication', 'participant'],
    trackSubscribed: ['track', 'publication', 'participant'],
    trackSubscriptionFailed: ['trackSid', 'participant', 'reason'],
    trackUnpublished: ['publication', 'participant'],
    trackUnsubscribed: ['track', 'publication', 'participant'],
    trackMuted: ['publication', 'participant'],
    trackUnmuted: ['publication', 'participant'],
    localTrackPublished: ['publication', 'participant'],
    localTrackUnpublished: ['publication', 'participant'],
    localTrackSubscribed: ['publication', 'participant'],
    localAudioSilenceDetected: ['publication'],
    // The participant emits its previous metadata (Participant._setMetadata); the participant carries the new one.
    participantMetadataChanged: ['previousMetadata', 'participant'],
    participantNameChanged: ['name', 'participant'],
    participantPermissionsChanged: ['previousPermissions', 'participant'],
    participantAttributesChanged: ['changedAttributes', 'participant'],
    participantActive: ['participant'],
    activeSpeakersChanged: ['speakers'],
    roomMetadataChanged: ['metadata'],
    dataReceived: ['payload', 'participant', 'kind', 'topic', 'encryptionType', 'participantIdentity'],
    sipDTMFReceived: ['dtmf', 'participant'],
    transcriptionReceived: ['segments', 'participant', 'publication'],
    connectionQualityChanged: ['quality', 'participant'],
    mediaDevicesError: ['error', 'kind'],
    trackStreamStateChanged: ['publication', 'streamState', 'participant'],
    trackSubscriptionPermissionChanged: ['publication', 'status', 'participant'],
    trackSubscriptionStatusChanged: ['publication', 'status', 'participant'],
    audioPlaybackChanged: ['playing'],
    videoPlaybackChanged: ['playing'],
    recordingStatusChanged: ['recording'],
    participantEncryptionStatusChanged: ['encrypted', 'participant'],
    encryptionError: ['error', 'participant'],
    dcBufferStatusChanged: ['isLow', 'kind'],
    activeDeviceChanged: ['kind', 'deviceId'],
    chatMessage: ['message', 'participant'],
    metricsReceived: ['metrics', 'participant'],
    dataTrackPublished: ['track'],
    dataTrackUnpublished: ['sid'],
    localDataTrackPublished: ['track'],
    localDataTrackUnpublished: ['sid'],
  };

  // Protobuf enums of @livekit/protocol carry their reverse mapping (number -> name).
  function enumName(enumObject, value) {
    return enumObject && typeof value === 'number' && typeof enumObject[value] === 'string' ? enumObject[value] : null;
  }

  function textOf(bytes) {
    return new TextDecoder().decode(bytes);
  }

  function describeError(e) {
    if (!(e instanceof Error)) {
      return { name: 'Error', message: String(e) };
    }
    const error = { name: e.name || 'Error', message: e.message || String(e) };
    for (const key of ['reason', 'reasonName', 'status', 'code']) {
      if (e[key] !== undefined && e[key] !== null) {
        error[key] = simplify(e[key]);
      }
    }
    return error;
  }

  function describeTrack(track) {
    return {
      sid: track.sid ?? null,
      kind: track.kind,
      source: track.source,
      muted: track.isMuted,
      mimeType: track.mimeType ?? null,
    };
  }

  function describePublication(publication) {
    return {
      sid: publication.trackSid,
      name: publication.trackName ?? '',
      kind: publication.kind,
      source: publication.source,
      muted: publication.isMuted,
      subscribed: publication.isSubscribed,
      mimeType: publication.mimeType ?? '',
      simulcasted: !!publication.simulcasted,
      width: publication.dimensions?.width ?? null,
      height: publication.dimensions?.height ?? null,
      subscriptionStatus: publication.isLocal ? null : publication.subscriptionStatus,
      hasTrack: !!publication.track,
    };
  }

  function describeParticipant(participant, withTracks) {
    const described = {
      sid: participant.sid,
      identity: participant.identity,
      name: participant.name ?? '',
      metadata: participant.metadata ?? '',
      attributes: Object.assign({}, participant.attributes),
      isLocal: participant.isLocal,
      kind: enumName(L.ParticipantKind, participant.kind) ?? String(participant.kind),
    };
    if (withTracks) {
      described.isSpeaking = participant.isSpeaking;
      described.connectionQuality = participant.connectionQuality;
      described.tracks = Array.from(participant.trackPublications.values(), describePublication);
    }
    return described;
  }

  // Any argument to JSON: library objects as small summaries, bytes as text, protobuf messages through toJson,
  // everything else structurally, to a bounded depth (some arguments reference the whole room).
  function simplify(value, depth = 0, seen = new WeakSet()) {
    if (value === undefined || value === null) {
      return null;
    }
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return value;
      case 'number':
        return Number.isFinite(value) ? value : String(value);
      case 'bigint':
        return value.toString();
      case 'function':
      case 'symbol':
        return null;
      default:
        break;
    }
    if (value instanceof Uint8Array) {
      return textOf(value);
    }
    if (value instanceof L.Participant) {
      return describeParticipant(value, false);
    }
    if (value instanceof L.TrackPublication) {
      return describePublication(value);
    }
    if (value instanceof L.Track) {
      return describeTrack(value);
    }
    if (value instanceof Error) {
      return describeError(value);
    }
    if (depth >= 4 || seen.has(value)) {
      return '[...]';
    }
    seen.add(value);
    if (Array.isArray(value)) {
      return value.map((v) => simplify(v, depth + 1, seen));
    }
    if (value instanceof Map) {
      return Object.fromEntries(Array.from(value, ([k, v]) => [String(k), simplify(v, depth + 1, seen)]));
    }
    if (typeof value.toJson === 'function') {
      try {
        return value.toJson();
      } catch (e) {
        // Not a protobuf message after all: described field by field below.
      }
    }
    const out = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = simplify(v, depth + 1, seen);
    }
    return out;
  }

  function describeArguments(name, args) {
    const names = argumentNames[name] ?? [];
    const described = {};
    args.forEach((arg, i) => {
      described[names[i] ?? `arg${i}`] = simplify(arg);
    });
    // Names beside the numbers of the protobuf enums, so tests read them without the tables.
    switch (name) {
      case 'disconnected':
      case 'participantDisconnected':
        described.reasonName = enumName(L.DisconnectReason, args[names.indexOf('reason')]);
        break;
      case 'trackSubscriptionFailed':
        described.reasonName = enumName(L.SubscriptionError, args[2]);
        break;
      case 'dataReceived':
        described.kindName = enumName(L.DataPacket_Kind, args[2]);
        // The sender's identity whether or not it is a known participant (the server may be the sender).
        described.participantIdentity = args[1]?.identity ?? args[5] ?? null;
        break;
      default:
        break;
    }
    return described;
  }

  function record(name, args) {
    seq += 1;
    const event = { seq, name, atMs: Math.round(performance.now()), args };
    let json;
    try {
      json = JSON.stringify(event);
    } catch (e) {
      event.args = { unserializable: String(e) };
      json = JSON.stringify(event);
    }
    events.push(JSON.parse(json));
    if (typeof window.lkClientEvent === 'function') {
      // The binding returns a promise; it rejects only when the page goes away, which C# learns otherwise.
      Promise.resolve(window.lkClientEvent(json)).catch(() => {});
    }
  }

  // Plays what is subscribed: Chromium decodes received audio (totalSamplesReceived moves) only while a sink pulls
  // it, and an attached <video> keeps video decoding. adaptiveStream is off by default, so attaching changes nothing
  // in what the client asks of the server.
  function attachMedia(track) {
    const element = track.attach();
    element.dataset.trackSid = track.sid ?? '';
    document.getElementById('remote-media').appendChild(element);
  }

  function detachMedia(track) {
    for (const element of track.detach()) {
      element.remove();
    }
  }

  function watch(newRoom) {
    for (const name of new Set(Object.values(L.RoomEvent))) {
      newRoom.on(name, (...args) => {
        if (newRoom === room) {
          record(name, describeArguments(name, args));
        }
      });
    }
    newRoom.on(L.RoomEvent.TrackSubscribed, (track) => attachMedia(track));
    newRoom.on(L.RoomEvent.TrackUnsubscribed, (track) => detachMedia(track));
    // 2.23.0 has no RoomEvent for a refresh_token: the engine keeps the token (RTCEngine.token, private) and emits
    // EngineEvent.TokenRefreshed ('tokenRefreshed'), which the Room does not pass on. Logged here under a name no
    // RoomEvent has. The Room creates its engine in its constructor; a full reconnect makes a new engine, whose
    // refreshes are not logged (getState's room.token still shows them).
    newRoom.engine?.on('tokenRefreshed', (token) => {
      if (newRoom === room) {
        record('engineTokenRefreshed', { token: String(token) });
      }
    });
  }

  function currentRoom() {
    if (room === null) {
      throw new Error('not connected: call connect() first');
    }
    return room;
  }

  function local() {
    return currentRoom().localParticipant;
  }

  function sourceOf(source) {
    if (!Object.values(L.Track.Source).includes(source)) {
      throw new Error(`unknown track source '${source}': one of ${Object.values(L.Track.Source).join(', ')}`);
    }
    return source;
  }

  function publicationOf(source) {
    const publication = local().getTrackPublication(sourceOf(source));
    if (!publication || !publication.track) {
      throw new Error(`nothing is published from the ${source}`);
    }
    return publication;
  }

  function state() {
    if (room === null) {
      return { room: null, localParticipant: null, remoteParticipants: [] };
    }
    return {
      room: {
        name: room.name,
        // Room.getSid() waits for a sid; the state is read now, so the room info is read directly (a private
        // field of Room in 2.23.0; its name survives in the bundle).
        sid: room.roomInfo?.sid ?? '',
        metadata: room.metadata ?? '',
        connectionState: room.state,
        numParticipants: room.numParticipants,
        serverVersion: room.serverInfo?.version ?? '',
        // Which signal path the last join used: /rtc (dual peer connection) or /rtc/v1 (single peer connection).
        // SignalClient.useV0SignalPath is private in 2.23.0; null when it cannot be read.
        signalPath: typeof room.engine?.client?.useV0SignalPath === 'boolean'
          ? (room.engine.client.useV0SignalPath ? '/rtc' : '/rtc/v1')
          : null,
        // The token the client would reconnect with: the one given to connect(), then each refresh_token the
        // server sent (RTCEngine.token, private in 2.23.0; its name survives in the bundle). Null when unreadable.
        token: typeof room.engine?.token === 'string' ? room.engine.token : null,
      },
      localParticipant: describeParticipant(room.localParticipant, true),
      remoteParticipants: Array.from(room.remoteParticipants.values(), (p) => describeParticipant(p, true)),
    };
  }

  async function statsOf(getStats, rtpType, describe) {
    const report = await getStats();
    const codecs = new Map();
    report.forEach((s) => {
      if (s.type === 'codec') {
        codecs.set(s.id, s.mimeType);
      }
    });
    const found = [];
    report.forEach((s) => {
      if (s.type === rtpType) {
        found.push(Object.assign(describe(s), { codecMimeType: codecs.get(s.codecId) ?? null }));
      }
    });
    return found;
  }

  const api = {
    /** The bundle's version and protocol. */
    async info() {
      return { version: L.version, protocolVersion: L.protocolVersion };
    },

    /** livekit-client's log level (trace, debug, info, warn, error, silent); the page starts at warn. */
    async setLogLevel(level) {
      L.setLogLevel(level);
      return null;
    },

    /**
     * A new Room with adaptiveStream and dynacast off unless asked (and singlePeerConnection when given: true tries
     * /rtc/v1 first and falls back to /rtc when the server's validate endpoint answers 404; false goes to /rtc, the
     * dual peer connection mode), then room.connect(url, token, {autoSubscribe, maxRetries, peerConnectionTimeout,
     * websocketTimeout}). Resolves to getState().
     */
    async connect(url, token, options) {
      const o = options ?? {};
      if (room !== null && room.state !== L.ConnectionState.Disconnected) {
        throw new Error(`already ${room.state}: call disconnect() first`);
      }
      const roomOptions = {
        adaptiveStream: o.adaptiveStream ?? false,
        dynacast: o.dynacast ?? false,
      };
      if (typeof o.singlePeerConnection === 'boolean') {
        roomOptions.singlePeerConnection = o.singlePeerConnection;
      }
      const connectOptions = { autoSubscribe: o.autoSubscribe ?? true };
      for (const key of ['maxRetries', 'peerConnectionTimeout', 'websocketTimeout']) {
        if (typeof o[key] === 'number') {
          connectOptions[key] = o[key];
        }
      }
      room = new L.Room(roomOptions);
      watch(room);
      await room.connect(url, token, connectOptions);
      return state();
    },

    async disconnect() {
      if (room !== null) {
        await room.disconnect();
      }
      return null;
    },

    /** Publishes the fake microphone; publishOptions is a TrackPublishOptions object (dtx, red...) or null. */
    async publishMicrophone(publishOptions) {
      const publication = await local().setMicrophoneEnabled(true, undefined, publishOptions ?? undefined);
      return describePublication(publication);
    },

    /**
     * Publishes the fake camera, captured at options.resolution ({width, height, frameRate}; 640x360 at 15 fps
     * unless given, to spare the machine's two cores); the other options are TrackPublishOptions (simulcast...).
     */
    async publishCamera(options) {
      const { resolution, ...publishOptions } = options ?? {};
      const capture = { resolution: resolution ?? { width: 640, height: 360, frameRate: 15 } };
      const publication = await local().setCameraEnabled(true, capture, publishOptions);
      return describePublication(publication);
    },

    /** Unpublishes (and stops) the track published from a source: microphone, camera... */
    async unpublish(source) {
      await local().unpublishTrack(publicationOf(source).track, true);
      return null;
    },

    async setMicrophoneMuted(muted) {
      return api.setMuted('microphone', muted);
    },

    async setCameraMuted(muted) {
      return api.setMuted('camera', muted);
    },

    async setMuted(source, muted) {
      const publication = publicationOf(source);
      await (muted ? publication.mute() : publication.unmute());
      return describePublication(publication);
    },

    /** publishData of the text's UTF-8 bytes; options {reliable, topic, destinationIdentities} as DataPublishOptions. */
    async publishData(text, options) {
      const o = options ?? {};
      const publishOptions = { reliable: !!o.reliable };
      if (typeof o.topic === 'string') {
        publishOptions.topic = o.topic;
      }
      if (Array.isArray(o.destinationIdentities)) {
        publishOptions.destinationIdentities = o.destinationIdentities;
      }
      await local().publishData(new TextEncoder().encode(text), publishOptions);
      return null;
    },

    async setMetadata(metadata) {
      await local().setMetadata(metadata);
      return null;
    },

    async setName(name) {
      await local().setName(name);
      return null;
    },

    async setAttributes(attributes) {
      await local().setAttributes(attributes);
      return null;
    },

    async getState() {
      return state();
    },

    /**
     * room.simulateScenario(scenario, arg), livekit-client's hook for tests ('speaker', 'node-failure',
     * 'server-leave', 'migration', 'signal-reconnect'...): most send the signal simulate request to the server.
     */
    async simulateScenario(scenario, arg) {
      await currentRoom().simulateScenario(scenario, arg ?? undefined);
      return null;
    },

    /** The inbound-rtp stats of the receiver of every subscribed remote track. */
    async getInboundStats() {
      const all = [];
      for (const participant of currentRoom().remoteParticipants.values()) {
        for (const publication of participant.trackPublications.values()) {
          const receiver = publication.track?.receiver;
          if (!receiver) {
            continue;
          }
          const found = await statsOf(() => receiver.getStats(), 'inbound-rtp', (s) => ({
            participantIdentity: participant.identity,
            trackSid: publication.trackSid,
            source: publication.source,
            kind: s.kind,
            ssrc: s.ssrc,
            mid: s.mid ?? null,
            packetsReceived: s.packetsReceived ?? 0,
            packetsLost: s.packetsLost ?? 0,
            bytesReceived: s.bytesReceived ?? 0,
            jitter: s.jitter ?? 0,
            framesReceived: s.framesReceived ?? 0,
            framesDecoded: s.framesDecoded ?? 0,
            keyFramesDecoded: s.keyFramesDecoded ?? 0,
            frameWidth: s.frameWidth ?? 0,
            frameHeight: s.frameHeight ?? 0,
            totalSamplesReceived: s.totalSamplesReceived ?? 0,
            concealedSamples: s.concealedSamples ?? 0,
            silentConcealedSamples: s.silentConcealedSamples ?? 0,
            concealmentEvents: s.concealmentEvents ?? 0,
            totalAudioEnergy: s.totalAudioEnergy ?? 0,
          }));
          all.push(...found);
        }
      }
      return all;
    },

    /** The outbound-rtp stats of the sender of every local track (one per simulcast layer). */
    async getOutboundStats() {
      const all = [];
      for (const publication of local().trackPublications.values()) {
        const sender = publication.track?.sender;
        if (!sender) {
          continue;
        }
        const found = await statsOf(() => sender.getStats(), 'outbound-rtp', (s) => ({
          trackSid: publication.trackSid,
          source: publication.source,
          kind: s.kind,
          ssrc: s.ssrc,
          rid: s.rid ?? null,
          packetsSent: s.packetsSent ?? 0,
          bytesSent: s.bytesSent ?? 0,
          framesEncoded: s.framesEncoded ?? 0,
          frameWidth: s.frameWidth ?? 0,
          frameHeight: s.frameHeight ?? 0,
          qualityLimitationReason: s.qualityLimitationReason ?? null,
        }));
        all.push(...found);
      }
      return all;
    },

    /** The page's event log so far. */
    async getEvents() {
      return events;
    },

    /** Records an event that no Room emitted, through the same path as the Room's: for testing the harness. */
    async emitTestEvent(name, args) {
      record(name, simplify(args));
      return seq;
    },
  };

  // C#'s entry point: never rejects, so that the error's fields come back, not only its message.
  async function invoke(name, args) {
    const fn = Object.prototype.hasOwnProperty.call(api, name) ? api[name] : null;
    if (fn === null) {
      return JSON.stringify({ ok: false, error: { name: 'HarnessError', message: `no page function '${name}'` } });
    }
    try {
      const value = await fn(...(args ?? []));
      return JSON.stringify({ ok: true, value: value ?? null });
    } catch (e) {
      return JSON.stringify({ ok: false, error: describeError(e) });
    }
  }

  L.setLogLevel('warn');
  window.lkClient = Object.assign({ invoke }, api);
})();
