using System;
using System.Diagnostics.CodeAnalysis;

using ScheduleDsl.Optimizers;

namespace ScheduleDsl;

/// <summary>
/// Reduces the learning rate when a reported metric stops improving: PyTorch's <c>ReduceLROnPlateau</c>, with the
/// same arithmetic (the reference test reproduces recorded PyTorch 1.13 traces step by step).
/// </summary>
/// <remarks>
/// <para>
/// <b>Time axis.</b> <see cref="LearningRate"/> is the rate the next update uses. Metric k is reported after update k
/// (<c>optimizer.step(); scheduler.step(metric)</c> in PyTorch), so it can first change the rate of update k + 1.
/// </para>
/// <para>
/// <b>Rule.</b> A report is better when it beats <see cref="PlateauState.Best"/> by the threshold; then it becomes the
/// best and the bad count resets, otherwise the bad count grows. During a cooldown the counter drops by one and bad
/// reports are forgotten. When the bad count exceeds <see cref="PlateauOptions.Patience"/>, the rate becomes
/// max(rate·factor, min rate) if that lowers it by more than <see cref="PlateauOptions.Epsilon"/>, and the cooldown
/// starts (also when ε skipped the reduction).
/// </para>
/// <para>
/// A rule computed from a metric cannot be a closed-form <see cref="ISchedule"/>; this type holds the state instead
/// (<see cref="State"/>, <see cref="Restore(PlateauState)"/>). <see cref="Report(double)"/> allocates nothing.
/// Not thread-safe. To follow a warmup, use <see cref="ReduceOnPlateau{TWarmup}"/> (compiled) or
/// <see cref="ReduceOnPlateauAfterWarmup"/> (any schedule, a run-time one included).
/// </para>
/// </remarks>
public sealed class ReduceOnPlateau
{
    private PlateauState _state;

    /// <summary>Creates the rule with PyTorch's defaults or the given options.</summary>
    /// <param name="initialLearningRate">The rate before any reduction (the optimizer's <c>lr</c> in PyTorch).</param>
    /// <param name="options">The hyperparameters; <see langword="null"/> for PyTorch's defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialLearningRate"/> is negative, NaN or infinite.</exception>
    public ReduceOnPlateau(double initialLearningRate, PlateauOptions? options = null)
    {
        Options = options ?? new PlateauOptions();
        _state = new PlateauState(Options.Mode, initialLearningRate);
    }

    /// <summary>The hyperparameters.</summary>
    public PlateauOptions Options { get; }

    /// <summary>The learning rate the next update uses.</summary>
    public double LearningRate => _state.LearningRate;

    /// <summary>The number of metrics reported so far.</summary>
    public long StepCount => _state.StepCount;

    /// <summary>A copy of the whole progress, to save with <see cref="PlateauState.WriteTo(Span{byte})"/>.</summary>
    public PlateauState State => _state;

    /// <summary>Reports the metric measured after the latest update.</summary>
    /// <param name="metric">The monitored value (a validation loss in <see cref="PlateauMode.Min"/>); must be finite.</param>
    /// <returns>Whether this report reduced <see cref="LearningRate"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is NaN or infinite; nothing was changed.</exception>
    public bool Report(double metric)
    {
        PlateauRule.CheckMetric(metric);
        bool reduced = PlateauRule.Apply(ref _state, Options, metric);
        _state.StepCount++;
        return reduced;
    }

    /// <summary>Replaces the progress with a saved one (for example from <see cref="PlateauState.ReadFrom(ReadOnlySpan{byte})"/>).</summary>
    /// <param name="state">A state of a rule with the same options.</param>
    /// <exception cref="ArgumentException">
    /// The state cannot come from a rule with <see cref="Options"/> (bad count above the patience, cooldown above the
    /// cooldown, a best of the wrong infinity, a NaN best, a negative or non-finite rate, a negative counter); nothing was changed.
    /// </exception>
    public void Restore(PlateauState state)
    {
        string? problem = state.ProblemWith(Options);
        if (problem is not null)
        {
            throw new ArgumentException("The plateau state does not fit these options: " + problem, nameof(state));
        }

        _state = state;
    }
}

/// <summary>
/// A warmup followed by reduce-on-plateau, which PyTorch cannot compose (<c>SequentialLR</c> rejects
/// <c>ReduceLROnPlateau</c>): update k uses <c>warmup.At(k)</c> while k &lt; <c>warmup.TotalSteps</c>, and the
/// plateau-driven rate from then on. The warmup is any <see cref="IScheduleFunction"/>, for example a run-time
/// <see cref="Schedule"/>; <see cref="ReduceOnPlateau{TWarmup}"/> takes a compiled one as a type argument.
/// </summary>
/// <remarks>
/// <para>
/// <b>Time axis.</b> <see cref="StepCount"/> counts updates. After each update call <see cref="Report(double)"/> with
/// its metric, or <see cref="Advance"/> when there is none (for example a per-step warmup with an evaluation per
/// epoch). Metric k, reported after update k, can first change the rate of update k + 1.
/// </para>
/// <para>
/// <b>During the warmup</b> (reports of updates k &lt; W) metrics are checked but not fed to the rule: a rising
/// rate makes them unrepresentative, and the rule starts fresh (best ±∞, no bad reports) at the end of the warmup,
/// as timm's <c>PlateauLRScheduler</c> does. The first metric the rule sees is the one reported after update W.
/// </para>
/// <para>
/// <b>Starting rate.</b> By default the plateau phase starts from the warmup's final value <c>warmup.At(W)</c> (the
/// peak, for a <c>[Warmup]</c> schedule), so the rate is continuous; another constructor takes an explicit base rate.
/// </para>
/// </remarks>
public class ReduceOnPlateauAfterWarmup
{
    private readonly IScheduleFunction _warmup;
    private PlateauState _state;

    /// <summary>Creates the rule starting from the warmup's final value <c>warmup.At(warmup.TotalSteps)</c>.</summary>
    /// <param name="warmup">The warmup: any schedule with a finite <see cref="IScheduleFunction.TotalSteps"/>.</param>
    /// <param name="options">The hyperparameters; <see langword="null"/> for PyTorch's defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="warmup"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The warmup never ends, or rejects the step at its end (<see cref="EndBehavior.Throw"/>: pass the base rate
    /// explicitly), or its final value is negative or not finite.
    /// </exception>
    public ReduceOnPlateauAfterWarmup(IScheduleFunction warmup, PlateauOptions? options = null)
        : this(warmup ?? throw new ArgumentNullException(nameof(warmup)), warmup.ToString() ?? "warmup", nameof(warmup), null, options)
    {
    }

    /// <summary>Creates the rule with an explicit rate for the first update after the warmup.</summary>
    /// <param name="warmup">The warmup: any schedule with a finite <see cref="IScheduleFunction.TotalSteps"/>.</param>
    /// <param name="baseLearningRate">The plateau phase's rate before any reduction.</param>
    /// <param name="options">The hyperparameters; <see langword="null"/> for PyTorch's defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="warmup"/> is null.</exception>
    /// <exception cref="ArgumentException">The warmup never ends (its <see cref="IScheduleFunction.TotalSteps"/> is <see langword="null"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="baseLearningRate"/> is negative, NaN or infinite.</exception>
    public ReduceOnPlateauAfterWarmup(IScheduleFunction warmup, double baseLearningRate, PlateauOptions? options = null)
        : this(warmup ?? throw new ArgumentNullException(nameof(warmup)), warmup.ToString() ?? "warmup", nameof(warmup), baseLearningRate, options)
    {
    }

    /// <summary>The one constructor: <paramref name="name"/> and <paramref name="parameter"/> are how errors name the warmup.</summary>
    private protected ReduceOnPlateauAfterWarmup(IScheduleFunction warmup, string name, string parameter, double? baseLearningRate, PlateauOptions? options)
    {
        _warmup = warmup;
        WarmupSteps = warmup.TotalSteps ?? throw new ArgumentException(
            $"The warmup schedule {name} never ends (TotalSteps is null); a plateau phase cannot follow it.", parameter);
        Options = options ?? new PlateauOptions();
        _state = new PlateauState(Options.Mode, baseLearningRate ?? FinalValue(warmup, WarmupSteps, name, parameter));
    }

    /// <summary>The hyperparameters.</summary>
    public PlateauOptions Options { get; }

    /// <summary>W = the warmup's <c>TotalSteps</c>: updates 0 … W − 1 use the warmup.</summary>
    public long WarmupSteps { get; }

    /// <summary>The number of updates counted so far (reports and <see cref="Advance"/> calls): the index of the next update.</summary>
    public long StepCount => _state.StepCount;

    /// <summary>Whether the next update still uses the warmup.</summary>
    public bool InWarmup => _state.StepCount < WarmupSteps;

    /// <summary>The learning rate the next update (number <see cref="StepCount"/>) uses.</summary>
    public double LearningRate => _state.StepCount < WarmupSteps ? WarmupAt(_state.StepCount) : _state.LearningRate;

    /// <summary>A copy of the whole progress (its <see cref="PlateauState.StepCount"/> includes the warmup).</summary>
    public PlateauState State => _state;

    /// <summary>Counts one update and reports the metric measured after it.</summary>
    /// <param name="metric">The monitored value; must be finite. Ignored by the rule when the update was a warmup update.</param>
    /// <returns>Whether this report reduced the plateau rate.</returns>
    /// <exception cref="ArgumentException"><paramref name="metric"/> is NaN or infinite; nothing was changed.</exception>
    public bool Report(double metric)
    {
        PlateauRule.CheckMetric(metric);
        bool reduced = _state.StepCount >= WarmupSteps && PlateauRule.Apply(ref _state, Options, metric);
        _state.StepCount++;
        return reduced;
    }

    /// <summary>Counts one update that has no metric; the rule is not consulted.</summary>
    public void Advance() => _state.StepCount++;

    /// <summary>Replaces the progress with a saved one.</summary>
    /// <param name="state">A state of a rule with the same options and warmup.</param>
    /// <exception cref="ArgumentException">As for <see cref="ReduceOnPlateau.Restore(PlateauState)"/>; nothing was changed.</exception>
    public void Restore(PlateauState state)
    {
        string? problem = state.ProblemWith(Options);
        if (problem is null && state.StepCount <= WarmupSteps && (state.ReductionCount != 0 || state.BadReportCount != 0 || state.Best != Options.InitialBest))
        {
            problem = "the rule has progressed, but the warmup has not ended.";
        }

        if (problem is not null)
        {
            throw new ArgumentException("The plateau state does not fit these options: " + problem, nameof(state));
        }

        _state = state;
    }

    /// <summary>The warmup's rate at a step before its end; <see cref="ReduceOnPlateau{TWarmup}"/> calls the compiled one directly.</summary>
    private protected virtual double WarmupAt(long step) => _warmup.At(step);

    private static double FinalValue(IScheduleFunction warmup, long end, string name, string parameter)
    {
        double value;
        try
        {
            value = warmup.At(end);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException(
                $"The warmup schedule {name} rejects step {end}, its end; pass the plateau phase's base rate explicitly.", parameter, e);
        }

        return value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentException($"The warmup schedule {name} ends at {value}, which is not a usable rate.", parameter);
    }
}

/// <summary>
/// A compiled warmup followed by reduce-on-plateau: <see cref="ReduceOnPlateauAfterWarmup"/> with the warmup
/// <typeparamref name="TWarmup"/>, whose <c>At</c> is called directly.
/// </summary>
/// <typeparam name="TWarmup">The warmup: any schedule with a finite <see cref="ISchedule.TotalSteps"/>, e.g. a generated
/// <c>[LearningRate(0.1)][Warmup(500)] partial struct</c>.</typeparam>
public sealed class ReduceOnPlateau<[DynamicallyAccessedMembers(CoScheduleMembers.Required)] TWarmup> : ReduceOnPlateauAfterWarmup
    where TWarmup : ISchedule
{
    /// <summary>Creates the rule starting from the warmup's final value <c>TWarmup.At(TWarmup.TotalSteps)</c>.</summary>
    /// <param name="options">The hyperparameters; <see langword="null"/> for PyTorch's defaults.</param>
    /// <exception cref="ArgumentException">
    /// <typeparamref name="TWarmup"/> never ends, or rejects the step at its end (<see cref="EndBehavior.Throw"/>: pass
    /// the base rate explicitly), or its final value is negative or not finite.
    /// </exception>
    public ReduceOnPlateau(PlateauOptions? options = null)
        : base(new CompiledSchedule<TWarmup>(), typeof(TWarmup).Name, nameof(TWarmup), null, options)
    {
    }

    /// <summary>Creates the rule with an explicit rate for the first update after the warmup.</summary>
    /// <param name="baseLearningRate">The plateau phase's rate before any reduction.</param>
    /// <param name="options">The hyperparameters; <see langword="null"/> for PyTorch's defaults.</param>
    /// <exception cref="ArgumentException"><typeparamref name="TWarmup"/> never ends (its <see cref="ISchedule.TotalSteps"/> is <see langword="null"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="baseLearningRate"/> is negative, NaN or infinite.</exception>
    public ReduceOnPlateau(double baseLearningRate, PlateauOptions? options = null)
        : base(new CompiledSchedule<TWarmup>(), typeof(TWarmup).Name, nameof(TWarmup), baseLearningRate, options)
    {
    }

    private protected override double WarmupAt(long step) => TWarmup.At(step);
}
