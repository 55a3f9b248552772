using System;

using ScheduleDsl.Text;

namespace ScheduleDsl;

/// <summary>
/// The schedules of Hugging Face <c>transformers.optimization</c> (<c>get_*_schedule*</c>, the names of
/// <c>get_scheduler</c>), as schedule text built from the same attributes. Every Hugging Face schedule multiplies the
/// optimizer's initial rate, here <c>peak</c>; its step is PyTorch's (update 0 uses the rate of step 0).
/// </summary>
/// <remarks>
/// Hugging Face's warmup is <c>step / max(1, num_warmup_steps)</c>, so the first update gets a rate of exactly 0; it
/// is written <c>[Warmup(W, StartFactor = 0)]</c> (the library's own default starts at peak/(W + 1)). A warmup of 0
/// steps is no warmup phase. Each method's remarks say where the text differs from Hugging Face past
/// <c>num_training_steps</c>, which a training run does not reach. The lengths are checked here only as far as the
/// shape needs; the rest (a warmup longer than the run, …) is checked with the analyzer's messages when the text is
/// built into a schedule.
/// </remarks>
public static class HuggingFaceSchedules
{
    /// <summary><c>get_constant_schedule</c>: the peak at every step.</summary>
    /// <param name="peak">The optimizer's initial rate.</param>
    /// <returns><c>[LearningRate(peak)]</c>.</returns>
    public static ScheduleText Constant(double peak) => new ScheduleBuilder(peak).ToText();

    /// <summary><c>get_constant_schedule_with_warmup(num_warmup_steps)</c>: peak·s/W for s &lt; W, then the peak.</summary>
    /// <param name="peak">The optimizer's initial rate.</param>
    /// <param name="warmupSteps">Hugging Face <c>num_warmup_steps</c>, non-negative.</param>
    /// <returns><c>[LearningRate(peak)] [Warmup(W, StartFactor = 0.0)]</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="warmupSteps"/> is negative.</exception>
    public static ScheduleText ConstantWithWarmup(double peak, long warmupSteps) => Warmup(peak, warmupSteps).ToText();

    /// <summary>
    /// <c>get_linear_schedule_with_warmup(num_warmup_steps, num_training_steps)</c>: the warmup, then
    /// peak·max(0, (N − s)/(N − W)), reaching 0 at <c>num_training_steps</c> and holding it.
    /// </summary>
    /// <param name="peak">The optimizer's initial rate.</param>
    /// <param name="warmupSteps">Hugging Face <c>num_warmup_steps</c> W, non-negative.</param>
    /// <param name="trainingSteps">Hugging Face <c>num_training_steps</c> N, more than W.</param>
    /// <returns><c>[LearningRate(peak)] [Warmup(W, StartFactor = 0.0)] [Linear(N − W, 1.0, 0.0)]</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">W is negative or N is not more than W.</exception>
    public static ScheduleText LinearWithWarmup(double peak, long warmupSteps, long trainingSteps)
        => Warmup(peak, warmupSteps).Then(new LinearAttribute(DecaySteps(warmupSteps, trainingSteps), 1.0, 0.0)).ToText();

    /// <summary>
    /// <c>get_cosine_schedule_with_warmup(num_warmup_steps, num_training_steps, num_cycles=0.5)</c>: the warmup, then
    /// peak·½(1 + cos(2π·num_cycles·p)) with p = (s − W)/(N − W).
    /// </summary>
    /// <remarks>
    /// A periodic cosine of half-period (N − W)/(2·num_cycles), which must be a whole number of steps. Like Hugging
    /// Face's, whose progress is not clamped, it rises again past <c>num_training_steps</c> (<c>End = EndBehavior.Periodic</c>),
    /// so the schedule has no <see cref="IScheduleFunction.TotalSteps"/>.
    /// </remarks>
    /// <param name="peak">The optimizer's initial rate.</param>
    /// <param name="warmupSteps">Hugging Face <c>num_warmup_steps</c> W, non-negative.</param>
    /// <param name="trainingSteps">Hugging Face <c>num_training_steps</c> N, more than W.</param>
    /// <param name="cycles">Hugging Face <c>num_cycles</c>: 0.5 (the default) decays once to 0.</param>
    /// <returns><c>[LearningRate(peak)] [Warmup(W, StartFactor = 0.0)] [Cosine(T, End = EndBehavior.Periodic)]</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">W is negative, N is not more than W, or the half-period is not a whole positive number of steps.</exception>
    public static ScheduleText CosineWithWarmup(double peak, long warmupSteps, long trainingSteps, double cycles = 0.5)
    {
        long decay = DecaySteps(warmupSteps, trainingSteps);
        double halfPeriod = decay / (2 * cycles);
        if (!(halfPeriod >= 1 && halfPeriod == Math.Floor(halfPeriod) && halfPeriod <= 1L << 53))
        {
            throw new ArgumentOutOfRangeException(nameof(cycles), cycles, $"The cosine's half-period (N − W)/(2·cycles) = {halfPeriod} must be a whole number of steps.");
        }

        return Warmup(peak, warmupSteps).Then(new CosineAttribute((long)halfPeriod) { End = EndBehavior.Periodic }).ToText();
    }

    /// <summary>
    /// <c>get_cosine_with_hard_restarts_schedule_with_warmup(num_warmup_steps, num_training_steps, num_cycles=1)</c>:
    /// the warmup, then <paramref name="cycles"/> equal cosines from the peak towards 0, then 0.
    /// </summary>
    /// <param name="peak">The optimizer's initial rate.</param>
    /// <param name="warmupSteps">Hugging Face <c>num_warmup_steps</c> W, non-negative.</param>
    /// <param name="trainingSteps">Hugging Face <c>num_training_steps</c> N, more than W.</param>
    /// <param name="cycles">Hugging Face <c>num_cycles</c>, positive, dividing N − W.</param>
    /// <returns><c>[LearningRate(peak)] [Warmup(W, StartFactor = 0.0)] [CosineRestarts((N − W)/cycles, CycleLimit = cycles)]</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">W is negative, N is not more than W, or <paramref name="cycles"/> does not divide N − W.</exception>
    public static ScheduleText CosineWithHardRestartsWithWarmup(double peak, long warmupSteps, long trainingSteps, long cycles = 1)
    {
        long decay = DecaySteps(warmupSteps, trainingSteps);
        if (cycles < 1 || decay % cycles != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cycles), cycles, $"The number of cycles must be positive and divide N − W = {decay}.");
        }

        return Warmup(peak, warmupSteps).Then(new CosineRestartsAttribute(decay / cycles) { CycleLimit = cycles }).ToText();
    }

    /// <summary>
    /// <c>get_polynomial_decay_schedule_with_warmup(num_warmup_steps, num_training_steps, lr_end=1e-7, power=1.0)</c>:
    /// the warmup, then (peak − lr_end)·(1 − (s − W)/(N − W))^power + lr_end, and lr_end from N on.
    /// </summary>
    /// <param name="peak">The optimizer's initial rate (Hugging Face's <c>lr_init</c>), more than <paramref name="final"/>.</param>
    /// <param name="warmupSteps">Hugging Face <c>num_warmup_steps</c> W, non-negative.</param>
    /// <param name="trainingSteps">Hugging Face <c>num_training_steps</c> N, more than W.</param>
    /// <param name="final">Hugging Face <c>lr_end</c>, an absolute rate.</param>
    /// <param name="power">Hugging Face <c>power</c>.</param>
    /// <returns><c>[LearningRate(peak)] [Warmup(W, StartFactor = 0.0)] [Polynomial(N − W, Power = power, Final = lr_end)]</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">W is negative or N is not more than W.</exception>
    /// <exception cref="ArgumentException"><paramref name="final"/> is not below <paramref name="peak"/> (Hugging Face raises ValueError).</exception>
    public static ScheduleText PolynomialDecayWithWarmup(double peak, long warmupSteps, long trainingSteps, double final = 1e-7, double power = 1.0)
    {
        if (!(peak > final))
        {
            throw new ArgumentException($"lr_end ({final}) must be smaller than the initial lr ({peak}).", nameof(final));
        }

        return Warmup(peak, warmupSteps).Then(new PolynomialAttribute(DecaySteps(warmupSteps, trainingSteps)) { Power = power, Final = final }).ToText();
    }

    /// <summary>
    /// <c>get_inverse_sqrt_schedule(num_warmup_steps, timescale=None)</c>: the warmup, then peak/√((s + τ − W)/τ),
    /// which is the peak at the end of the warmup; τ defaults to <c>num_warmup_steps or 10_000</c>.
    /// </summary>
    /// <param name="peak">The optimizer's initial rate.</param>
    /// <param name="warmupSteps">Hugging Face <c>num_warmup_steps</c> W, non-negative.</param>
    /// <param name="timescale">Hugging Face <c>timescale</c> τ, or null for W (10 000 when W is 0).</param>
    /// <returns><c>[LearningRate(peak)] [Warmup(W, StartFactor = 0.0)] [InverseSqrt(τ)]</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">W is negative.</exception>
    public static ScheduleText InverseSqrt(double peak, long warmupSteps, long? timescale = null)
        => Warmup(peak, warmupSteps).Then(new InverseSqrtAttribute(timescale ?? (warmupSteps != 0 ? warmupSteps : 10_000))).ToText();

    /// <summary>
    /// <c>get_wsd_schedule(num_warmup_steps, num_decay_steps, num_stable_steps, warmup_type, decay_type, min_lr_ratio)</c>:
    /// warmup from min_lr_ratio·peak to the peak, the peak for the stable phase, decay to min_lr_ratio·peak, then held.
    /// </summary>
    /// <remarks>
    /// The lengths may come from the run: <c>stable: ScheduleLength.Rest</c> is Hugging Face's
    /// <c>num_stable_steps = num_training_steps − num_warmup_steps − num_decay_steps</c>, and a warmup of
    /// <c>ScheduleLength.Fraction(r)</c> is its <c>warmup_ratio</c>. Only the default <c>num_cycles=0.5</c> of the cosine
    /// decay is expressible. As in Hugging Face, the warmup starts at min_lr_ratio, not 0.
    /// </remarks>
    /// <param name="peak">The optimizer's initial rate.</param>
    /// <param name="warmup">Hugging Face <c>num_warmup_steps</c>; 0 steps for none.</param>
    /// <param name="stable">Hugging Face <c>num_stable_steps</c>; 0 steps for none.</param>
    /// <param name="decay">Hugging Face <c>num_decay_steps</c>.</param>
    /// <param name="warmupShape">Hugging Face <c>warmup_type</c>: linear (the default), cosine or 1-sqrt.</param>
    /// <param name="decayShape">Hugging Face <c>decay_type</c>: cosine (the default), linear or 1-sqrt.</param>
    /// <param name="minLrRatio">Hugging Face <c>min_lr_ratio</c>, in [0, 1].</param>
    /// <returns><c>[LearningRate(peak)] [Warmup(W, StartFactor = m, Shape = …)] [Constant(S)] [Decay(D, Shape = …, Final = m·peak)]</c>.</returns>
    public static ScheduleText WarmupStableDecay(
        double peak,
        ScheduleLength warmup,
        ScheduleLength stable,
        ScheduleLength decay,
        CurveShape warmupShape = CurveShape.Linear,
        CurveShape decayShape = CurveShape.Cosine,
        double minLrRatio = 0.0)
    {
        var builder = new ScheduleBuilder(peak);
        if (warmup != ScheduleLength.Steps(0))
        {
            // The placeholder length is replaced; it is chosen so that min_lr_ratio is not the start factor's default
            // for it, 1/(placeholder + 1), which the builder would leave to the bound length.
            long placeholder = minLrRatio == 0.5 ? 2 : 1;
            builder = builder.Then(new WarmupAttribute(placeholder) { StartFactor = minLrRatio, Shape = warmupShape }, warmup);
        }

        if (stable != ScheduleLength.Steps(0))
        {
            builder = builder.Then(new ConstantAttribute(1), stable);
        }

        return builder.Then(new DecayAttribute(1) { Shape = decayShape, Final = minLrRatio * peak }, decay).ToText();
    }

    /// <summary>The schedule's start and Hugging Face's warmup, <c>step / max(1, W)</c>: none for W = 0.</summary>
    private static ScheduleBuilder Warmup(double peak, long warmupSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        var builder = new ScheduleBuilder(peak);
        return warmupSteps == 0 ? builder : builder.Then(new WarmupAttribute(warmupSteps) { StartFactor = 0 });
    }

    private static long DecaySteps(long warmupSteps, long trainingSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(trainingSteps, warmupSteps);
        return trainingSteps - warmupSteps;
    }
}
