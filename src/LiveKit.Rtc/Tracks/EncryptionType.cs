namespace LiveKit.Rtc;

/// <summary>
/// How a published track's frames are end-to-end encrypted. The numbers are those of LiveKit's
/// <c>Encryption.Type</c> (livekit_models.proto).
/// </summary>
public enum EncryptionType
{
    /// <summary>Not encrypted end to end.</summary>
    None = 0,

    /// <summary>AES-GCM frame encryption, interoperable with the LiveKit SDKs.</summary>
    Gcm = 1,

    /// <summary>An application-defined encryption.</summary>
    Custom = 2,
}
