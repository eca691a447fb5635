using System;

namespace LiveKit.Interop.Tests.Pion;

/// <summary>The pion peer program could not be built: Go or Debian's pion packages are missing, or go build failed.</summary>
public sealed class PionBuildException : Exception
{
    /// <summary>The Debian packages the build needs, as scripts/install-deps.sh installs them.</summary>
    public const string Packages = "golang-go golang-github-pion-webrtc.v3-dev";

    /// <summary>Creates the exception; the message ends with which packages to install.</summary>
    public PionBuildException(string message)
        : base($"{message}\nThe pion peer needs the Debian packages {Packages} (scripts/install-deps.sh installs them).")
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public PionBuildException(string message, Exception innerException)
        : base($"{message}\nThe pion peer needs the Debian packages {Packages} (scripts/install-deps.sh installs them).",
            innerException)
    {
    }
}
