namespace LiveKit.WebRtc.Tests.Sdp;

/// <summary>
/// A hand-written offer in Chromium's shape with what the captures lack: a simulcast video sender with rids,
/// FID and SIM ssrc-groups, extmap directions and server-reflexive and TCP candidates.
/// </summary>
internal static class ChromiumLikeOffer
{
    public const string Text =
        "v=0\r\n" +
        "o=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n" +
        "s=-\r\n" +
        "t=0 0\r\n" +
        "a=group:BUNDLE 0 1\r\n" +
        "a=extmap-allow-mixed\r\n" +
        "a=msid-semantic: WMS stream1\r\n" +
        "m=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99\r\n" +
        "c=IN IP4 0.0.0.0\r\n" +
        "b=AS:2500\r\n" +
        "a=rtcp:9 IN IP4 0.0.0.0\r\n" +
        "a=candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0 network-id 1 network-cost 10\r\n" +
        "a=candidate:435653019 1 tcp 1845501695 203.0.113.7 9 typ srflx raddr 192.168.0.196 rport 46243 tcptype active generation 0 ufrag EsAw network-id 1 foo bar\r\n" +
        "a=end-of-candidates\r\n" +
        "a=ice-ufrag:EsAw\r\n" +
        "a=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1\r\n" +
        "a=ice-options:trickle renomination\r\n" +
        "a=fingerprint:sha-256 D2:FA:0E:C3:22:59:5E:14:95:69:92:3D:13:B4:84:24:2C:C2:A2:C0:3E:FD:34:8E:5E:EA:6F:AF:52:CE:E6:0F\r\n" +
        "a=setup:actpass\r\n" +
        "a=mid:0\r\n" +
        "a=extmap:1 urn:ietf:params:rtp-hdrext:toffset\r\n" +
        "a=extmap:4/sendonly urn:ietf:params:rtp-hdrext:sdes:mid\r\n" +
        "a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\r\n" +
        "a=sendonly\r\n" +
        "a=msid:stream1 track1\r\n" +
        "a=rtcp-mux\r\n" +
        "a=rtcp-rsize\r\n" +
        "a=rtpmap:96 VP8/90000\r\n" +
        "a=rtcp-fb:96 goog-remb\r\n" +
        "a=rtcp-fb:96 transport-cc\r\n" +
        "a=rtcp-fb:96 ccm fir\r\n" +
        "a=rtcp-fb:96 nack\r\n" +
        "a=rtcp-fb:96 nack pli\r\n" +
        "a=rtpmap:97 rtx/90000\r\n" +
        "a=fmtp:97 apt=96\r\n" +
        "a=rtpmap:98 H264/90000\r\n" +
        "a=rtcp-fb:* nack\r\n" +
        "a=fmtp:98 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f\r\n" +
        "a=rtpmap:99 rtx/90000\r\n" +
        "a=fmtp:99 apt=98\r\n" +
        "a=rid:q send\r\n" +
        "a=rid:h send pt=96;max-width=1280\r\n" +
        "a=simulcast:send q;~h recv r1,r2\r\n" +
        "a=ssrc-group:FID 1111 2222\r\n" +
        "a=ssrc-group:SIM 1111 3333 5555\r\n" +
        "a=ssrc:1111 cname:4TOk42mSjXCkVIa6\r\n" +
        "a=ssrc:1111 msid:stream1 track1\r\n" +
        "a=ssrc:2222 cname:4TOk42mSjXCkVIa6\r\n" +
        "a=x-google-flag:conference\r\n" +
        "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n" +
        "c=IN IP4 0.0.0.0\r\n" +
        "a=ice-ufrag:EsAw\r\n" +
        "a=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1\r\n" +
        "a=fingerprint:sha-256 D2:FA:0E:C3:22:59:5E:14:95:69:92:3D:13:B4:84:24:2C:C2:A2:C0:3E:FD:34:8E:5E:EA:6F:AF:52:CE:E6:0F\r\n" +
        "a=setup:actpass\r\n" +
        "a=mid:1\r\n" +
        "a=sctp-port:5000\r\n" +
        "a=max-message-size:262144\r\n";
}
