using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

using TorchOptimizer = TorchSharp.torch.optim.Optimizer;

namespace ScheduleDsl.TorchSharp;

/// <summary>What <see cref="ScheduleLR"/> and <see cref="PlateauLR"/> share.</summary>
internal static class SchedulerSupport
{
    /// <summary>Returns <paramref name="optimizer"/>, or throws before the base constructor dereferences it.</summary>
    internal static TorchOptimizer NotNull(TorchOptimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return optimizer;
    }

    /// <summary>One rate per parameter group, what TorchSharp's <c>LRScheduler.step</c> asks <c>get_lr()</c> for.</summary>
    internal static IEnumerable<double> Repeat(double rate, int groups) => Enumerable.Repeat(rate, groups);
}

/// <summary>What trimming must keep of a compiled schedule type so that its momentum co-schedule can be bound.</summary>
internal static class ScheduleTypeMembers
{
    internal const DynamicallyAccessedMemberTypes Required =
        DynamicallyAccessedMemberTypes.Interfaces | DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods;
}
