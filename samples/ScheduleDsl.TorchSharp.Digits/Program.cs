using System;
using System.Diagnostics;
using System.Globalization;

using ScheduleDsl.TorchSharp.Digits;

// dotnet run --project samples/ScheduleDsl.TorchSharp.Digits [-- --steps N]
int steps = DigitsRun.TotalSteps;
if (args.Length == 2 && args[0] == "--steps")
{
    steps = int.Parse(args[1], CultureInfo.InvariantCulture);
}
else if (args.Length != 0)
{
    Console.Error.WriteLine("usage: ScheduleDsl.TorchSharp.Digits [--steps N]");
    return 2;
}

if (steps < 1 || steps > DigitsRun.TotalSteps)
{
    Console.Error.WriteLine($"--steps must lie in 1..{DigitsRun.TotalSteps}.");
    return 2;
}

var training = new DigitsTraining();
Console.WriteLine($"UCI digits 8×8: {training.TrainCount} training and {training.TestCount} test images; MLP 64-64-10; "
    + $"{steps} updates of batch {DigitsRun.BatchSize}; DigitsSchedule = [OneCycle({DigitsRun.TotalSteps})] to lr 0.01 with β₁ 0.95 → 0.85 → 0.95");
Report("TorchSharp AdamW + ScheduleLR", () => training.TrainWithTorchSharpAdamW(steps));
Report("ScheduleDsl AdamW<DigitsSchedule> on the tensors", () => training.TrainWithScheduleDslAdamW(steps));
return 0;

static void Report(string name, Func<RunResult> run)
{
    var stopwatch = Stopwatch.StartNew();
    RunResult result = run();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-50} train loss {result.TrainLoss:F4}  test accuracy {result.TestAccuracy:P2}  next lr {result.NextLearningRate:G4}  next β₁ {result.NextBeta1:F4}  ({stopwatch.Elapsed.TotalSeconds:F1} s)"));
}
