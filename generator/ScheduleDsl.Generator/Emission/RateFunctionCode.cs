using static ScheduleDsl.Language.Literal;

namespace ScheduleDsl.Language.Model;

// The generator's part of the shared rate functions (src/ScheduleDsl/Language/Model/RateFunction.cs): each renders the
// call the generated code makes to its formula and to its vector kernel. The runtime library compiles only the shared
// part, which evaluates.

/// <summary>The C# that computes a rate function: a scalar expression and a fill statement.</summary>
internal abstract partial record RateFunction
{
    private const string Formulas = "global::ScheduleDsl.Formulas.";
    private const string Kernels = "global::ScheduleDsl.Kernels.FillKernels.";

    /// <summary>The C# expression for the rate at the local step named <paramref name="local"/>.</summary>
    public abstract string ScalarExpression(string local);

    /// <summary>The C# statement that fills <paramref name="segment"/> starting at the local step <paramref name="local"/>.</summary>
    public abstract string FillStatement(string segment, string local);

    /// <summary>Whether the statement from <see cref="FillStatement"/> reads the local step.</summary>
    public virtual bool UsesLocalStep => true;

    sealed partial record Constant
    {
        public override string ScalarExpression(string local) => Double(Value);

        public override string FillStatement(string segment, string local) => $"{segment}.Fill((float){Double(Value)});";

        public override bool UsesLocalStep => false;
    }

    sealed partial record Linear
    {
        public override string ScalarExpression(string local)
            => $"{Formulas}Linear.At({local}, {Args})";

        public override string FillStatement(string segment, string local)
            => $"{Kernels}Linear({segment}, {local}, {Args});";

        private string Args => $"peak: {Double(Peak)}, startFactor: {Double(StartFactor)}, endFactor: {Double(EndFactor)}, steps: {Double(Steps)}";
    }

    sealed partial record Cosine
    {
        public override string ScalarExpression(string local)
            => Periodic
                ? $"{Formulas}Cosine.AtPeriodic({local}, peak: {Double(Peak)}, final: {Double(Final)}, steps: {Long(Steps)})"
                : $"{Formulas}Cosine.At({local}, peak: {Double(Peak)}, final: {Double(Final)}, steps: {Double(Steps)})";

        public override string FillStatement(string segment, string local)
            => Periodic
                ? $"{Kernels}CosinePeriodic({segment}, {local}, peak: {Double(Peak)}, final: {Double(Final)}, steps: {Long(Steps)});"
                : $"{Kernels}Cosine({segment}, {local}, peak: {Double(Peak)}, final: {Double(Final)}, steps: {Double(Steps)});";
    }

    sealed partial record Exponential
    {
        public override string ScalarExpression(string local) => $"{Formulas}Exponential.At({local}, peak: {Double(Peak)}, gamma: {Double(Gamma)})";

        public override string FillStatement(string segment, string local)
            => $"{Kernels}Exponential({segment}, {local}, peak: {Double(Peak)}, gamma: {Double(Gamma)});";
    }

    sealed partial record StepDecay
    {
        public override string ScalarExpression(string local)
            => $"{Formulas}StepDecay.At({local}, peak: {Double(Peak)}, gamma: {Double(Gamma)}, stepSize: {Long(StepSize)})";

        public override string FillStatement(string segment, string local)
            => $"{Kernels}StepDecay({segment}, {local}, peak: {Double(Peak)}, gamma: {Double(Gamma)}, stepSize: {Long(StepSize)});";
    }

    sealed partial record Polynomial
    {
        public override string ScalarExpression(string local)
            => $"{Formulas}Polynomial.At({local}, {Args})";

        public override string FillStatement(string segment, string local)
            => $"{Kernels}Polynomial({segment}, {local}, {Args});";

        private string Args => $"peak: {Double(Peak)}, final: {Double(Final)}, power: {Double(Power)}, steps: {Double(Steps)}";
    }

    sealed partial record Anneal
    {
        public override string ScalarExpression(string local) => $"{Formulas}Anneal.At({local}, {Args})";

        public override string FillStatement(string segment, string local) => $"{Kernels}Anneal({segment}, {local}, {Args});";

        private string Args => $"start: {Double(From)}, end: {Double(To)}, segmentStart: {Double(SegmentStart)}, segmentEnd: {Double(SegmentEnd)}, cosine: {Bool(IsCosine)}";
    }

    sealed partial record Cyclic
    {
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

    sealed partial record Restarts
    {
        public override string ScalarExpression(string local) => $"{Formulas}Restarts.At({local}, {Args})";

        public override string FillStatement(string segment, string local) => $"{Kernels}Restarts({segment}, {local}, {Args});";

        private string Args => $"peak: {Double(Peak)}, final: {Double(Final)}, firstCycle: {Long(FirstCycle)}, multiplier: {Double(Multiplier)}, decay: {Double(Decay)}, cycleLimit: {Long(CycleLimit)}";
    }

    sealed partial record Named
    {
        public override string ScalarExpression(string local) => $"{Formulas}{Formula.Target}({local}, {Args})";

        public override string FillStatement(string segment, string local)
            => $"{Kernels}{Formula.Kernel}({segment}, {local}, {Args});";

        private string Args => string.Join(", ", System.Linq.Enumerable.Select(Arguments, (a, i) => $"{Formula.Parameters[i]}: {a}"));
    }

    sealed partial record Product
    {
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

    readonly partial record struct Argument
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
}
