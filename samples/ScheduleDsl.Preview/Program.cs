using System;
using System.Globalization;
using System.IO;

namespace ScheduleDsl.Preview;

/// <summary><c>schedule-preview &lt;assembly.dll&gt; &lt;type&gt; [--steps n] [--out dir]</c>.</summary>
public static class Program
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: schedule-preview <assembly.dll> <schedule type> [--steps <n>] [--out <dir>]

          <assembly.dll>    your compiled project (for example bin/Debug/net10.0/MyApp.dll)
          <schedule type>   the schedule's full type name, or its simple name if unique
          --steps           steps to show (default: the schedule's TotalSteps, or 1000 if it has none)
          --out             where <type>.png and <type>.csv go (default: the current folder)
        """;

    /// <summary>Prints the landmarks and a sparkline, and writes the PNG and the CSV.</summary>
    /// <param name="args">The command line.</param>
    /// <returns>0 on success, 1 on an error, 2 on a usage error.</returns>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs the tool.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string? assembly = null, type = null, outDir = null;
        long? steps = null;
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--steps" when value is not null && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long parsed) && parsed >= 1:
                    steps = parsed;
                    i++;
                    break;
                case "--out" when value is not null:
                    outDir = value;
                    i++;
                    break;
                case "-h" or "--help":
                    output.WriteLine(Usage);
                    return 0;
                case string a when !a.StartsWith('-') && assembly is null:
                    assembly = a;
                    break;
                case string a when !a.StartsWith('-') && type is null:
                    type = a;
                    break;
                default:
                    error.WriteLine($"error: unexpected or invalid argument '{args[i]}'");
                    error.WriteLine(Usage);
                    return 2;
            }
        }

        if (assembly is null || type is null)
        {
            error.WriteLine(Usage);
            return 2;
        }

        IScheduleFunction schedule;
        try
        {
            schedule = ScheduleSource.FromCompiledType(assembly, type);
        }
        catch (Exception e) when (e is ArgumentException or IOException or BadImageFormatException)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }

        long n = steps ?? (schedule.TotalSteps is long total ? total + 1 : 1000);
        output.WriteLine(FormattableString.Invariant(
            $"{schedule}: peak {schedule.PeakLearningRate:G6}, {(schedule.TotalSteps is long t ? $"changes until step {t}" : "no last change (unbounded or periodic)")}, showing steps 0–{n - 1}"));
        foreach (Landmark l in SchedulePreview.Landmarks(schedule, n))
        {
            output.WriteLine(FormattableString.Invariant($"  {l.Name,-8} step {l.Step,8}  rate {l.Rate:G6}"));
        }

        output.WriteLine("  " + SchedulePreview.Sparkline(schedule, n));
        string dir = outDir ?? ".";
        Directory.CreateDirectory(dir);
        string name = schedule.ToString() ?? "schedule";
        string png = Path.Combine(dir, name + ".png"), csv = Path.Combine(dir, name + ".csv");
        SchedulePreview.WritePng(schedule, n, $"{name} (peak {schedule.PeakLearningRate.ToString("G4", CultureInfo.InvariantCulture)})", png);
        SchedulePreview.WriteCsv(schedule, n, csv);
        output.WriteLine($"wrote {png}");
        output.WriteLine($"wrote {csv}");
        return 0;
    }
}
