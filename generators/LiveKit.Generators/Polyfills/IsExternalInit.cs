// netstandard2.0 lacks this type; the compiler needs it to emit `init` accessors, which records use.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
