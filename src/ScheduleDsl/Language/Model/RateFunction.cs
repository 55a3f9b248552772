namespace ScheduleDsl.Language.Model;

/// <summary>
/// The rate over one piece of a schedule, as a function of the piece-local step, with every constant folded.
/// Each kind evaluates itself with the shared formulas: compile-time facts, the tests' oracle, and the run-time
/// evaluation of schedules built from text. The generator's other part of these records (Emission/RateFunctionCode.cs)
/// renders the call the generated code makes to the same formula and to its vector kernel.
/// </summary>
internal abstract partial record RateFunction
{
    /// <summary>The rate at <paramref name="local"/>, computed exactly as the generated code computes it.</summary>
    public abstract double Evaluate(long local);

    /// <summary>A rate that does not depend on the step.</summary>
    public sealed partial record Constant(double Value) : RateFunction
    {
        public override double Evaluate(long local) => Value;
    }

    /// <summary>peak·(s + (e − s)·t/T).</summary>
    public sealed partial record Linear(double Peak, double StartFactor, double EndFactor, long Steps) : RateFunction
    {
        public override double Evaluate(long local) => ScheduleDsl.Formulas.Linear.At(local, Peak, StartFactor, EndFactor, Steps);
    }

    /// <summary>final + (peak − final)·sin²(π·(T − t)/(2T)), optionally periodic in t with period 2T.</summary>
    public sealed partial record Cosine(double Peak, double Final, long Steps, bool Periodic) : RateFunction
    {
        public override double Evaluate(long local)
            => Periodic
                ? ScheduleDsl.Formulas.Cosine.AtPeriodic(local, Peak, Final, Steps)
                : ScheduleDsl.Formulas.Cosine.At(local, Peak, Final, Steps);
    }

    /// <summary>peak·γ^t.</summary>
    public sealed partial record Exponential(double Peak, double Gamma) : RateFunction
    {
        public override double Evaluate(long local) => ScheduleDsl.Formulas.Exponential.At(local, Peak, Gamma);
    }

    /// <summary>peak·γ^⌊t/stepSize⌋.</summary>
    public sealed partial record StepDecay(double Peak, double Gamma, long StepSize) : RateFunction
    {
        public override double Evaluate(long local) => ScheduleDsl.Formulas.StepDecay.At(local, Peak, Gamma, StepSize);
    }

    /// <summary>(peak − final)·(1 − t/T)^power + final.</summary>
    public sealed partial record Polynomial(double Peak, double Final, double Power, long Steps) : RateFunction
    {
        public override double Evaluate(long local) => ScheduleDsl.Formulas.Polynomial.At(local, Peak, Final, Power, Steps);
    }

    /// <summary>One segment of a one-cycle or interpolation phase: Anneal from one value to another.</summary>
    public sealed partial record Anneal(double From, double To, double SegmentStart, double SegmentEnd, bool IsCosine) : RateFunction
    {
        public override double Evaluate(long local) => ScheduleDsl.Formulas.Anneal.At(local, From, To, SegmentStart, SegmentEnd, IsCosine);
    }

    /// <summary>PyTorch CyclicLR (also its momentum, with low and high swapped).</summary>
    public sealed partial record Cyclic(double Low, double High, double Total, double Ratio, int Mode, double Gamma) : RateFunction
    {
        public override double Evaluate(long local) => ScheduleDsl.Formulas.Cyclic.At(local, Low, High, Total, Ratio, Mode, Gamma);
    }

    /// <summary>Cosine with warm restarts.</summary>
    public sealed partial record Restarts(double Peak, double Final, long FirstCycle, double Multiplier, double Decay, long CycleLimit) : RateFunction
    {
        public override double Evaluate(long local) => ScheduleDsl.Formulas.Restarts.At(local, Peak, Final, FirstCycle, Multiplier, Decay, CycleLimit);
    }

    /// <summary>A <see cref="Model.Formula"/> of <see cref="ScheduleDsl.Formulas.InverseDecay"/> or <see cref="ScheduleDsl.Formulas.Shapes"/> and its constant arguments after the step.</summary>
    public sealed partial record Named(Formula Formula, EquatableArray<Argument> Arguments) : RateFunction
    {
        public override double Evaluate(long local) => Formula.Evaluate(local, Arguments);
    }

    /// <summary>
    /// The product of two curves divided by the peak: a multiplying phase (PyTorch ChainedScheduler) applied to the
    /// rest of the schedule. The piece counts from step 0; each factor counts from its own origin. Fill evaluates it
    /// element by element.
    /// </summary>
    public sealed partial record Product(RateFunction Left, long LeftOrigin, RateFunction Right, long RightOrigin, double Peak) : RateFunction
    {
        /// <summary>When one factor is constant, its value divided by the peak is folded into one constant.</summary>
        public override double Evaluate(long local) => (Left, Right) switch
        {
            (_, Constant right) => Left.Evaluate(local - LeftOrigin) * (right.Value / Peak),
            (Constant left, _) => (left.Value / Peak) * Right.Evaluate(local - RightOrigin),
            _ => Left.Evaluate(local - LeftOrigin) * Right.Evaluate(local - RightOrigin) / Peak,
        };
    }

    /// <summary>A constant argument of a <see cref="Named"/> formula and how the generated code writes it.</summary>
    public readonly partial record struct Argument(double Value, ArgumentKind Kind);

    /// <summary>How a <see cref="Named"/> formula's argument is typed in the call.</summary>
    public enum ArgumentKind
    {
        Double,
        Int,
        Bool,
        Shape,
    }
}
