using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace LiveKit.Interop.Tests.Pion;

/// <summary>
/// One started pion peer program: lines to its stdin, lines from its stdout, the last lines of its stderr (also
/// passed to a log sink). <see cref="StopAsync"/> (and disposal) closes stdin, which ends the program; only if it
/// has not exited after <see cref="ExitGrace"/> is it killed, and only this process, by its own handle.
/// </summary>
internal sealed class PionProcess : IAsyncDisposable
{
    /// <summary>How long disposal waits for the program to exit after its stdin closed.</summary>
    public static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(5);

    private const int StderrLinesKept = 100;
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly Process _process;
    private readonly Action<string>? _log;
    private readonly Queue<string> _stderr = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly int _id;
    private int _stopped;
    private int _disposed;

    private PionProcess(Process process, Action<string>? log)
    {
        _process = process;
        _log = log;
        process.Start();
        _id = process.Id;
    }

    /// <summary>The operating system's id of the program.</summary>
    public int Id => _id;

    /// <summary>Whether the program has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the program wrote to stderr.</summary>
    public string StderrTail
    {
        get
        {
            lock (_stderr)
            {
                return string.Join('\n', _stderr);
            }
        }
    }

    /// <summary>Starts the program; <paramref name="log"/> receives each stderr line (errors it throws are ignored).</summary>
    public static PionProcess Start(string executable, IEnumerable<string> arguments, Action<string>? log)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        var process = new Process { StartInfo = info };
        PionProcess? started = null;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                started?.OnStderr(e.Data);
            }
        };
        started = new PionProcess(process, log);
        process.BeginErrorReadLine();
        process.StandardInput.NewLine = "\n";
        return started;
    }

    /// <summary>Writes one line (a command) and flushes it.</summary>
    public async Task WriteLineAsync(string line, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _process.StandardInput.WriteLineAsync(line.AsMemory(), cancellationToken);
            await _process.StandardInput.FlushAsync(cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Reads the next stdout line; null when the program closed stdout (it exited).</summary>
    public ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) =>
        _process.StandardOutput.ReadLineAsync(cancellationToken);

    /// <summary>
    /// Describes the program's end for an exception message: exit code and stderr tail. Call it before
    /// disposal (the reader of stdout does, when stdout ends).
    /// </summary>
    public async Task<string> DescribeExitAsync()
    {
        using var wait = new CancellationTokenSource(ExitGrace);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            return $"pion peer (pid {Id}) closed its stdout but is still running; stderr:\n{StderrTail}";
        }
        return Volatile.Read(ref _stopped) != 0
            ? $"pion peer (pid {Id}) was stopped"
            : $"pion peer (pid {Id}) exited with code {_process.ExitCode}; stderr:\n{StderrTail}";
    }

    /// <summary>
    /// Ends the program: closes its stdin (it closes its PeerConnection and exits) and waits for it; kills it,
    /// this process only, if it has not exited after <see cref="ExitGrace"/>.
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0 || _process.HasExited)
        {
            return;
        }
        try
        {
            _process.StandardInput.Close();
        }
        catch (Exception e) when (e is System.IO.IOException or ObjectDisposedException)
        {
        }
        using var wait = new CancellationTokenSource(ExitGrace);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(); // this process only, by its handle: never its tree or anything found by name
            await _process.WaitForExitAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        try
        {
            await StopAsync();
        }
        finally
        {
            _process.Dispose();
            _writeLock.Dispose();
        }
    }

    private void OnStderr(string line)
    {
        lock (_stderr)
        {
            _stderr.Enqueue(line);
            while (_stderr.Count > StderrLinesKept)
            {
                _stderr.Dequeue();
            }
        }
        try
        {
            _log?.Invoke(line);
        }
        catch (InvalidOperationException)
        {
            // xunit's ITestOutputHelper refuses lines after its test finished.
        }
    }
}
