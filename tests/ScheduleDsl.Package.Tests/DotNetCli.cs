using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;
using System.Threading;

namespace ScheduleDsl.Package.Tests;

/// <summary>The result of one <c>dotnet</c> command: its exit code and its interleaved output.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string Output)
{
    public override string ToString() => $"$ {CommandLine}\n(exit code {ExitCode})\n{Output}";
}

/// <summary>Runs the <c>dotnet</c> CLI as a child process, with a timeout and no build servers left behind.</summary>
public static class DotNetCli
{
    public static CommandResult Run(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
        => RunProgram("dotnet", workingDirectory, timeout, environment, arguments);

    /// <summary>Runs <paramref name="program"/> (for example an installed dotnet tool) as <see cref="Run"/> runs <c>dotnet</c>.</summary>
    public static CommandResult RunProgram(string program, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Quiet, reproducible, and nothing that outlives the command: MSBuild nodes and the compiler server
        // would inherit the output pipes and keep this test waiting for them.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        // The test host's own MSBuild/VSTest variables must not leak into the child builds.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        if (environment is not null)
        {
            foreach ((string name, string value) in environment)
            {
                start.Environment[name] = value;
            }
        }

        string commandLine = program + " " + string.Join(' ', arguments);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        // Each stream reports null once it reaches end of file; only then is all output in.
        using var outputClosed = new ManualResetEventSlim();
        using var errorClosed = new ManualResetEventSlim();
        process.OutputDataReceived += (_, e) => Receive(output, e.Data, outputClosed);
        process.ErrorDataReceived += (_, e) => Receive(output, e.Data, errorClosed);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0} s in {workingDirectory}:\n$ {commandLine}\n{Snapshot(output)}");
        }

        // The process has exited. WaitForExit with a timeout does not wait for the asynchronous readers, so wait
        // for both streams to close (bounded: a leftover grandchild could hold a pipe open).
        outputClosed.Wait(TimeSpan.FromSeconds(30));
        errorClosed.Wait(TimeSpan.FromSeconds(30));
        return new CommandResult(commandLine, process.ExitCode, Snapshot(output));
    }

    private static void Receive(StringBuilder output, string? line, ManualResetEventSlim closed)
    {
        if (line is null)
        {
            closed.Set();
            return;
        }

        Append(output, line);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
