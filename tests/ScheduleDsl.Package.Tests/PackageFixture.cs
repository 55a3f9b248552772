using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace ScheduleDsl.Package.Tests;

/// <summary>
/// Packs src/ScheduleDsl once, with a version no cache has seen, into a feed in a fresh temporary folder that
/// also holds the consumers' nuget.config and their own package cache. Deleted when the tests are done.
/// </summary>
public sealed class PackageFixture : IDisposable
{
    /// <summary>The package source every machine of this project uses by default (see ~/.nuget/NuGet/NuGet.Config).</summary>
    public const string NuGetOrg = "https://api.nuget.org/v3/index.json";

    public static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);

    public PackageFixture()
    {
        RepositoryRoot = FindRepositoryRoot();
        Version = $"0.1.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.r{Guid.NewGuid():N}"[..40];
        Root = Path.Combine(Path.GetTempPath(), "scheduledsl-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Feed = Path.Combine(Root, "feed");
        Packages = Path.Combine(Root, "packages");
        Directory.CreateDirectory(Feed);
        Directory.CreateDirectory(Packages);

        // Stop MSBuild's upward search for Directory.Build.* here, so that nothing around the temp folder applies.
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="e2e-feed" value="{Feed}" />
                <add key="nuget.org" value="{NuGetOrg}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="e2e-feed">
                  <package pattern="ScheduleDsl" />
                  <package pattern="ScheduleDsl.Preview" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """);

        // Release, so that the pack never shares bin/ or obj/ output with the Debug build that `dotnet test` runs.
        string project = Path.Combine(RepositoryRoot, "src", "ScheduleDsl", "ScheduleDsl.csproj");
        PackResult = DotNetCli.Run(RepositoryRoot, PackTimeout, null,
            "pack", project, "-c", "Release", "-o", Feed, $"-p:Version={Version}", "-nodeReuse:false");
        PackagePath = Path.Combine(Feed, $"ScheduleDsl.{Version}.nupkg");
        if (PackResult.ExitCode != 0 || !File.Exists(PackagePath))
        {
            string result = PackResult.ToString();
            Dispose();
            throw new InvalidOperationException($"dotnet pack failed or wrote no {Path.GetFileName(PackagePath)}:\n{result}");
        }
    }

    public string RepositoryRoot { get; }

    public string Version { get; }

    /// <summary>The temporary folder: feed/, packages/ (the consumers' NUGET_PACKAGES), nuget.config, the consumers.</summary>
    public string Root { get; }

    public string Feed { get; }

    public string Packages { get; }

    public string PackagePath { get; }

    public CommandResult PackResult { get; }

    /// <summary>Environment for consumer commands: a package cache of their own, so no user cache ever holds an e2e version.</summary>
    public IReadOnlyDictionary<string, string> ConsumerEnvironment => new Dictionary<string, string>
    {
        ["NUGET_PACKAGES"] = Packages,
    };

    /// <summary>A new folder under <see cref="Root"/> for one consumer project.</summary>
    public string NewProjectDirectory(string name)
    {
        string directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        return directory;
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("SCHEDULEDSL_KEEP_E2E") == "1" || !Directory.Exists(Root))
        {
            return;
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the folder is under the temp directory and uniquely named.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string FindRepositoryRoot()
    {
        string? projectDirectory = typeof(PackageFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "ProjectDir")?.Value;
        for (string? directory = projectDirectory; directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "ScheduleDsl.sln")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException($"No ScheduleDsl.sln above the test project directory '{projectDirectory}'.");
    }
}
