using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using ScheduleDsl.Text;
using Spectre.Console;

namespace ScheduleDsl.Training;

/// <summary>The command line: training comparison (default) and <c>gallery</c>.</summary>
public static class TrainingApp
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: ScheduleDsl.Training [--out <dir>] [--seed <n>] [--seeds <n>]
               ScheduleDsl.Training compare [--mnist <dir>] [--out <dir>] [--seed <n>] [--epochs <n>] [--schedule "<text>" | <Name>]...
               ScheduleDsl.Training gallery [--out <dir>]

          (default)   the experiments: a range test picks the peak, then a large constant rate against warmup and
                      one-cycle, decay against a held rate, scikit-learn's schedules on a linear model; each over
                      --seeds seeds (default 10) from --seed (default 1); writes range-test.png, lr.png, loss.png,
                      lr-linear.png, loss-linear.png and runs/*.csv to --out (default ./training-output)
          compare     train a 64-64-10 MLP on the embedded digits (or MNIST) once per schedule, print a table
                      and write lr.png and loss.png to --out (default ./training-output)
          gallery     write one PNG per schedule kind to --out (default docs/images)
          --mnist     (compare) a directory with train-images-idx3-ubyte, train-labels-idx1-ubyte,
                      t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (each optionally .gz); use -c Release
          --seed      weights, split and batch order (default 1); the same seed gives the same numbers
          --epochs    (compare) the run's length, 1 to 1000 epochs (default 30): every schedule is bound to it, so
                      lengths in epochs, "%" and "rest" follow it; the built-in schedules give theirs as fractions
          --schedule  (compare, repeatable) train this schedule instead of the built-in ones: its text form, e.g.
                      "[LearningRate(0.2)] [Warmup(\"3 epochs\")] [Cosine(\"rest\", Final = 0.002)]", or the name of
                      a schedule compiled into the sample, e.g. CosineRate (an unknown name lists them); an epoch is
                      45 updates
        """;

    /// <summary>Runs a command.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where plain text goes.</param>
    /// <param name="interactive">Force progress bars on or off; <see langword="null"/> to ask the console.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, TextWriter output, bool? interactive)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        bool gallery = args.Length > 0 && args[0] == "gallery";
        bool compare = args.Length > 0 && args[0] == "compare";
        int seeds = Experiments.DefaultSeeds;
        string? outDir = null, mnist = null;
        ulong seed = 1;
        int epochs = RunLength.Epochs;
        var texts = new List<string>();
        for (int i = gallery || compare ? 1 : 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--out" when value is not null: outDir = value; i++; break;
                case "--mnist" when value is not null && !gallery: mnist = value; i++; break;
                case "--seed" when value is not null && !gallery && ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out seed): i++; break;
                case "--epochs" when value is not null && !gallery && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out epochs)
                                                     && epochs >= 1 && epochs <= MaxEpochs: i++; break;
                case "--schedule" when value is not null && !gallery: texts.Add(value); i++; break;
                case "--seeds" when value is not null && !gallery && !compare && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out seeds)
                                                    && seeds >= 1 && seeds <= 20: i++; break;
                case "-h" or "--help": output.WriteLine(Usage); return 0;
                default:
                    output.WriteLine($"error: unexpected or invalid argument '{args[i]}'{(value is null ? string.Empty : $" '{value}'")}");
                    output.WriteLine(Usage);
                    return 2;
            }
        }

        // Text starts with '[' (the first attribute); anything else is the name of a compiled schedule.
        var schedules = new List<(string? Name, IScheduleFunction Schedule)>();
        foreach (string text in texts)
        {
            if (text.TrimStart().StartsWith('['))
            {
                if (!Schedule.TryParse(text, Trainer.RunFor(epochs), out Schedule? schedule, out ScheduleFormatException? error))
                {
                    output.WriteLine($"error: --schedule \"{text}\": {error.Message}");
                    return 1;
                }

                schedules.Add((null, schedule));
                continue;
            }

            try
            {
                schedules.Add((text, CompiledSchedules.Get(text, Trainer.RunFor(epochs))));
            }
            catch (Exception e) when (e is KeyNotFoundException or ScheduleFormatException)
            {
                output.WriteLine($"error: --schedule {text}: {e.Message}");
                return 1;
            }
        }

        bool live = interactive ?? (AnsiConsole.Profile.Capabilities.Interactive && ReferenceEquals(output, Console.Out));
        IAnsiConsole console = ReferenceEquals(output, Console.Out)
            ? AnsiConsole.Console
            : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, ColorSystem = ColorSystemSupport.NoColors });

        if (gallery)
        {
            string dir = outDir ?? Path.Combine("docs", "images");
            foreach (string path in Gallery.Write(dir))
            {
                output.WriteLine(path);
            }

            return 0;
        }

        if (compare || mnist is not null || schedules.Count > 0)
        {
            return Train(output, console, live, outDir ?? "training-output", mnist, new TrainingOptions { Seed = seed, Epochs = epochs }, schedules);
        }

        return ExperimentApp.Run(output, outDir ?? "training-output", seed, seeds);
    }

    /// <summary>Loads the data and splits it: digits 80/20 stratified by the seed, or MNIST's own train and test sets.</summary>
    /// <param name="mnist">The MNIST directory, or <see langword="null"/> for the embedded digits.</param>
    /// <param name="seed">The split seed.</param>
    /// <returns>The sets and a description.</returns>
    public static (Dataset Train, Dataset Test, string Name) LoadData(string? mnist, ulong seed)
    {
        if (mnist is not null)
        {
            return (Idx.LoadSet(mnist, "train"), Idx.LoadSet(mnist, "t10k"), "MNIST");
        }

        (Dataset train, Dataset test) = DigitsCsv.Load().StratifiedSplit(0.2, seed);
        return (train, test, "UCI digits 8×8");
    }

    /// <summary>The longest run <c>--epochs</c> may ask for.</summary>
    private const int MaxEpochs = 1000;

    /// <summary>Trains once per schedule (the built-in ones, or those given with <c>--schedule</c>) and reports.</summary>
    private static int Train(TextWriter output, IAnsiConsole console, bool live, string outDir, string? mnist, TrainingOptions options, List<(string? Name, IScheduleFunction Schedule)> schedules)
    {
        (Dataset train, Dataset test, string name) = LoadData(mnist, options.Seed);
        output.WriteLine($"{name}: {train.Count} training and {test.Count} test images, {train.FeatureCount} features; "
            + $"MLP {train.FeatureCount}-{options.Hidden}-{train.ClassCount}, SGD momentum {options.Momentum}, batch {RunLength.BatchSize}, "
            + $"{options.Epochs} epochs × {RunLength.StepsPerEpoch} steps, seed {options.Seed}");
        var stopwatch = Stopwatch.StartNew();
        var results = new List<RunResult>();
        // The built-in kinds, or each --schedule (labelled #1, #2, … in progress lines, by its text in the table).
        var runs = new List<(string Name, Func<Action<int, double, double>, RunResult> Run)>();
        if (schedules.Count == 0)
        {
            foreach (ScheduleKind kind in Enum.GetValues<ScheduleKind>())
            {
                if (kind is not (ScheduleKind.Text or ScheduleKind.Named))
                {
                    runs.Add((kind.ToString(), done => Trainer.Train(kind, train, test, options, done)));
                }
            }
        }
        else
        {
            for (int i = 0; i < schedules.Count; i++)
            {
                (string? scheduleName, IScheduleFunction function) = schedules[i];
                string number = "#" + (i + 1).ToString(CultureInfo.InvariantCulture);
                if (function is Schedule schedule)
                {
                    output.WriteLine(FormattableString.Invariant($"{number}: {schedule.Text} (bound: {schedule})"));
                    runs.Add((number, done => Trainer.Train(schedule, train, test, options, done)));
                }
                else
                {
                    output.WriteLine(FormattableString.Invariant($"{number}: {scheduleName} (compiled{(function.TotalSteps is { } total ? $", {total} steps" : string.Empty)})"));
                    runs.Add((number, done => Trainer.Train(scheduleName!, function, train, test, options, done)));
                }
            }
        }

        if (live)
        {
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    foreach ((string runName, Func<Action<int, double, double>, RunResult> run) in runs)
                    {
                        ProgressTask task = ctx.AddTask(runName, maxValue: options.Epochs);
                        results.Add(run((epoch, loss, rate) =>
                        {
                            task.Description = $"{runName,-16} loss {loss:0.0000}";
                            task.Value = epoch;
                        }));
                    }
                });
        }
        else
        {
            foreach ((string runName, Func<Action<int, double, double>, RunResult> run) in runs)
            {
                results.Add(run((epoch, loss, rate) =>
                {
                    if (epoch % 10 == 0 || epoch == options.Epochs)
                    {
                        output.WriteLine(FormattableString.Invariant($"{runName,-16} epoch {epoch,2}/{options.Epochs}  lr {rate:0.000000}  train loss {loss:0.0000}"));
                    }
                }));
            }
        }

        double seconds = stopwatch.Elapsed.TotalSeconds;
        var table = new Table().Title($"{name}, seed {options.Seed}: final metrics after {options.Epochs} epochs");
        table.AddColumn("schedule").AddColumn(new TableColumn("train loss").RightAligned())
            .AddColumn(new TableColumn("test loss").RightAligned()).AddColumn(new TableColumn("test accuracy").RightAligned());
        foreach (RunResult r in results)
        {
            string label = r.Kind == ScheduleKind.ReduceOnPlateau ? $"{r.Kind} ({r.Reductions} reductions)" : r.Name;
            table.AddRow(Markup.Escape(label), r.TrainLoss.ToString("0.0000", CultureInfo.InvariantCulture),
                r.TestLoss.ToString("0.0000", CultureInfo.InvariantCulture), r.TestAccuracy.ToString("0.00%", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        output.WriteLine(FormattableString.Invariant($"training took {seconds:0.0} s"));
        Directory.CreateDirectory(outDir);
        foreach (string path in Plots.WriteTrainingPlots(results, outDir, name))
        {
            output.WriteLine($"wrote {Path.GetFullPath(path)}");
        }

        return 0;
    }
}
