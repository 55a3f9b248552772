using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

using static TorchSharp.torch.optim;
using static TorchSharp.torch.optim.lr_scheduler;

using TorchOptimizer = TorchSharp.torch.optim.Optimizer;

namespace ScheduleDsl.TorchSharp;

/// <summary>
/// ScheduleDsl's <see cref="ReduceOnPlateau"/> (PyTorch's <c>ReduceLROnPlateau</c> arithmetic) as a TorchSharp
/// scheduler: <c>scheduler.step(metric)</c> after each evaluation sets the rule's rate on every parameter group, and
/// its state saves and restores with the run.
/// </summary>
/// <remarks>
/// The rule keeps one rate, so every parameter group must start at the same learning rate; the constructor takes it
/// from the groups. Like TorchSharp's <c>ReduceLROnPlateau</c>, a step without a metric is an error. To drive a
/// ScheduleDsl optimizer instead, pass <see cref="ReduceOnPlateau.LearningRate"/> to
/// <see cref="TorchOptimizerExtensions.Step(ScheduleDsl.Optimizers.Optimizer, TorchParameters, double)"/>.
/// </remarks>
public sealed class PlateauLR : LRScheduler
{
    private readonly int _groupCount;

    /// <summary>Creates the scheduler from the optimizer's current learning rate.</summary>
    /// <param name="optimizer">The TorchSharp optimizer; all its parameter groups must have the same learning rate.</param>
    /// <param name="options">The rule's hyperparameters; <see langword="null"/> for PyTorch's defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="optimizer"/> is null.</exception>
    /// <exception cref="ArgumentException">The optimizer has no parameter group, or its groups have different rates.</exception>
    public PlateauLR(TorchOptimizer optimizer, PlateauOptions? options = null)
        : base(SchedulerSupport.NotNull(optimizer), -1, false)
    {
        double[] rates = optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();
        if (rates.Length == 0 || rates.Any(r => r != rates[0]))
        {
            throw new ArgumentException(
                $"PlateauLR drives one learning rate, but the optimizer's parameter groups have [{string.Join(", ", rates)}]; give them the same rate.",
                nameof(optimizer));
        }

        _groupCount = rates.Length;
        Rule = new ReduceOnPlateau(rates[0], options);
    }

    /// <summary>The rule: its <see cref="ReduceOnPlateau.LearningRate"/> is the rate set on the groups.</summary>
    public ReduceOnPlateau Rule { get; }

    /// <summary>Not supported: a plateau rule needs the metric. Call <see cref="step(double, int?)"/>.</summary>
    /// <param name="epoch">Ignored.</param>
    /// <exception cref="InvalidOperationException">Always.</exception>
    public override void step(int? epoch)
        => throw new InvalidOperationException("PlateauLR needs the monitored metric: call step(metric) after each evaluation.");

    /// <summary>Reports the metric measured after the latest evaluation and sets the rule's rate on every group.</summary>
    /// <param name="current">The monitored value (a validation loss in <see cref="PlateauMode.Min"/>); finite.</param>
    /// <param name="epoch">Must be null: the rule counts its own reports.</param>
    /// <exception cref="ArgumentException"><paramref name="current"/> is NaN or infinite. Nothing was changed.</exception>
    /// <exception cref="NotSupportedException"><paramref name="epoch"/> is given.</exception>
    public override void step(double current, int? epoch = null)
    {
        if (epoch is not null)
        {
            throw new NotSupportedException("PlateauLR counts its own reports; an explicit epoch is not supported.");
        }

        Rule.Report(current);
        base.step(null);
    }

    /// <summary>Writes the rule's <see cref="PlateauState"/> (<see cref="PlateauState.SerializedSize"/> bytes).</summary>
    /// <param name="destination">A writable stream.</param>
    public void SaveState(Stream destination) => Rule.State.WriteTo(destination);

    /// <summary>Reads a state written by <see cref="SaveState(Stream)"/> and sets its rate on every group.</summary>
    /// <param name="source">A readable stream positioned at the state.</param>
    /// <exception cref="InvalidDataException">The bytes are not a plateau state. Nothing was changed.</exception>
    /// <exception cref="ArgumentException">The state does not fit the rule's options. Nothing was changed.</exception>
    public void LoadState(Stream source)
    {
        Rule.Restore(PlateauState.ReadFrom(source));
        base.step(null);
    }

    /// <inheritdoc/>
    protected override IEnumerable<double> get_lr() => SchedulerSupport.Repeat(Rule.LearningRate, _groupCount);

    /// <inheritdoc/>
    protected override IEnumerable<double> get_closed_form_lr() => get_lr();
}
