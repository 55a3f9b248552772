using System.Runtime.CompilerServices;

namespace ScheduleDsl.Formulas;

/// <summary>Linear change of the factor: PyTorch <c>LinearLR</c>, and the <c>[Warmup]</c> phase.</summary>
public static class Linear
{
    /// <summary>peak·(s + (e − s)·t/T), PyTorch's closed form in its order of operations.</summary>
    /// <param name="t">The local step, 0 ≤ t ≤ T.</param>
    /// <param name="peak">The base rate.</param>
    /// <param name="startFactor">The factor s at t = 0.</param>
    /// <param name="endFactor">The factor e at t = T.</param>
    /// <param name="steps">The length T.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double At(double t, double peak, double startFactor, double endFactor, double steps)
        => peak * (startFactor + (endFactor - startFactor) * t / steps);
}
