using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace LiveKit.Rtc;

// Data packets received (brief §4) and this client's requests that the server answers (UpdateParticipantMetadata).
public sealed partial class Room
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private readonly List<MetadataRequest> _metadataRequests = new();
    private long _duplicateDataPackets;

    /// <summary>Reliable data packets dropped as duplicates (a sequence number already seen from the same sender).</summary>
    internal long DuplicateDataPackets => Interlocked.Read(ref _duplicateDataPackets);

    /// <summary>A data packet arrived: duplicates dropped, then emitted by its kind. Room loop only.</summary>
    internal void OnDataPacket(RoomSession session, Proto.DataPacket packet, DataPacketKind kind)
    {
        if (!ReferenceEquals(session, _session))
        {
            return;
        }

        // brief §4 sequencing: drop what a resume resent, per sender session. Lossy packets are never resent.
        if (kind == DataPacketKind.Reliable && !session.ReliableData.Accept(packet.ParticipantSid, packet.Sequence))
        {
            Interlocked.Increment(ref _duplicateDataPackets);
            RoomLog.DuplicateDataDropped(_logger, packet.Sequence, packet.ParticipantSid);
            return;
        }

        RemoteParticipant? sender = FindSender(packet);
        switch (packet.ValueCase)
        {
            case Proto.DataPacket.ValueOneofCase.User:
                Proto.UserPacket user = packet.User;
                Emit(RoomEvent.DataReceived, new DataPacket(user.Payload.Memory, kind, sender, user.HasTopic ? user.Topic : null));
                break;
            case Proto.DataPacket.ValueOneofCase.SipDtmf:
                Emit(RoomEvent.SipDtmfReceived, new SipDtmf((int)packet.SipDtmf.Code, packet.SipDtmf.Digit, sender));
                break;
            case Proto.DataPacket.ValueOneofCase.Transcription:
                EmitTranscription(packet.Transcription);
                break;
            default:
                // Chat, RPC, data streams and metrics come with their own issues.
                break;
        }
    }

    private RemoteParticipant? FindSender(Proto.DataPacket packet)
    {
        if (packet.ParticipantIdentity.Length > 0 && _remoteParticipants.TryGetValue(packet.ParticipantIdentity, out RemoteParticipant? byIdentity))
        {
            return byIdentity;
        }

        return packet.ParticipantSid.Length > 0 ? FindParticipantBySid(packet.ParticipantSid) as RemoteParticipant : null;
    }

    private void EmitTranscription(Proto.Transcription transcription)
    {
        TranscriptionSegment[] segments = transcription.Segments
            .Select(s => new TranscriptionSegment(s.Id, s.Text, s.StartTime, s.EndTime, s.Language, s.Final))
            .ToArray();
        Participant? participant = FindParticipantByIdentity(transcription.TranscribedParticipantIdentity);
        TrackPublication? publication = participant is not null && participant.TrackPublications.TryGetValue(transcription.TrackId, out TrackPublication? found)
            ? found
            : null;
        Emit(RoomEvent.TranscriptionReceived, segments, participant, publication);
    }

    /// <summary>Sends a data packet on the current connection. Called by <see cref="LocalParticipant"/>.</summary>
    internal async Task PublishDataPacketAsync(Proto.DataPacket packet, bool reliable, CancellationToken cancellationToken)
    {
        RoomSession session = _session is { IsConnected: true } current && !current.IsClosing
            ? current
            : throw new InvalidOperationException("The room is not connected: data can be sent only while it is connected.");
        await session.Engine.SendDataAsync(packet, reliable, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends UpdateParticipantMetadata and completes once the server accepted it and the local participant shows
    /// the change (the server's own update about this client), so the caller reads the new values right after.
    /// </summary>
    internal async Task UpdateLocalMetadataAsync(
        string? metadata, string? name, IReadOnlyDictionary<string, string>? attributes, CancellationToken cancellationToken)
    {
        var request = new MetadataRequest(metadata, name, attributes);
        await Loop.InvokeAsync(() => StartMetadataRequest(request)).ConfigureAwait(false);
        try
        {
            await request.Completion.Task.WaitAsync(RequestTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new SignalRequestException(SignalRequestFailure.Timeout, $"The server did not confirm the {request.What} change within {RequestTimeout.TotalSeconds} s.");
        }
        finally
        {
            Loop.Post(() => _metadataRequests.Remove(request));
        }
    }

    private void StartMetadataRequest(MetadataRequest request)
    {
        RoomSession session = _session is { IsConnected: true } current && !current.IsClosing
            ? current
            : throw new InvalidOperationException("The room is not connected: metadata, name and attributes can change only while it is connected.");
        LocalParticipant local = LocalParticipant!;
        var update = new Proto.UpdateParticipantMetadata
        {
            // The server treats the message as the whole state of the fields it carries, so unchanged ones go as they are.
            Metadata = request.Metadata ?? local.Metadata,
            Name = request.Name ?? local.Name,
            RequestId = ++session.NextRequestId,
        };
        if (request.Attributes is not null)
        {
            foreach ((string key, string value) in request.Attributes)
            {
                update.Attributes[key] = value;
            }
        }

        request.RequestId = update.RequestId;
        _metadataRequests.Add(request);
        _ = SendAsync(session, new Proto.SignalRequest { UpdateMetadata = update });
    }

    /// <summary>RequestResponse: the server's verdict on a request that carried an id.</summary>
    private void CompleteRequest(Proto.RequestResponse response)
    {
        MetadataRequest? request = _metadataRequests.Find(r => r.RequestId == response.RequestId);
        if (request is null)
        {
            return;
        }

        if (response.Reason != Proto.RequestResponse.Types.Reason.Ok)
        {
            SignalRequestFailure failure = response.Reason switch
            {
                Proto.RequestResponse.Types.Reason.NotFound => SignalRequestFailure.NotFound,
                Proto.RequestResponse.Types.Reason.NotAllowed => SignalRequestFailure.NotAllowed,
                Proto.RequestResponse.Types.Reason.LimitExceeded => SignalRequestFailure.LimitExceeded,
                Proto.RequestResponse.Types.Reason.InvalidRequest => SignalRequestFailure.InvalidRequest,
                _ => SignalRequestFailure.Other,
            };
            request.Completion.TrySetException(new SignalRequestException(
                failure, $"The server refused the {request.What} change ({response.Reason}): {response.Message}"));
            return;
        }

        request.Answered = true;
        CheckMetadataRequests();
    }

    /// <summary>Fails every request in flight: the connection that carried them is gone.</summary>
    private void FailMetadataRequests(string why)
    {
        foreach (MetadataRequest request in _metadataRequests)
        {
            request.Completion.TrySetException(new InvalidOperationException(why));
        }
    }

    /// <summary>Completes the accepted requests that the local participant now reflects.</summary>
    private void CheckMetadataRequests()
    {
        if (LocalParticipant is not { } local)
        {
            return;
        }

        foreach (MetadataRequest request in _metadataRequests)
        {
            if (request.Answered && request.IsReflectedBy(local))
            {
                request.Completion.TrySetResult();
            }
        }
    }

    private Task SendAsync(RoomSession session, Proto.SignalRequest request) =>
        session.Signal.SendAsync(request).AsTask().ContinueWith(
            static (task, state) =>
            {
                if (task.IsFaulted)
                {
                    RoomLog.SignalSendDropped((Microsoft.Extensions.Logging.ILogger)state!, task.Exception!.GetBaseException().Message);
                }
            },
            _logger, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>An UpdateParticipantMetadata in flight: what it changes, and whether the server accepted it.</summary>
    private sealed class MetadataRequest(string? metadata, string? name, IReadOnlyDictionary<string, string>? attributes)
    {
        public string? Metadata { get; } = metadata;

        public string? Name { get; } = name;

        public IReadOnlyDictionary<string, string>? Attributes { get; } = attributes;

        public uint RequestId { get; set; }

        public bool Answered { get; set; }

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string What => Metadata is not null ? "metadata" : Name is not null ? "name" : "attributes";

        /// <summary>True when <paramref name="local"/> shows every value this request sets (an empty attribute value deletes the key).</summary>
        public bool IsReflectedBy(LocalParticipant local) =>
            (Metadata is null || local.Metadata == Metadata)
            && (Name is null || local.Name == Name)
            && (Attributes is null || Attributes.All(a => a.Value.Length == 0
                ? !local.Attributes.ContainsKey(a.Key)
                : local.Attributes.TryGetValue(a.Key, out string? value) && value == a.Value));
    }
}
