using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace LiveKit.Package.Tests;

/// <summary>
/// Packs LiveKit.Rtc once into a local folder feed and makes throwaway consumer projects that restore from it.
/// Restores read only that feed and the machine's global packages folder (where the solution's own restore put
/// the package's dependencies): no network, and a package cache of its own so a stale LiveKit.Rtc is never used.
/// </summary>
public sealed class PackedPackage : IDisposable
{
    public const string Version = "0.0.0-packagetest";

    public PackedPackage()
    {
        var assembly = typeof(PackedPackage).Assembly;
        RepoRoot = Metadata(assembly, "RepoRoot");
        var configuration = Metadata(assembly, "Configuration");

        Root = Directory.CreateTempSubdirectory("livekit-package-tests-").FullName;
        Feed = Path.Combine(Root, "feed");

        var project = Path.Combine(RepoRoot, "src", "LiveKit.Rtc", "LiveKit.Rtc.csproj");
        var (exitCode, output) = DotnetCli.Run(
            RepoRoot, "pack", project, "-c", configuration, "--no-build", "-o", Feed, $"-p:PackageVersion={Version}");
        Assert.True(exitCode == 0, $"dotnet pack failed:\n{output}");

        PackagePath = Path.Combine(Feed, $"LiveKit.Rtc.{Version}.nupkg");
        Assert.True(File.Exists(PackagePath), $"dotnet pack made no {PackagePath}:\n{output}");
    }

    public string RepoRoot { get; }

    public string Root { get; }

    public string Feed { get; }

    public string PackagePath { get; }

    /// <summary>
    /// Writes a console project that references the package, with <paramref name="program"/> as its code, plus
    /// <paramref name="files"/> (name, text), <paramref name="projectItems"/> (MSBuild items) and
    /// <paramref name="projectProperties"/> (MSBuild properties) when given.
    /// </summary>
    public string CreateConsumer(
        string name, string program, (string Name, string Text)[]? files = null, string projectItems = "", string projectProperties = "")
    {
        var directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RestorePackagesPath>{Path.Combine(Root, "packages")}</RestorePackagesPath>
                {projectProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="LiveKit.Rtc" Version="{Version}" />
                {projectItems}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
                <add key="machine" value="{GlobalPackagesFolder()}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
        foreach (var (fileName, text) in files ?? [])
        {
            File.WriteAllText(Path.Combine(directory, fileName), text);
        }

        return directory;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the temp folder is the OS's to clean.
        }
    }

    private static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string Metadata(Assembly assembly, string key) =>
        assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"assembly metadata {key} is missing");
}
