using System.Linq;
using static ScheduleDsl.Language.Literal;

namespace ScheduleDsl.Language.Model;

// The generator's part of the shared rate functions (src/ScheduleDsl/Language/Model/RateFunction.cs): each renders the
// call the generated code makes to its formula and to its vector kernel. The runtime library compiles only the shared
// part, which evaluates.

/// <summary>
/// The C# that computes a rate function: a call to the formula it names (<see cref="Calls"/>) and to that formula's
/// kernel, with its constant arguments named by the formula's parameters.
/// </summary>
internal abstract partial record RateFunction
{
    private const string Formulas = "global::ScheduleDsl.Formulas.";
    private const string Kernels = "global::ScheduleDsl.Kernels.FillKernels.";

    /// <summary>The C# expression for the rate at the local step named <paramref name="local"/>.</summary>
    public virtual string ScalarExpression(string local) => $"{Formulas}{Calls!.Target}({local}, {NamedArguments()})";

    /// <summary>The C# statement that fills <paramref name="segment"/> starting at the local step <paramref name="local"/>.</summary>
    public virtual string FillStatement(string segment, string local) => $"{Kernels}{Calls!.Kernel}({segment}, {local}, {NamedArguments()});";

    /// <summary>Whether the statement from <see cref="FillStatement"/> reads the local step.</summary>
    public virtual bool UsesLocalStep => true;

    /// <summary>The constant arguments after the step as C#, in the order of <see cref="Formula.Parameters"/>.</summary>
    private protected virtual string[] ArgumentCode => [];

    private string NamedArguments() => string.Join(", ", ArgumentCode.Select((code, i) => $"{Calls!.Parameters[i]}: {code}"));

    sealed partial record Constant
    {
        public override string ScalarExpression(string local) => Double(Value);

        public override string FillStatement(string segment, string local) => $"{segment}.Fill((float){Double(Value)});";

        public override bool UsesLocalStep => false;
    }

    sealed partial record Linear
    {
        private protected override string[] ArgumentCode => [Double(Peak), Double(StartFactor), Double(EndFactor), Double(Steps)];
    }

    sealed partial record Cosine
    {
        private protected override string[] ArgumentCode => [Double(Peak), Double(Final), Periodic ? Long(Steps) : Double(Steps)];
    }

    sealed partial record Exponential
    {
        private protected override string[] ArgumentCode => [Double(Peak), Double(Gamma)];
    }

    sealed partial record StepDecay
    {
        private protected override string[] ArgumentCode => [Double(Peak), Double(Gamma), Long(StepSize)];
    }

    sealed partial record Polynomial
    {
        private protected override string[] ArgumentCode => [Double(Peak), Double(Final), Double(Power), Double(Steps)];
    }

    sealed partial record Anneal
    {
        private protected override string[] ArgumentCode => [Double(From), Double(To), Double(SegmentStart), Double(SegmentEnd), Bool(IsCosine)];
    }

    sealed partial record Cyclic
    {
        private protected override string[] ArgumentCode => [Double(Low), Double(High), Double(Total), Double(Ratio), $"{Formulas}Cyclic.{ModeName}", Double(Gamma)];

        private string ModeName => Mode switch
        {
            ScheduleDsl.Formulas.Cyclic.Triangular2 => nameof(ScheduleDsl.Formulas.Cyclic.Triangular2),
            ScheduleDsl.Formulas.Cyclic.ExpRange => nameof(ScheduleDsl.Formulas.Cyclic.ExpRange),
            _ => nameof(ScheduleDsl.Formulas.Cyclic.Triangular),
        };
    }

    sealed partial record Restarts
    {
        private protected override string[] ArgumentCode => [Double(Peak), Double(Final), Long(FirstCycle), Double(Multiplier), Double(Decay), Long(CycleLimit)];
    }

    sealed partial record Named
    {
        private protected override string[] ArgumentCode => Arguments.Select(a => a.ToString()).ToArray();
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
            ArgumentKind.Long => Long((long)Value),
            _ => Double(Value),
        };
    }
}
