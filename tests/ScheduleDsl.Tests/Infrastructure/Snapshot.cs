using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace ScheduleDsl.Tests.Infrastructure;

/// <summary>
/// A small Verify-style snapshot check: the text is compared with <c>Snapshots/&lt;name&gt;.verified.cs</c> beside
/// the tests. A mismatch writes <c>&lt;name&gt;.received.cs</c> and fails; with SCHEDULEDSL_ACCEPT_SNAPSHOTS=1 the
/// verified file is overwritten instead (read it before committing).
/// </summary>
public static partial class Snapshot
{
    public const string AcceptVariable = "SCHEDULEDSL_ACCEPT_SNAPSHOTS";

    private static readonly string ProjectDirectory = typeof(Snapshot).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ProjectDir").Value!;

    public static string Directory => Path.Combine(ProjectDirectory, "Generator", "Snapshots");

    public static void Verify(string name, string text)
    {
        string normalized = Scrub(text.Replace("\r\n", "\n", StringComparison.Ordinal));
        string verified = Path.Combine(Directory, name + ".verified.cs");
        string received = Path.Combine(Directory, name + ".received.cs");
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            System.IO.Directory.CreateDirectory(Directory);
            File.WriteAllText(verified, normalized);
            File.Delete(received);
            return;
        }

        string? expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (expected == normalized)
        {
            File.Delete(received);
            return;
        }

        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(received, normalized);
        Assert.Fail(expected is null
            ? $"No snapshot yet: read {received}, then accept it with {AcceptVariable}=1."
            : $"Snapshot mismatch: diff {received} {verified}");
    }

    /// <summary>Replaces the generator version so that a release does not rewrite every snapshot.</summary>
    private static string Scrub(string text) => VersionPattern().Replace(text, "GeneratedCode(\"ScheduleDsl.Generator\", \"VERSION\")");

    [GeneratedRegex("GeneratedCode\\(\"ScheduleDsl\\.Generator\", \"[^\"]*\"\\)")]
    private static partial Regex VersionPattern();
}
