using System;
using System.Globalization;
using System.IO;

namespace ScheduleDsl.Preview;

/// <summary><c>schedule-preview &lt;assembly.dll&gt; &lt;type&gt; [--steps n] [--out dir]</c>, or <c>--text "…"</c> for a schedule in its text form.</summary>
public static class Program
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: schedule-preview <assembly.dll> <schedule type> [--steps <n>] [--out <dir>]
               schedule-preview --text "<schedule text>" [--steps <n>] [--out <dir>]

          <assembly.dll>    your compiled project (for example bin/Debug/net10.0/MyApp.dll)
          <schedule type>   the schedule's full type name, or its simple name if unique
          --text            a schedule in its text form, e.g. "[LearningRate(0.1)] [Cosine(100)]", built at run time
                            with the analyzer's checks and the compiled schedule's numbers
          --steps           steps in the PNG and CSV (default: the schedule's TotalSteps + 1, or 1000 if it has none)
          --out             where <type>.png and <type>.csv go, schedule.png and schedule.csv for --text (default:
                            the current folder)
        """;

    /// <summary>Prints the schedule's description and writes the PNG and the CSV.</summary>
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
        string? assembly = null, type = null, text = null, outDir = null;
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
                case "--text" when value is not null && text is null:
                    text = value;
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

        if (text is null ? assembly is null || type is null : assembly is not null)
        {
            error.WriteLine(Usage);
            return 2;
        }

        IScheduleFunction schedule;
        try
        {
            schedule = text is null ? ScheduleSource.FromCompiledType(assembly!, type!) : ScheduleSource.FromText(text);
        }
        catch (Exception e) when (e is ArgumentException or IOException or BadImageFormatException or FormatException or NotSupportedException)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }

        ScheduleDescription description = ScheduleDescription.Of(schedule);
        long n = (steps, schedule.TotalSteps) switch
        {
            ({ } given, { } total) when description.ThrowsPastEnd => Math.Min(given, total),
            ({ } given, _) => given,
            (null, { } total) => description.ThrowsPastEnd ? total : total + 1,
            (null, null) => 1000,
        };
        string name = schedule.ToString() ?? "schedule";
        output.WriteLine($"{name}: PNG and CSV of steps 0–{n - 1}");
        output.Write(description.ToString());
        ((double Rate, long Step) highest, (double Rate, long Step) lowest) = description.ExtremesBelow(n);
        output.WriteLine(FormattableString.Invariant(
            $"Every step 0–{n - 1}: highest {highest.Rate:G6} at step {highest.Step}, lowest {lowest.Rate:G6} at step {lowest.Step}."));
        string dir = outDir ?? ".";
        Directory.CreateDirectory(dir);
        string file = text is null ? name : "schedule";   // schedule text may hold characters a file name may not
        string png = Path.Combine(dir, file + ".png"), csv = Path.Combine(dir, file + ".csv");
        SchedulePng.Write(schedule, n, $"{name} (peak {schedule.PeakLearningRate.ToString("G4", CultureInfo.InvariantCulture)})", png);
        using (var writer = new StreamWriter(csv))
        {
            description.WriteCsv(writer, endStep: n);
        }

        output.WriteLine($"wrote {png}");
        output.WriteLine($"wrote {csv}");
        return 0;
    }
}
