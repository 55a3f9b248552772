using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using ScheduleDsl.Language;
using ScheduleDsl.Tests.Infrastructure;
using ScheduleDsl.Text;
using Xunit;

namespace ScheduleDsl.Tests.Runtime;

/// <summary>
/// The builder prints attribute instances as the attribute syntax that constructs them: the text, compiled by Roslyn as
/// real attributes, gives back instances equal to the ones built in code (so builder, text and attributes are one
/// language), and lengths from the run are printed as the text form's length strings.
/// </summary>
public sealed class ScheduleBuilderTests
{
    [Fact]
    public void Prints_the_readme_schedule_as_its_attributes()
    {
        ScheduleText text = new ScheduleBuilder(3e-4)
            .Then(new WarmupAttribute(500))
            .Then(new CosineAttribute(10_000) { Final = 3e-5 })
            .ToText();
        Assert.Equal("[LearningRate(0.0003)] [Warmup(500)] [Cosine(10000, Final = 3E-05)]", text.ToString());
        Assert.Equal(ScheduleText.Parse("[LearningRate(3e-4)] [Warmup(500)] [Cosine(10_000, Final = 3e-5)]"), text);
    }

    [Fact]
    public void Leaves_out_defaults_and_trailing_optional_constructor_arguments()
    {
        Assert.Equal("[LearningRate(0.1)] [StepDecay(30)]", new ScheduleBuilder(0.1).Then(new StepDecayAttribute(30)).ToString());
        Assert.Equal("[LearningRate(0.1)] [StepDecay(30, 0.5)]", new ScheduleBuilder(0.1).Then(new StepDecayAttribute(30, 0.5)).ToString());

        // Warmup's start factor defaults to 1/(W + 1) of the W written; any other value, 0 included, is printed.
        Assert.Equal("[LearningRate(0.1)] [Warmup(9)]", new ScheduleBuilder(0.1).Then(new WarmupAttribute(9) { StartFactor = 0.1 }).ToString());
        Assert.Equal("[LearningRate(0.1)] [Warmup(9, StartFactor = 0.0)]", new ScheduleBuilder(0.1).Then(new WarmupAttribute(9) { StartFactor = 0 }).ToString());
        Assert.Equal("[LearningRate(0.1)] [Warmup(9, StartFactor = -0.0)]", new ScheduleBuilder(0.1).Then(new WarmupAttribute(9) { StartFactor = -0.0 }).ToString());

        Assert.Equal(
            "[LearningRate(0.1, TrainingSteps = 1000)] [Cosine(1000, End = EndBehavior.Periodic)]",
            new ScheduleBuilder(new LearningRateAttribute(0.1) { TrainingSteps = 1000 }).Then(new CosineAttribute(1000) { End = EndBehavior.Periodic }).ToString());
    }

    [Fact]
    public void Is_immutable_so_a_prefix_can_be_shared()
    {
        ScheduleBuilder warm = new ScheduleBuilder(0.1).Then(new WarmupAttribute(10));
        ScheduleBuilder cosine = warm.Then(new CosineAttribute(90));
        ScheduleBuilder linear = warm.Then(new LinearAttribute(90, 1, 0));
        Assert.Equal("[LearningRate(0.1)] [Warmup(10)]", warm.ToString());
        Assert.Equal("[LearningRate(0.1)] [Warmup(10)] [Cosine(90)]", cosine.ToString());
        Assert.Equal("[LearningRate(0.1)] [Warmup(10)] [Linear(90, 1.0, 0.0)]", linear.ToString());

        // The attribute is read when it is added.
        var phase = new CosineAttribute(50);
        ScheduleBuilder before = new ScheduleBuilder(0.1).Then(phase);
        phase.Final = 0.01;
        Assert.Equal("[LearningRate(0.1)] [Cosine(50)]", before.ToString());
    }

    /// <summary>Every kind with every settable argument changed from its default, in one instance each.</summary>
    public static IEnumerable<PhaseAttribute> EveryKind() =>
    [
        new WarmupAttribute(500) { StartFactor = 0.25, Shape = CurveShape.OneMinusSqrt, Start = 7 },
        new ConstantAttribute(40) { Factor = 0.5, Multiply = true },
        new LinearAttribute(90, 0.2, 0.75) { End = EndBehavior.Throw },
        new CosineAttribute(10_000) { Final = 3e-5, Exponent = 2, KDecay = 1.5, End = EndBehavior.Periodic },
        new ExponentialAttribute(0.97) { Steps = 50 },
        new StepDecayAttribute(30, 0.5) { Steps = 1L << 40 },
        new MultiStepAttribute(0.1, 30, 60, 60, 90) { Steps = 100 },
        new MultiStepAttribute(0.5),
        new PolynomialAttribute(40) { Power = 0.5, Final = 1e-3 },
        new OneCycleAttribute(1000) { PctStart = 0.25, Anneal = AnnealStrategy.Linear, DivFactor = 10, FinalDivFactor = 100, ThreePhase = true, CycleMomentum = false, BaseMomentum = 0.8, MaxMomentum = 0.9 },
        new CyclicAttribute(20, 0.001) { StepsDown = 30, Mode = CyclicMode.ExpRange, Gamma = 0.999, CycleMomentum = false, BaseMomentum = 0.7, MaxMomentum = 0.95, Steps = 400 },
        new CosineRestartsAttribute(10) { Multiplier = 2, Final = 1e-4, Decay = 0.5, CycleLimit = 3, Steps = 70 },
        new NoamAttribute(4000, 512) { Scale = 2, Steps = 100_000 },
        new InverseSqrtAttribute(25) { Steps = 1000 },
        new InverseTimeAttribute(10, 0.5) { Staircase = true, Steps = 200 },
        new OptimalAttribute(1e-3) { Steps = 300 },
        new InverseScalingAttribute(0.25) { Steps = 300 },
        new DecayAttribute(50) { Shape = CurveShape.Cosine, Final = 0.01 },
        new TanhAttribute(40) { Lower = -6, Upper = 4, Final = 0.001 },
        new SwaAnnealAttribute(10, 0.05) { Anneal = AnnealStrategy.Linear },
        new PiecewiseAttribute([1.0, 0.5, 0.1], 10, 20) { ChangeAfterBoundary = true },
        new InterpolateAttribute([0.04, 1.0, 4e-6], 0, 30, 100) { Anneal = AnnealStrategy.Cosine },
        new InterpolateAttribute([1.0]),
        new NoiseAttribute { Pct = 0.5, Seed = 7, Uniform = true, Start = 10, Steps = 90 },
        new ExponentialAttribute(0.5) { DecaySteps = 10, Staircase = true, TransitionBegin = 5, Final = 0.01 },
        new PolynomialAttribute(40) { Power = 2, Cycle = true },
    ];

    [Fact]
    public void The_text_of_every_kind_compiles_to_an_equal_attribute()
    {
        PhaseAttribute[] phases = [.. EveryKind()];
        Assert.Equal(
            typeof(PhaseAttribute).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PhaseAttribute))).OrderBy(t => t.Name),
            phases.Select(p => p.GetType()).Distinct().OrderBy(t => t.Name));

        // Each phase in a type of its own, as C# attributes: what Roslyn constructs from the text must equal the instance.
        string[] texts = [.. phases.Select(p => new ScheduleBuilder(0.1).Then(p).ToText().ToString())];
        string source = "using ScheduleDsl;\n" + string.Concat(texts.Select((t, i) => $"{t}\npublic partial struct K{i};\n"));
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Id.StartsWith("CS", StringComparison.Ordinal)));
        Assembly assembly = GeneratorHarness.Load(run.Output);
        for (int i = 0; i < phases.Length; i++)
        {
            PhaseAttribute[] compiled = assembly.GetType("K" + i, throwOnError: true)!.GetCustomAttributes(inherit: false).OfType<PhaseAttribute>().ToArray();
            PhaseAttribute single = Assert.Single(compiled);
            Assert.Equal(phases[i].GetType(), single.GetType());
            foreach (PropertyInfo property in phases[i].GetType().GetProperties().Where(p => p.DeclaringType != typeof(Attribute)))
            {
                object? want = property.GetValue(phases[i]);
                object? got = property.GetValue(single);
                Assert.True(
                    want is Array a && got is Array b ? a.Cast<object>().SequenceEqual(b.Cast<object>()) : Equals(want, got),
                    $"{texts[i]}: {property.Name} is {got} after compiling, {want} in the instance");
            }
        }
    }

    [Fact]
    public void Lengths_from_the_run_replace_the_phase_length_and_resolve_like_the_text_form()
    {
        ScheduleText text = new ScheduleBuilder(0.1)
            .Then(new WarmupAttribute(1), ScheduleLength.Percent(5))
            .Then(new ConstantAttribute(1), ScheduleLength.Rest)
            .Then(new CosineAttribute(1) { Final = 1e-5 }, ScheduleLength.Epochs(2))
            .ToText();
        Assert.Equal("[LearningRate(0.1)] [Warmup(\"0.05 of run\")] [Constant(\"rest\")] [Cosine(\"2 epochs\", Final = 1E-05)]", text.ToString());

        // 30 epochs of 117 updates = 3510 steps: warmup ⌈3510 × 0.05⌉ = ⌈175.5⌉ = 176, decay 2 × 117 = 234, the rest 3100.
        ScheduleText resolved = text.ResolveLengths(TrainingRun.FromEpochs(30, 117));
        Assert.Equal("[LearningRate(0.1)] [Warmup(176L)] [Constant(3100L)] [Cosine(234L, Final = 1E-05)]", resolved.ToString());

        // A kind whose own length is its Steps property, and a length in steps, which needs no run.
        Assert.Equal("[LearningRate(0.1)] [Exponential(0.9, Steps = \"3 epochs\")]", new ScheduleBuilder(0.1).Then(new ExponentialAttribute(0.9), ScheduleLength.Epochs(3)).ToString());
        Assert.Equal("[LearningRate(0.1)] [OneCycle(\"rest\")]", new ScheduleBuilder(0.1).Then(new OneCycleAttribute(1), ScheduleLength.Rest).ToString());
        Assert.Equal("[LearningRate(0.1)] [Cosine(250)]", new ScheduleBuilder(0.1).Then(new CosineAttribute(1), 250).ToString());

        ArgumentException error = Assert.Throws<ArgumentException>(() => new ScheduleBuilder(0.1).Then(new PiecewiseAttribute([1.0]), ScheduleLength.Rest));
        Assert.Contains("[Piecewise] has no length of its own", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500", "500")]
    [InlineData("500 steps", "500")]
    [InlineData("2 epochs", "2 epochs")]
    [InlineData("0.5 epoch", "0.5 epochs")]
    [InlineData("5%", "0.05 of run")]
    [InlineData("rest", "rest")]
    public void Lengths_print_as_the_text_forms_length_strings(string written, string printed)
    {
        ScheduleLength length = ScheduleLength.Parse(written);
        Assert.Equal(printed, length.ToString());
        Assert.Equal(length, ScheduleLength.Parse(printed));
        Assert.Equal(LengthSpec.Parse(written).ToString(), printed);
    }

    [Fact]
    public void Lengths_reject_what_no_run_can_resolve()
    {
        Assert.Throws<FormatException>(() => ScheduleLength.Parse("2 fortnights"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScheduleLength.Steps(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScheduleLength.Epochs(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScheduleLength.Epochs(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScheduleLength.Fraction(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScheduleLength.Percent(0));
        Assert.Equal(ScheduleLength.Fraction(0.05), ScheduleLength.Percent(5));
        Assert.True(((ScheduleLength)12).IsSteps);
        Assert.False(ScheduleLength.Rest.IsSteps);
    }
}
