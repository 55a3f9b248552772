namespace ScheduleDsl.Language.Model;

/// <summary>
/// The rate over one piece of a schedule, as a function of the piece-local step, with every constant folded.
/// Each kind evaluates itself with the shared formulas: compile-time facts, the tests' oracle, and the run-time
/// evaluation of schedules built from text. The generator's other part of these records (Emission/RateFunctionCode.cs)
/// renders the call the generated code makes to the same formula and to its vector kernel.
/// </summary>
internal abstract partial record RateFunction
{
    /// <summary>The rate at <paramref name="local"/>, computed exactly as the generated code computes it: <see cref="Calls"/> over <see cref="Values"/>.</summary>
    public virtual double Evaluate(long local) => Calls is { } formula ? formula.Evaluate(local, Values()) : double.NaN;

    /// <summary>The formula the generated code calls for this function (and whose kernel fills a span); null for a constant or a product.</summary>
    public abstract Formula? Calls { get; }

    /// <summary>The constant arguments of <see cref="Calls"/> after the step, in the order of its parameters, as <see cref="Formula"/> passes them; empty when it calls none.</summary>
    public virtual double[] Values() => [];

    /// <summary>A rate that does not depend on the step.</summary>
    public sealed partial record Constant(double Value) : RateFunction
    {
        public override Formula? Calls => null;

        public override double Evaluate(long local) => Value;
    }

    /// <summary>peak·(s + (e − s)·t/T).</summary>
    public sealed partial record Linear(double Peak, double StartFactor, double EndFactor, long Steps) : RateFunction
    {
        public override Formula Calls => Formula.Linear;

        public override double[] Values() => [Peak, StartFactor, EndFactor, Steps];
    }

    /// <summary>final + (peak − final)·sin²(π·(T − t)/(2T)), optionally periodic in t with period 2T.</summary>
    public sealed partial record Cosine(double Peak, double Final, long Steps, bool Periodic) : RateFunction
    {
        public override Formula Calls => Periodic ? Formula.CosinePeriodic : Formula.Cosine;

        public override double[] Values() => [Peak, Final, Steps];
    }

    /// <summary>peak·γ^t.</summary>
    public sealed partial record Exponential(double Peak, double Gamma) : RateFunction
    {
        public override Formula Calls => Formula.Exponential;

        public override double[] Values() => [Peak, Gamma];
    }

    /// <summary>peak·γ^⌊t/stepSize⌋.</summary>
    public sealed partial record StepDecay(double Peak, double Gamma, long StepSize) : RateFunction
    {
        public override Formula Calls => Formula.StepDecay;

        public override double[] Values() => [Peak, Gamma, StepSize];
    }

    /// <summary>(peak − final)·(1 − t/T)^power + final.</summary>
    public sealed partial record Polynomial(double Peak, double Final, double Power, long Steps) : RateFunction
    {
        public override Formula Calls => Formula.Polynomial;

        public override double[] Values() => [Peak, Final, Power, Steps];
    }

    /// <summary>One segment of a one-cycle or interpolation phase: Anneal from one value to another.</summary>
    public sealed partial record Anneal(double From, double To, double SegmentStart, double SegmentEnd, bool IsCosine) : RateFunction
    {
        public override Formula Calls => Formula.Anneal;

        public override double[] Values() => [From, To, SegmentStart, SegmentEnd, IsCosine ? 1 : 0];
    }

    /// <summary>PyTorch CyclicLR (also its momentum, with low and high swapped).</summary>
    public sealed partial record Cyclic(double Low, double High, double Total, double Ratio, int Mode, double Gamma) : RateFunction
    {
        public override Formula Calls => Formula.Cyclic;

        public override double[] Values() => [Low, High, Total, Ratio, Mode, Gamma];
    }

    /// <summary>Cosine with warm restarts.</summary>
    public sealed partial record Restarts(double Peak, double Final, long FirstCycle, double Multiplier, double Decay, long CycleLimit) : RateFunction
    {
        public override Formula Calls => Formula.Restarts;

        public override double[] Values() => [Peak, Final, FirstCycle, Multiplier, Decay, CycleLimit];
    }

    /// <summary>A <see cref="Model.Formula"/> of <see cref="ScheduleDsl.Formulas.InverseDecay"/> or <see cref="ScheduleDsl.Formulas.Shapes"/> and its constant arguments after the step.</summary>
    public sealed partial record Named(Formula Formula, EquatableArray<Argument> Arguments) : RateFunction
    {
        public override Formula Calls => Formula;

        public override double[] Values()
        {
            var values = new double[Arguments.Count];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = Arguments[i].Value;
            }

            return values;
        }
    }

    /// <summary>
    /// The product of two curves divided by the peak: a multiplying phase (PyTorch ChainedScheduler) applied to the
    /// rest of the schedule. The piece counts from step 0; each factor counts from its own origin. Fill evaluates it
    /// element by element.
    /// </summary>
    public sealed partial record Product(RateFunction Left, long LeftOrigin, RateFunction Right, long RightOrigin, double Peak) : RateFunction
    {
        public override Formula? Calls => null;

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
        Long,
        Bool,
        Shape,
    }
}
