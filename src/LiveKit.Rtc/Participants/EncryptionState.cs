namespace LiveKit.Rtc;

/// <summary>
/// The state of a participant's end-to-end encryption, as the LiveKit SDKs report it
/// (<c>EncryptionState</c> of the Python and Rust SDKs).
/// </summary>
public enum EncryptionState
{
    /// <summary>Encryption is being set up; no frame was processed yet.</summary>
    New = 0,

    /// <summary>Frames are encrypted or decrypted successfully.</summary>
    Ok = 1,

    /// <summary>Encrypting an outgoing frame failed.</summary>
    EncryptionFailed = 2,

    /// <summary>Decrypting an incoming frame failed.</summary>
    DecryptionFailed = 3,

    /// <summary>No key is known for the key index the frames carry.</summary>
    MissingKey = 4,

    /// <summary>The key was ratcheted after decryption failures and frames decrypt again.</summary>
    KeyRatcheted = 5,

    /// <summary>An internal error of the encryption layer.</summary>
    InternalError = 6,
}
