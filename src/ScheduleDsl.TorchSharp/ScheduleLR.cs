using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;

using static TorchSharp.torch.optim;
using static TorchSharp.torch.optim.lr_scheduler;

using TorchOptimizer = TorchSharp.torch.optim.Optimizer;

namespace ScheduleDsl.TorchSharp;

/// <summary>
/// A TorchSharp learning-rate scheduler driven by a ScheduleDsl schedule: a compiled one
/// (<see cref="For{TSchedule}(TorchOptimizer, bool)"/>) or any <see cref="IScheduleFunction"/>. It sets the rate, and
/// the momentum or β₁ where the schedule co-schedules it, on every parameter group.
/// </summary>
/// <remarks>
/// <para>
/// <b>Time axis</b>, TorchSharp's (and PyTorch's) <c>optimizer.step(); scheduler.step();</c>: the constructor sets
/// the values of update 0, and the k-th call of <see cref="step(int?)"/> sets those of update k, so update k uses
/// <c>schedule.At(k)</c>, which is ScheduleDsl's convention too. <c>step(epoch)</c> jumps to update <c>epoch</c>, as
/// TorchSharp's closed form does.
/// </para>
/// <para>
/// <b>Every group gets the schedule's absolute rate</b> (the schedule carries its peak); groups that need different
/// rates need different optimizers or schedules. Where <see cref="IScheduleFunction.HasMomentum"/>, a group that is
/// <see cref="IBetas"/> (Adam, AdamW, NAdam, …) gets <c>betas = (MomentumAt(k), β₂)</c> and one that is
/// <see cref="IMomentum"/> (SGD, RMSprop) gets <c>momentum = MomentumAt(k)</c>, as TorchSharp's <c>OneCycleLR</c>
/// with <c>cycle_momentum</c> does. TorchSharp's SGD keeps no momentum buffer while its momentum is 0, so build it
/// with a non-zero momentum.
/// </para>
/// <para>
/// <b>Checkpoints</b>: TorchSharp schedulers have no state dictionary; <see cref="SaveState(Stream)"/> and
/// <see cref="LoadState(Stream)"/> write and read this one's (the step, and the schedule's identity to reject a
/// checkpoint of another schedule) next to the optimizer's <c>save_state_dict</c>.
/// </para>
/// <para>
/// A step evaluates the schedule before it changes anything, so a schedule that rejects a step
/// (<see cref="EndBehavior.Throw"/>) leaves the scheduler and the optimizer as they were. Not thread-safe.
/// </para>
/// </remarks>
public sealed class ScheduleLR : LRScheduler
{
    private const uint Magic = 0x544C4453; // "SDLT", little-endian
    private const int FormatVersion = 1;
    private const int StateSize = 4 + 4 + 8 + 8 + 8 + 1;

    private readonly ILearningRateController[] _groups;
    private readonly bool _setMomentum;
    private double _pendingRate;

    /// <summary>Creates the scheduler and sets the values of update 0 on every parameter group.</summary>
    /// <param name="optimizer">The TorchSharp optimizer whose parameter groups are driven.</param>
    /// <param name="schedule">The schedule: <see cref="CompiledSchedule{TSchedule}"/> or a run-time schedule.</param>
    /// <param name="coScheduleMomentum">
    /// Whether to set momentum or β₁ when the schedule co-schedules it (the default); <see langword="false"/> sets the
    /// learning rate only.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="optimizer"/> or <paramref name="schedule"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The schedule co-schedules momentum, <paramref name="coScheduleMomentum"/> is set, and a parameter group has
    /// neither momentum nor betas.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">The schedule rejects step 0.</exception>
    public ScheduleLR(TorchOptimizer optimizer, IScheduleFunction schedule, bool coScheduleMomentum = true)
        : base(SchedulerSupport.NotNull(optimizer), -1, false)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        Schedule = schedule;
        _groups = optimizer.ParamGroups.ToArray();
        _setMomentum = coScheduleMomentum && schedule.HasMomentum;
        if (_setMomentum)
        {
            for (int g = 0; g < _groups.Length; g++)
            {
                if (_groups[g] is not IBetas and not IMomentum)
                {
                    throw new ArgumentException(
                        $"Schedule '{schedule}' co-schedules momentum, but parameter group {g} ({_groups[g].GetType().FullName}) has neither momentum nor betas. Pass coScheduleMomentum: false to set the learning rate only.",
                        nameof(optimizer));
                }
            }
        }

        CurrentStep = -1;
        step();
    }

    /// <summary>The schedule that drives the optimizer.</summary>
    public IScheduleFunction Schedule { get; }

    /// <summary>The update whose values are set now (PyTorch's <c>last_epoch</c>): 0 after construction, k after k steps.</summary>
    public long CurrentStep { get; private set; }

    /// <summary>The learning rate set now: <c>Schedule.At(CurrentStep)</c>.</summary>
    public double LearningRate => Schedule.At(CurrentStep);

    /// <summary>Whether the scheduler sets momentum or β₁ on the groups.</summary>
    public bool SetsMomentum => _setMomentum;

    /// <summary>Creates a scheduler driven by the compiled schedule <typeparamref name="TSchedule"/>.</summary>
    /// <typeparam name="TSchedule">A schedule type compiled by the ScheduleDsl generator.</typeparam>
    /// <param name="optimizer">The TorchSharp optimizer.</param>
    /// <param name="coScheduleMomentum">As for the constructor.</param>
    /// <returns>The scheduler, with the values of update 0 set.</returns>
    public static ScheduleLR For<[DynamicallyAccessedMembers(ScheduleTypeMembers.Required)] TSchedule>(TorchOptimizer optimizer, bool coScheduleMomentum = true)
        where TSchedule : ISchedule
        => new(optimizer, new CompiledSchedule<TSchedule>(), coScheduleMomentum);

    /// <summary>
    /// Moves to the next update (or, with <paramref name="epoch"/>, to update <paramref name="epoch"/>) and sets its
    /// learning rate, and momentum or β₁, on every parameter group.
    /// </summary>
    /// <param name="epoch">The update to move to; <see langword="null"/> for the next one.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="epoch"/> is negative, or the schedule rejects the step. Nothing was changed.
    /// </exception>
    public override void step(int? epoch)
    {
        long next = epoch ?? CurrentStep + 1;
        ArgumentOutOfRangeException.ThrowIfNegative(next, nameof(epoch));
        Apply(next, epoch);
    }

    /// <summary>Writes the scheduler's state (format version 1, 33 bytes) to <paramref name="destination"/>.</summary>
    /// <param name="destination">A writable stream, for example the one the optimizer's state is saved to.</param>
    public void SaveState(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Span<byte> bytes = stackalloc byte[StateSize];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[4..], FormatVersion);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[8..], CurrentStep);
        BinaryPrimitives.WriteDoubleLittleEndian(bytes[16..], Schedule.PeakLearningRate);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[24..], Schedule.TotalSteps ?? -1);
        bytes[32] = Schedule.HasMomentum ? (byte)1 : (byte)0;
        destination.Write(bytes);
    }

    /// <summary>
    /// Reads a state written by <see cref="SaveState(Stream)"/>, moves to its step and sets that step's values on every
    /// parameter group (so the run continues exactly where it was saved).
    /// </summary>
    /// <param name="source">A readable stream positioned at the state.</param>
    /// <exception cref="InvalidDataException">
    /// The bytes are not a scheduler state of this version, or come from a schedule with another peak rate, length or
    /// momentum co-schedule. Nothing was changed.
    /// </exception>
    /// <exception cref="EndOfStreamException">The stream ends inside the state. Nothing was changed.</exception>
    public void LoadState(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Span<byte> bytes = stackalloc byte[StateSize];
        source.ReadExactly(bytes);
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
        {
            throw new InvalidDataException("Not a ScheduleLR state (wrong magic number).");
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"ScheduleLR state format version {version} is not supported (expected {FormatVersion}).");
        }

        long savedStep = BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]);
        double peak = BinaryPrimitives.ReadDoubleLittleEndian(bytes[16..]);
        long total = BinaryPrimitives.ReadInt64LittleEndian(bytes[24..]);
        bool momentum = bytes[32] != 0;
        if (savedStep < 0 || bytes[32] > 1)
        {
            throw new InvalidDataException($"Corrupt ScheduleLR state (step {savedStep}, momentum flag {bytes[32]}).");
        }

        if (BitConverter.DoubleToInt64Bits(peak) != BitConverter.DoubleToInt64Bits(Schedule.PeakLearningRate)
            || total != (Schedule.TotalSteps ?? -1)
            || momentum != Schedule.HasMomentum)
        {
            throw new InvalidDataException(
                $"The ScheduleLR state comes from another schedule (peak {peak}, total steps {(total < 0 ? "unbounded" : total)}, momentum {momentum}); this one is '{Schedule}' (peak {Schedule.PeakLearningRate}, total steps {Schedule.TotalSteps?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unbounded"}, momentum {Schedule.HasMomentum}).");
        }

        try
        {
            Apply(savedStep, null);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidDataException($"The schedule rejects the saved step {savedStep}.", e);
        }
    }

    /// <inheritdoc/>
    protected override IEnumerable<double> get_lr() => SchedulerSupport.Repeat(_pendingRate, _groups.Length);

    /// <inheritdoc/>
    protected override IEnumerable<double> get_closed_form_lr() => get_lr();

    private void Apply(long next, int? epoch)
    {
        double rate = Schedule.At(next);
        double momentum = _setMomentum ? Schedule.MomentumAt(next) : 0;
        _pendingRate = rate;
        CurrentStep = next;
        base.step(epoch);
        if (_setMomentum)
        {
            foreach (ILearningRateController group in _groups)
            {
                if (group is IBetas betas)
                {
                    betas.Betas = (momentum, betas.Betas.Item2);
                }
                else
                {
                    ((IMomentum)group).Momentum = momentum;
                }
            }
        }
    }
}
