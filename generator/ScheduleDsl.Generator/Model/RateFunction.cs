using ScheduleDsl.Formulas;
using static ScheduleDsl.Language.Literal;

namespace ScheduleDsl.Generator.Model;

/// <summary>
/// The rate over one piece of a schedule, as a function of the piece-local step, with every constant folded.
/// Each kind evaluates itself with the shared formulas (compile-time facts, the tests' oracle) and renders
/// the call the generated code makes to the same formula and to its vector kernel.
/// </summary>
internal abstract record RateFunction
{
    private const string Formulas = "global::ScheduleDsl.Formulas.";
    private const string Kernels = "global::ScheduleDsl.Kernels.FillKernels.";

    /// <summary>The rate at <paramref name="local"/>, computed exactly as the generated code computes it.</summary>
    public abstract double Evaluate(long local);

    /// <summary>The C# expression for the rate at the local step named <paramref name="local"/>.</summary>
    public abstract string ScalarExpression(string local);

    /// <summary>The C# statement that fills <paramref name="segment"/> starting at the local step <paramref name="local"/>.</summary>
    public abstract string FillStatement(string segment, string local);

    /// <summary>Whether the statement from <see cref="FillStatement"/> reads the local step.</summary>
    public virtual bool UsesLocalStep => true;

    /// <summary>A rate that does not depend on the step.</summary>
    public sealed record Constant(double Value) : RateFunction
    {
        public override double Evaluate(long local) => Value;

        public override string ScalarExpression(string local) => Double(Value);

        public override string FillStatement(string segment, string local) => $"{segment}.Fill((float){Double(Value)});";

        public override bool UsesLocalStep => false;
    }

    /// <summary>peak·(s + (e − s)·t/T).</summary>
    public sealed record Linear(double Peak, double StartFactor, double EndFactor, long Steps) : RateFunction
    {
        public override double Evaluate(long local) => ScheduleDsl.Formulas.Linear.At(local, Peak, StartFactor, EndFactor, Steps);

        public override string ScalarExpression(string local)
            => $"{Formulas}Linear.At({local}, {Args})";

        public override string FillStatement(string segment, string local)
            => $"{Kernels}Linear({segment}, {local}, {Args});";

        private string Args => $"peak: {Double(Peak)}, startFactor: {Double(StartFactor)}, endFactor: {Double(EndFactor)}, steps: {Double(Steps)}";
    }

    /// <summary>final + (peak − final)·sin²(π·(T − t)/(2T)), optionally periodic in t with period 2T.</summary>
    public sealed record Cosine(double Peak, double Final, long Steps, bool Periodic) : RateFunction
    {
        public override double Evaluate(long local)
            => Periodic
                ? ScheduleDsl.Formulas.Cosine.AtPeriodic(local, Peak, Final, Steps)
                : ScheduleDsl.Formulas.Cosine.At(local, Peak, Final, Steps);

        public override string ScalarExpression(string local)
            => Periodic
                ? $"{Formulas}Cosine.AtPeriodic({local}, peak: {Double(Peak)}, final: {Double(Final)}, steps: {Long(Steps)})"
                : $"{Formulas}Cosine.At({local}, peak: {Double(Peak)}, final: {Double(Final)}, steps: {Double(Steps)})";

        public override string FillStatement(string segment, string local)
            => Periodic
                ? $"{Kernels}CosinePeriodic({segment}, {local}, peak: {Double(Peak)}, final: {Double(Final)}, steps: {Long(Steps)});"
                : $"{Kernels}Cosine({segment}, {local}, peak: {Double(Peak)}, final: {Double(Final)}, steps: {Double(Steps)});";
    }

    /// <summary>peak·γ^t.</summary>
    public sealed record Exponential(double Peak, double Gamma) : RateFunction
    {
        public override double Evaluate(long local) => ScheduleDsl.Formulas.Exponential.At(local, Peak, Gamma);

        public override string ScalarExpression(string local) => $"{Formulas}Exponential.At({local}, peak: {Double(Peak)}, gamma: {Double(Gamma)})";

        public override string FillStatement(string segment, string local)
            => $"{Kernels}Exponential({segment}, {local}, peak: {Double(Peak)}, gamma: {Double(Gamma)});";
    }

    /// <summary>peak·γ^⌊t/stepSize⌋.</summary>
    public sealed record StepDecay(double Peak, double Gamma, long StepSize) : RateFunction
    {
        public override double Evaluate(long local) => ScheduleDsl.Formulas.StepDecay.At(local, Peak, Gamma, StepSize);

        public override string ScalarExpression(string local)
            => $"{Formulas}StepDecay.At({local}, peak: {Double(Peak)}, gamma: {Double(Gamma)}, stepSize: {Long(StepSize)})";

        public override string FillStatement(string segment, string local)
            => $"{Kernels}StepDecay({segment}, {local}, peak: {Double(Peak)}, gamma: {Double(Gamma)}, stepSize: {Long(StepSize)});";
    }

    /// <summary>(peak − final)·(1 − t/T)^power + final.</summary>
    public sealed record Polynomial(double Peak, double Final, double Power, long Steps) : RateFunction
    {
        public override double Evaluate(long local) => ScheduleDsl.Formulas.Polynomial.At(local, Peak, Final, Power, Steps);

        public override string ScalarExpression(string local)
            => $"{Formulas}Polynomial.At({local}, {Args})";

        public override string FillStatement(string segment, string local)
            => $"{Kernels}Polynomial({segment}, {local}, {Args});";

        private string Args => $"peak: {Double(Peak)}, final: {Double(Final)}, power: {Double(Power)}, steps: {Double(Steps)}";
    }

    /// <summary>One segment of a one-cycle or interpolation phase: Anneal from one value to another.</summary>
    public sealed record Anneal(double From, double To, double SegmentStart, double SegmentEnd, bool IsCosine) : RateFunction
    {
        public override double Evaluate(long local) => ScheduleDsl.Formulas.Anneal.At(local, From, To, SegmentStart, SegmentEnd, IsCosine);

        public override string ScalarExpression(string local) => $"{Formulas}Anneal.At({local}, {Args})";

        public override string FillStatement(string segment, string local) => $"{Kernels}Anneal({segment}, {local}, {Args});";

        private string Args => $"start: {Double(From)}, end: {Double(To)}, segmentStart: {Double(SegmentStart)}, segmentEnd: {Double(SegmentEnd)}, cosine: {Bool(IsCosine)}";
    }

    /// <summary>PyTorch CyclicLR (also its momentum, with low and high swapped).</summary>
    public sealed record Cyclic(double Low, double High, double Total, double Ratio, int Mode, double Gamma) : RateFunction
    {
        public override double Evaluate(long local) => ScheduleDsl.Formulas.Cyclic.At(local, Low, High, Total, Ratio, Mode, Gamma);

        public override string ScalarExpression(string local) => $"{Formulas}Cyclic.At({local}, {Args})";

        public override string FillStatement(string segment, string local) => $"{Kernels}Cyclic({segment}, {local}, {Args});";

        private string Args => $"low: {Double(Low)}, high: {Double(High)}, total: {Double(Total)}, ratio: {Double(Ratio)}, mode: {Formulas}Cyclic.{ModeName}, gamma: {Double(Gamma)}";

        private string ModeName => Mode switch
        {
            ScheduleDsl.Formulas.Cyclic.Triangular2 => nameof(ScheduleDsl.Formulas.Cyclic.Triangular2),
            ScheduleDsl.Formulas.Cyclic.ExpRange => nameof(ScheduleDsl.Formulas.Cyclic.ExpRange),
            _ => nameof(ScheduleDsl.Formulas.Cyclic.Triangular),
        };
    }

    /// <summary>Cosine with warm restarts.</summary>
    public sealed record Restarts(double Peak, double Final, long FirstCycle, double Multiplier, double Decay, long CycleLimit) : RateFunction
    {
        public override double Evaluate(long local) => ScheduleDsl.Formulas.Restarts.At(local, Peak, Final, FirstCycle, Multiplier, Decay, CycleLimit);

        public override string ScalarExpression(string local) => $"{Formulas}Restarts.At({local}, {Args})";

        public override string FillStatement(string segment, string local) => $"{Kernels}Restarts({segment}, {local}, {Args});";

        private string Args => $"peak: {Double(Peak)}, final: {Double(Final)}, firstCycle: {Long(FirstCycle)}, multiplier: {Double(Multiplier)}, decay: {Double(Decay)}, cycleLimit: {Long(CycleLimit)}";
    }

    /// <summary>A <see cref="Model.Formula"/> of <see cref="ScheduleDsl.Formulas.InverseDecay"/> or <see cref="ScheduleDsl.Formulas.Shapes"/> and its constant arguments after the step.</summary>
    public sealed record Named(Formula Formula, EquatableArray<Argument> Arguments) : RateFunction
    {
        public override double Evaluate(long local) => Formula.Evaluate(local, Arguments);

        public override string ScalarExpression(string local) => $"{Formulas}{Formula.Target}({local}, {Args})";

        public override string FillStatement(string segment, string local)
            => $"{Kernels}{Formula.Kernel}({segment}, {local}, {Args});";

        private string Args => string.Join(", ", System.Linq.Enumerable.Select(Arguments, (a, i) => $"{Formula.Parameters[i]}: {a}"));
    }

    /// <summary>
    /// The product of two curves divided by the peak: a multiplying phase (PyTorch ChainedScheduler) applied to the
    /// rest of the schedule. The piece counts from step 0; each factor counts from its own origin. Fill evaluates it
    /// element by element.
    /// </summary>
    public sealed record Product(RateFunction Left, long LeftOrigin, RateFunction Right, long RightOrigin, double Peak) : RateFunction
    {
        /// <summary>When one factor is constant, its value divided by the peak is folded into one constant.</summary>
        public override double Evaluate(long local) => (Left, Right) switch
        {
            (_, Constant right) => Left.Evaluate(local - LeftOrigin) * (right.Value / Peak),
            (Constant left, _) => (left.Value / Peak) * Right.Evaluate(local - RightOrigin),
            _ => Left.Evaluate(local - LeftOrigin) * Right.Evaluate(local - RightOrigin) / Peak,
        };

        public override string ScalarExpression(string local) => (Left, Right) switch
        {
            (_, Constant right) => $"({Left.ScalarExpression(Shift(local, LeftOrigin))}) * {Double(right.Value / Peak)}",
            (Constant left, _) => $"{Double(left.Value / Peak)} * ({Right.ScalarExpression(Shift(local, RightOrigin))})",
            _ => $"({Left.ScalarExpression(Shift(local, LeftOrigin))}) * ({Right.ScalarExpression(Shift(local, RightOrigin))}) / {Double(Peak)}",
        };

        public override string FillStatement(string segment, string local)
            => $"for (int i = 0; i < {segment}.Length; i++)\n{{\n    long step = {local} + i;\n    {segment}[i] = (float)({ScalarExpression("step")});\n}}";

        private static string Shift(string local, long origin) => origin == 0 ? local : $"({local} - {Long(origin)})";
    }

    /// <summary>A constant argument of a <see cref="Named"/> formula, rendered as C#.</summary>
    public readonly record struct Argument(double Value, ArgumentKind Kind)
    {
        public override string ToString() => Kind switch
        {
            ArgumentKind.Bool => Value != 0 ? "true" : "false",
            ArgumentKind.Shape => "global::ScheduleDsl.Formulas.Shapes." + ((int)Value switch
            {
                ScheduleDsl.Formulas.Shapes.Cosine => nameof(ScheduleDsl.Formulas.Shapes.Cosine),
                ScheduleDsl.Formulas.Shapes.OneMinusSqrt => nameof(ScheduleDsl.Formulas.Shapes.OneMinusSqrt),
                _ => nameof(ScheduleDsl.Formulas.Shapes.Linear),
            }),
            ArgumentKind.Int => ((int)Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => Double(Value),
        };
    }

    public enum ArgumentKind
    {
        Double,
        Int,
        Bool,
        Shape,
    }
}
