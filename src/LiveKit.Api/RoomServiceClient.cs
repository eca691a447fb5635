using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Google.Protobuf;
using LiveKit.Proto;

namespace LiveKit.Api;

/// <summary>
/// LiveKit's server API for rooms and participants: the <c>livekit.RoomService</c> Twirp service, each call a
/// <c>POST {url}/twirp/livekit.RoomService/{Method}</c> with a protobuf body and a fresh access token carrying the
/// grant the server checks for that method (livekit/livekit <c>pkg/service/roomservice.go</c>).
/// </summary>
/// <remarks>
/// An error answer throws <see cref="TwirpException"/>; a network failure throws what <see cref="HttpClient"/>
/// throws (<see cref="HttpRequestException"/>, <see cref="TaskCanceledException"/>).
/// </remarks>
public sealed class RoomServiceClient : IDisposable
{
    /// <summary>The lifetime of the token minted for each call: ten minutes, as LiveKit's Node SDK.</summary>
    public static readonly TimeSpan TokenTtl = TimeSpan.FromMinutes(10);

    private const string ServicePath = "/twirp/livekit.RoomService/";
    private const string ProtobufMediaType = "application/protobuf";

    private readonly string _baseUrl;
    private readonly string _apiKey;
    private readonly string _apiSecret;
    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a client with its own <see cref="HttpClient"/>, disposed with the client.</summary>
    /// <param name="url">The server: <c>ws(s)://</c> or <c>http(s)://</c>, e.g. <c>wss://my-project.livekit.cloud</c>.</param>
    /// <param name="apiKey">The API key that signs each call's token.</param>
    /// <param name="apiSecret">The API key's secret.</param>
    public RoomServiceClient(string url, string apiKey, string apiSecret)
        : this(url, apiKey, apiSecret, new HttpClient(), ownsHttpClient: true, TimeProvider.System)
    {
    }

    /// <summary>Creates a client that sends through <paramref name="httpClient"/>, which stays the caller's.</summary>
    /// <param name="url">The server: <c>ws(s)://</c> or <c>http(s)://</c>, e.g. <c>wss://my-project.livekit.cloud</c>.</param>
    /// <param name="apiKey">The API key that signs each call's token.</param>
    /// <param name="apiSecret">The API key's secret.</param>
    /// <param name="httpClient">The client to send with (one with a test handler, or the in-process server's).</param>
    /// <param name="timeProvider">The clock the tokens are dated by; the system clock when null.</param>
    public RoomServiceClient(string url, string apiKey, string apiSecret, HttpClient httpClient, TimeProvider? timeProvider = null)
        : this(url, apiKey, apiSecret, httpClient ?? throw new ArgumentNullException(nameof(httpClient)), ownsHttpClient: false,
            timeProvider ?? TimeProvider.System)
    {
    }

    private RoomServiceClient(string url, string apiKey, string apiSecret, HttpClient httpClient, bool ownsHttpClient, TimeProvider timeProvider)
    {
        // Checked here, not at the first call, so that a wrong configuration fails where it is made.
        _ = new AccessToken(apiKey, apiSecret);
        _baseUrl = ServiceUrl.ToHttpBase(url, nameof(url));
        _apiKey = apiKey;
        _apiSecret = apiSecret;
        _httpClient = httpClient;
        _ownsHttpClient = ownsHttpClient;
        _timeProvider = timeProvider;
    }

    /// <summary>Creates a room, or returns the existing one of that name. Grant: <c>roomCreate</c>.</summary>
    public Task<Room> CreateRoomAsync(CreateRoomRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("CreateRoom", request, new VideoGrants { RoomCreate = true }, Room.Parser, cancellationToken);

    /// <summary>Lists the active rooms, or those named in the request. Grant: <c>roomList</c>.</summary>
    public Task<ListRoomsResponse> ListRoomsAsync(ListRoomsRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("ListRooms", request, new VideoGrants { RoomList = true }, ListRoomsResponse.Parser, cancellationToken);

    /// <summary>
    /// Deletes a room and disconnects everyone in it. Grant: <c>roomCreate</c> (the server checks the create
    /// permission for deletion, not <c>roomAdmin</c>).
    /// </summary>
    public Task<DeleteRoomResponse> DeleteRoomAsync(DeleteRoomRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("DeleteRoom", request, new VideoGrants { RoomCreate = true }, DeleteRoomResponse.Parser, cancellationToken);

    /// <summary>Lists the participants of a room. Grant: <c>roomAdmin</c> on the request's room.</summary>
    public Task<ListParticipantsResponse> ListParticipantsAsync(ListParticipantsRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("ListParticipants", request, Admin(request?.Room), ListParticipantsResponse.Parser, cancellationToken);

    /// <summary>Gets one participant. Grant: <c>roomAdmin</c> on the request's room.</summary>
    public Task<ParticipantInfo> GetParticipantAsync(RoomParticipantIdentity request, CancellationToken cancellationToken = default) =>
        CallAsync("GetParticipant", request, Admin(request?.Room), ParticipantInfo.Parser, cancellationToken);

    /// <summary>Disconnects a participant from the room. Grant: <c>roomAdmin</c> on the request's room.</summary>
    public Task<RemoveParticipantResponse> RemoveParticipantAsync(RoomParticipantIdentity request, CancellationToken cancellationToken = default) =>
        CallAsync("RemoveParticipant", request, Admin(request?.Room), RemoveParticipantResponse.Parser, cancellationToken);

    /// <summary>Changes a participant's metadata, name, attributes or permissions. Grant: <c>roomAdmin</c> on the request's room.</summary>
    public Task<ParticipantInfo> UpdateParticipantAsync(UpdateParticipantRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("UpdateParticipant", request, Admin(request?.Room), ParticipantInfo.Parser, cancellationToken);

    /// <summary>Mutes or unmutes a participant's published track. Grant: <c>roomAdmin</c> on the request's room.</summary>
    public Task<MuteRoomTrackResponse> MutePublishedTrackAsync(MuteRoomTrackRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("MutePublishedTrack", request, Admin(request?.Room), MuteRoomTrackResponse.Parser, cancellationToken);

    /// <summary>Replaces the room's metadata. Grant: <c>roomAdmin</c> on the request's room.</summary>
    public Task<Room> UpdateRoomMetadataAsync(UpdateRoomMetadataRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("UpdateRoomMetadata", request, Admin(request?.Room), Room.Parser, cancellationToken);

    /// <summary>Sends data to the room's participants as the server. Grant: <c>roomAdmin</c> on the request's room.</summary>
    public Task<SendDataResponse> SendDataAsync(SendDataRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("SendData", request, Admin(request?.Room), SendDataResponse.Parser, cancellationToken);

    /// <summary>
    /// Moves a participant to another room. Grant: <c>roomAdmin</c> on the request's room with
    /// <c>destinationRoom</c> = the request's destination room.
    /// </summary>
    public Task<MoveParticipantResponse> MoveParticipantAsync(MoveParticipantRequest request, CancellationToken cancellationToken = default) =>
        CallAsync(
            "MoveParticipant",
            request,
            Admin(request?.Room) with { DestinationRoom = request?.DestinationRoom },
            MoveParticipantResponse.Parser,
            cancellationToken);

    /// <summary>Subscribes a participant to tracks, or unsubscribes it. Grant: <c>roomAdmin</c> on the request's room.</summary>
    public Task<UpdateSubscriptionsResponse> UpdateSubscriptionsAsync(UpdateSubscriptionsRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("UpdateSubscriptions", request, Admin(request?.Room), UpdateSubscriptionsResponse.Parser, cancellationToken);

    /// <summary>Disposes the <see cref="HttpClient"/> when this client created it.</summary>
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    private static VideoGrants Admin(string? room) => new() { RoomAdmin = true, Room = room };

    private async Task<TResponse> CallAsync<TRequest, TResponse>(
        string method,
        TRequest? request,
        VideoGrants grants,
        MessageParser<TResponse> parser,
        CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(request);
        string token = new AccessToken(_apiKey, _apiSecret) { Video = grants, Ttl = TokenTtl }.ToJwt(_timeProvider);

        using var message = new HttpRequestMessage(HttpMethod.Post, _baseUrl + ServicePath + method);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ProtobufMediaType));
        message.Content = new ByteArrayContent(request.ToByteArray());
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(ProtobufMediaType);

        using HttpResponseMessage response = await _httpClient
            .SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken)
            .ConfigureAwait(false);
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw TwirpErrorAnswer.ToException(response.StatusCode, body);
        }

        try
        {
            return parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new TwirpException(
                TwirpErrorCodes.Internal,
                $"The answer to {method} is not a valid {typeof(TResponse).Name} message.",
                response.StatusCode);
        }
    }
}
