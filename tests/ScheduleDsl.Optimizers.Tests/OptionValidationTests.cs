using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ScheduleDsl.Averaging;
using Xunit;
using static ScheduleDsl.Optimizers.Tests.TestOptimizers;

namespace ScheduleDsl.Optimizers.Tests;

/// <summary>
/// Every numeric option × {NaN, −NaN, +∞, −∞, −0.0, 0, huge, negative} (plus 1 for the unit ranges) gives the outcome
/// documented in docs/optimizers.md ("Hyperparameter ranges"): rejected with an <see cref="ArgumentOutOfRangeException"/>
/// naming the option, or accepted, with −0.0 behaving bit for bit as 0.
/// </summary>
public class OptionValidationTests
{
    private static readonly int[] Lengths = [33];

    /// <summary>The probe values; −NaN has the sign bit set, which a "value &lt; 0" check does not see.</summary>
    private static readonly Dictionary<string, double> Values = new()
    {
        ["NaN"] = double.NaN,
        ["-NaN"] = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8000000000000)),
        ["+Inf"] = double.PositiveInfinity,
        ["-Inf"] = double.NegativeInfinity,
        ["-0.0"] = -0.0,
        ["0"] = 0.0,
        ["1"] = 1.0,
        ["huge"] = 1e300,
        ["negative"] = -0.5,
    };

    /// <summary>
    /// The documented ranges, written out value by value (independently of the library's range code):
    /// which probe values each range accepts.
    /// </summary>
    private static readonly Dictionary<string, string[]> Accepted = new()
    {
        ["finite float, >= 0"] = ["-0.0", "0", "1"],
        ["finite, >= 0"] = ["-0.0", "0", "1", "huge"],
        ["[0, 1)"] = ["-0.0", "0"],
        ["[0, 1]"] = ["-0.0", "0", "1"],
    };

    /// <summary>Every option: its name (as the exception names it), its documented range, and how to build with a value.</summary>
    private static readonly (string Option, string Range, Func<double, object> Build)[] Options =
    [
        ("Momentum", "finite float, >= 0", v => new Sgd<Constant<Rate0_01>>(Lengths, new SgdOptions { Momentum = v })),
        ("Dampening", "[0, 1]", v => new Sgd<Constant<Rate0_01>>(Lengths, new SgdOptions { Momentum = 0.9, Dampening = v })),
        ("WeightDecay", "finite float, >= 0", v => new Sgd<Constant<Rate0_01>>(Lengths, new SgdOptions { WeightDecay = v })),
        ("Beta1", "[0, 1)", v => new Adam<Constant<Rate0_01>>(Lengths, new AdamOptions { Beta1 = v })),
        ("Beta2", "[0, 1)", v => new Adam<Constant<Rate0_01>>(Lengths, new AdamOptions { Beta2 = v })),
        ("Epsilon", "finite float, >= 0", v => new Adam<Constant<Rate0_01>>(Lengths, new AdamOptions { Epsilon = v })),
        ("WeightDecay", "finite float, >= 0", v => new Adam<Constant<Rate0_01>>(Lengths, new AdamOptions { WeightDecay = v })),
        ("WeightDecay", "finite float, >= 0", v => new AdamW<Constant<Rate0_01>>(Lengths, new AdamOptions { WeightDecay = v })),
        ("Alpha", "[0, 1]", v => new RmsProp<Constant<Rate0_01>>(Lengths, new RmsPropOptions { Alpha = v })),
        ("Epsilon", "finite float, >= 0", v => new RmsProp<Constant<Rate0_01>>(Lengths, new RmsPropOptions { Epsilon = v })),
        ("WeightDecay", "finite float, >= 0", v => new RmsProp<Constant<Rate0_01>>(Lengths, new RmsPropOptions { WeightDecay = v })),
        ("Momentum", "finite float, >= 0", v => new RmsProp<Constant<Rate0_01>>(Lengths, new RmsPropOptions { Momentum = v })),
        ("LearningRateDecay", "finite, >= 0", v => new Adagrad<Constant<Rate0_01>>(Lengths, new AdagradOptions { LearningRateDecay = v })),
        ("WeightDecay", "finite float, >= 0", v => new Adagrad<Constant<Rate0_01>>(Lengths, new AdagradOptions { WeightDecay = v })),
        ("InitialAccumulatorValue", "finite float, >= 0", v => new Adagrad<Constant<Rate0_01>>(Lengths, new AdagradOptions { InitialAccumulatorValue = v })),
        ("Epsilon", "finite float, >= 0", v => new Adagrad<Constant<Rate0_01>>(Lengths, new AdagradOptions { Epsilon = v })),
        ("maxNorm", "finite float, >= 0", v => GradientClipping.ByGlobalNorm(v)),
        ("clipValue", "finite float, >= 0", v => GradientClipping.ByValue(v)),
        ("ParameterGroups[0].LearningRateScale", "finite float, >= 0", v => new Sgd<Constant<Rate0_01>>(Lengths, new SgdOptions { ParameterGroups = [new ParameterGroup(0) { LearningRateScale = v }] })),
        ("ParameterGroups[0].WeightDecay", "finite float, >= 0", v => new Sgd<Constant<Rate0_01>>(Lengths, new SgdOptions { ParameterGroups = [new ParameterGroup(0) { WeightDecay = v }] })),
        ("decay", "[0, 1]", v => WeightAverage.Exponential(Lengths, v)),
    ];

    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        for (int i = 0; i < Options.Length; i++)
        {
            foreach (string value in Values.Keys)
            {
                data.Add(i, value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_option_gives_its_documented_outcome_for_every_edge_value(int option, string value)
    {
        (string name, string range, Func<double, object> build) = Options[option];
        double v = Values[value];
        if (!Accepted[range].Contains(value))
        {
            ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => build(v));
            Assert.Equal(name, e.ParamName);
            Assert.Contains(name, e.Message);
            return;
        }

        object built = build(v);
        if (built is Optimizer optimizer)
        {
            float[] p = RandomTensors(Lengths, 1)[0];
            for (int s = 0; s < 3; s++)
            {
                Assert.Equal(StepResult.Applied, optimizer.Step(p, RandomTensors(Lengths, 10 + s)[0]));
            }

            Assert.All(p, x => Assert.True(float.IsFinite(x)));
            if (value == "-0.0")
            {
                // −0.0 is 0: same parameters, same checkpoint bytes, same fingerprint.
                var zero = (Optimizer)build(0.0);
                float[] q = RandomTensors(Lengths, 1)[0];
                for (int s = 0; s < 3; s++)
                {
                    zero.Step(q, RandomTensors(Lengths, 10 + s)[0]);
                }

                Assert.Equal(-1, FirstBitDifference(p, q));
                Assert.Equal(Checkpoint(zero), Checkpoint(optimizer));
                Assert.Equal(zero.HyperparameterFingerprint, optimizer.HyperparameterFingerprint);
            }
        }
        else if (built is GradientClipping clipping)
        {
            Assert.Equal(0L, BitConverter.DoubleToInt64Bits(clipping.Threshold) & long.MinValue); // −0.0 stored as +0.0
        }
        else
        {
            var average = (WeightAverage)built;
            Assert.Equal(0L, BitConverter.DoubleToInt64Bits(average.Decay) & long.MinValue);
        }
    }

    [Fact]
    public void The_table_covers_every_numeric_option_of_every_options_class()
    {
        // A new numeric option must be added to the table above (and to the docs' range table).
        string[] covered = Options.Select(o => o.Option).ToArray();
        foreach (Type type in new[] { typeof(SgdOptions), typeof(AdamOptions), typeof(RmsPropOptions), typeof(AdagradOptions) })
        {
            foreach (var property in type.GetProperties().Where(p => p.PropertyType == typeof(double) || p.PropertyType == typeof(double?)))
            {
                Assert.Contains(property.Name, covered);
            }
        }
    }

    public static TheoryData<string> RateValues() => new(Values.Keys);

    [Theory]
    [MemberData(nameof(RateValues))]
    public void An_explicit_rate_outside_the_learning_rate_range_is_rejected_and_changes_nothing(string value)
    {
        double rate = Values[value];
        bool accepted = Accepted["finite float, >= 0"].Contains(value);
        foreach (bool multi in new[] { false, true })
        {
            Optimizer optimizer = Create("adam-amsgrad-wd", Lengths);
            float[] p = RandomTensors(Lengths, 1)[0];
            float[] g = RandomTensors(Lengths, 2)[0];
            optimizer.Step(p, g);
            byte[] before = Checkpoint(optimizer);
            float[] parameters = (float[])p.Clone();
            Func<StepResult> step = multi
                ? () => optimizer.Step([p.AsMemory()], [(ReadOnlyMemory<float>)g.AsMemory()], rate)
                : () => optimizer.Step(p, g, rate);
            if (accepted)
            {
                Assert.Equal(StepResult.Applied, step());
                continue;
            }

            ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => step());
            Assert.Equal("learningRate", e.ParamName);
            Assert.Equal(before, Checkpoint(optimizer));
            Assert.Equal(-1, FirstBitDifference(parameters, p));
        }
    }

    [Fact]
    public void An_explicit_rate_of_minus_zero_is_a_rate_of_zero()
    {
        Optimizer a = Create("sgd-nesterov-wd", Lengths);
        Optimizer b = Create("sgd-nesterov-wd", Lengths);
        float[] p = RandomTensors(Lengths, 1)[0];
        float[] q = (float[])p.Clone();
        float[] g = RandomTensors(Lengths, 2)[0];
        a.Step(p, g, -0.0);
        b.Step(q, g, 0.0);
        Assert.Equal(-1, FirstBitDifference(p, q));
        Assert.Equal(Checkpoint(a), Checkpoint(b));
    }

    public static TheoryData<string> BadScheduledValues() => new() { "NaN", "-NaN", "+Inf", "negative", "huge" };

    [Theory]
    [MemberData(nameof(BadScheduledValues))]
    public void A_schedule_that_leaves_its_range_rejects_that_step_and_changes_nothing(string value)
    {
        double bad = Values[value];
        var schedule = new DelegateSchedule("bad at 2", k => k == 2 ? bad : 0.01);
        var optimizers = new Optimizer[]
        {
            new Sgd<Constant<Rate0_01>>(Lengths, new SgdOptions { WeightDecaySchedule = schedule }),
            new Sgd<Constant<Rate0_01>>(Lengths, new SgdOptions { MomentumSchedule = schedule }),
            new AdamW<Constant<Rate0_01>>(Lengths, new AdamOptions { Beta2Schedule = schedule }),
        };
        string[] names = ["WeightDecay", "Momentum", "Beta2"];
        for (int i = 0; i < optimizers.Length; i++)
        {
            Optimizer o = optimizers[i];
            float[] p = RandomTensors(Lengths, 1)[0];
            o.Step(p, RandomTensors(Lengths, 2)[0]);
            o.Step(p, RandomTensors(Lengths, 3)[0]);
            byte[] before = Checkpoint(o);
            float[] parameters = (float[])p.Clone();
            ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => o.Step(p, RandomTensors(Lengths, 4)[0]));
            Assert.Equal(names[i], e.ParamName);
            Assert.Contains($"The {names[i]} schedule returned", e.Message);
            Assert.Contains("update 2", e.Message);
            Assert.Equal(before, Checkpoint(o));
            Assert.Equal(-1, FirstBitDifference(parameters, p));
        }
    }

    [Fact]
    public void A_derived_scalar_beyond_the_float_range_rejects_the_step()
    {
        // λ = 3e38 is a float and lr = 1e10 is a float, but AdamW's factor 1 − lr·λ = −3e48 is not: the step is rejected.
        var o = new AdamW<Constant<Rate0_01>>(Lengths, new AdamOptions { WeightDecay = 3e38 });
        float[] p = RandomTensors(Lengths, 1)[0];
        float[] parameters = (float[])p.Clone();
        byte[] before = Checkpoint(o);
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => o.Step(p, RandomTensors(Lengths, 2)[0], learningRate: 1e10));
        Assert.Contains("1 − lr·λ", e.Message);
        Assert.Equal(before, Checkpoint(o));
        Assert.Equal(-1, FirstBitDifference(parameters, p));
    }

    [Fact]
    public void Scheduling_a_momentum_twice_is_rejected()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new Sgd<OneCycleSchedule>(Lengths, new SgdOptions { MomentumSchedule = RisingMomentum }));
        Assert.Contains("MomentumSchedule", e.Message);
        Assert.Throws<ArgumentException>(() => new AdamW<OneCycleSchedule>(Lengths, new AdamOptions { Beta1Schedule = RisingMomentum }));
    }

    [Fact]
    public void Invalid_parameter_groups_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<Constant<Rate0_01>>([3, 4], new SgdOptions { ParameterGroups = [new ParameterGroup(2)] }));
        Assert.Throws<ArgumentException>(() => new Sgd<Constant<Rate0_01>>([3, 4], new SgdOptions { ParameterGroups = [new ParameterGroup(1), new ParameterGroup(1)] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ByGlobalNorm(1, (GradientNormType)7));
    }
}
