using System;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace ScheduleDsl.Optimizers;

/// <summary>
/// Finds, once per schedule type, whether <typeparamref name="TSchedule"/> also implements
/// <see cref="IMomentumSchedule"/>, and if so binds its <see cref="IMomentumSchedule.MomentumAt"/>.
/// </summary>
/// <remarks>
/// A generic method constrained only to <see cref="ISchedule"/> cannot call a static member of another interface,
/// and C# has no way to test a constraint and then call through it. So the implementing method is found once by
/// interface mapping (annotated for trimming, no dynamic code) and called through a cached delegate: one indirect
/// call per step, never per element, and no allocation.
/// </remarks>
/// <typeparam name="TSchedule">The schedule type.</typeparam>
internal static class MomentumCoSchedule<[DynamicallyAccessedMembers(CoScheduleMembers.Required)] TSchedule>
    where TSchedule : ISchedule
{
    /// <summary>The schedule's <see cref="IMomentumSchedule.MomentumAt"/>, or <see langword="null"/> when it has none.</summary>
    internal static readonly Func<long, double>? MomentumAt = Bind();

    private static Func<long, double>? Bind()
    {
        if (!typeof(IMomentumSchedule).IsAssignableFrom(typeof(TSchedule)))
        {
            return null;
        }

        InterfaceMapping map = typeof(TSchedule).GetInterfaceMap(typeof(IMomentumSchedule));
        for (int i = 0; i < map.InterfaceMethods.Length; i++)
        {
            if (map.InterfaceMethods[i].Name == nameof(IMomentumSchedule.MomentumAt))
            {
                return map.TargetMethods[i].CreateDelegate<Func<long, double>>();
            }
        }

        return null;
    }
}

/// <summary>
/// The momentum (or β₁) co-schedule of a learning-rate schedule, as every optimizer resolves it: compiled schedules
/// (through <see cref="CompiledSchedule{TSchedule}"/>, whose <see cref="IScheduleFunction.HasMomentum"/> is
/// <see cref="MomentumCoSchedule{TSchedule}.MomentumAt"/>) and run-time schedules alike.
/// </summary>
internal static class MomentumCoSchedule
{
    /// <summary>Returns <paramref name="schedule"/>, or throws <see cref="ArgumentNullException"/> naming the constructor's parameter.</summary>
    internal static IScheduleFunction Require(IScheduleFunction schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return schedule;
    }

    /// <summary>
    /// The schedule of the momentum-like hyperparameter <paramref name="name"/>: the option's schedule, or the
    /// co-schedule of <paramref name="learningRate"/> as an <see cref="IScheduleFunction"/>; both at once is an error.
    /// </summary>
    internal static IScheduleFunction? Resolve(IScheduleFunction learningRate, IScheduleFunction? option, string name)
    {
        if (!learningRate.HasMomentum)
        {
            return option;
        }

        if (option is not null)
        {
            throw new ArgumentException(
                $"The learning-rate schedule {learningRate} co-schedules momentum (IScheduleFunction.HasMomentum), and {name} is given too; use one of them.",
                name);
        }

        // The name, the first value as peak and no length: the identity checkpoints recorded before run-time schedules.
        // A compiled schedule's bound static MomentumAt is called directly, as before; any other through the interface.
        Func<long, double> momentumAt = (learningRate as ICompiledCoSchedule)?.MomentumAt ?? learningRate.MomentumAt;
        return new DelegateSchedule($"MomentumAt of {learningRate}", momentumAt);
    }
}

/// <summary>The bound co-schedule of a compiled schedule (<see cref="CompiledSchedule{TSchedule}"/>), for <see cref="MomentumCoSchedule.Resolve"/>.</summary>
internal interface ICompiledCoSchedule
{
    /// <summary>The schedule's static <see cref="IMomentumSchedule.MomentumAt"/> as a delegate, or null.</summary>
    Func<long, double>? MomentumAt { get; }
}

/// <summary>What trimming must keep of a schedule type so that <see cref="MomentumCoSchedule{TSchedule}"/> can bind it.</summary>
internal static class CoScheduleMembers
{
    internal const DynamicallyAccessedMemberTypes Required =
        DynamicallyAccessedMemberTypes.Interfaces | DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods;
}
