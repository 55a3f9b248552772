using System;
using ScheduleDsl;
using ScheduleDsl.Samples;

Print<GptSchedule>("GptSchedule: [Warmup(500)] [Cosine(10_000, Final = 3e-5)]", [0, 250, 499, 500, 5_500, 10_499, 10_500, 20_000]);
Print<ResNetSchedule>("ResNetSchedule: [MultiStep(0.1, 30, 60, 80)]", [0, 29, 30, 59, 60, 80, 1_000]);
Print<PlateauThenDecay>("PlateauThenDecay: [Warmup(100)] [Constant(800)] [Polynomial(100, Power = 2)]", [0, 99, 100, 899, 900, 950, 999, 1_000]);
Print<PeriodicCosine>("PeriodicCosine: [Cosine(40, End = EndBehavior.Periodic)]", [0, 20, 40, 60, 80, 1_000_000_000_000]);

Console.WriteLine("Training loop: AdamW<FitSchedule> fits y = 3x - 1 ([Warmup(30)] [Cosine(270, Final = 1e-3)])");
TrainingLoop.Run();

static void Print<TSchedule>(string title, long[] steps)
    where TSchedule : ISchedule
{
    Console.WriteLine(title);
    Console.WriteLine($"  peak {TSchedule.PeakLearningRate}, total steps {TSchedule.TotalSteps?.ToString() ?? "unbounded"}");
    Span<float> filled = stackalloc float[1];
    foreach (long step in steps)
    {
        TSchedule.Fill(filled, step);
        Console.WriteLine($"  step {step,15:N0}  rate {TSchedule.At(step),-24:R}  (float {filled[0]:R})");
    }

    Console.WriteLine();
}
