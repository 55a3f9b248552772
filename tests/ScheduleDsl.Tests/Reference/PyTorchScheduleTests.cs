using System;
using System.Collections.Generic;
using System.Linq;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;

namespace ScheduleDsl.Tests.Reference;

/// <summary>
/// Every case of tests/Reference/pytorch-schedules.json that the current phase kinds express, declared with
/// attributes and compared step by step with the recorded PyTorch 1.13 learning rates.
/// </summary>
public sealed class PyTorchScheduleTests
{
    /// <summary>The double path must agree within 1e-9 relative: the recording differs from PyTorch's own closed forms by under 1e-13.</summary>
    private const double RelativeTolerance = 1e-9;

    private static readonly Dictionary<string, Evaluator> Covered = new(StringComparer.Ordinal)
    {
        ["steplr_30_0.1"] = Evaluator.Of<StepLr30>(),
        ["steplr_7_0.5"] = Evaluator.Of<StepLr7>(),
        ["multisteplr_30_80"] = Evaluator.Of<MultiStep30And80>(),
        ["multisteplr_repeated_milestone"] = Evaluator.Of<MultiStepRepeated>(),
        ["constantlr_defaults"] = Evaluator.Of<ConstantDefaults>(),
        ["constantlr_half_4"] = Evaluator.Of<ConstantHalf>(),
        ["linearlr_warmup"] = Evaluator.Of<LinearWarmup>(),
        ["linearlr_decay"] = Evaluator.Of<LinearDecay>(),
        ["exponentiallr_0.95"] = Evaluator.Of<Exponential95>(),
        ["polynomiallr_linear"] = Evaluator.Of<PolynomialLinear>(),
        ["polynomiallr_power2"] = Evaluator.Of<PolynomialSquare>(),
        ["cosine_tmax100"] = Evaluator.Of<Cosine100>(),
        ["cosine_tmax50_etamin"] = Evaluator.Of<Cosine50ToMin>(),
        ["cosine_past_tmax_periodic"] = Evaluator.Of<CosinePeriodic40>(),
        ["sequential_linear_warmup_cosine"] = Evaluator.Of<LinearThenCosine>(),
        ["sequential_constant_exponential"] = Evaluator.Of<ConstantThenExponential>(),
        ["lambda_hf_linear_warmup_cosine"] = Evaluator.Of<HuggingFaceWarmupCosine>(),
        ["warmrestarts_tmult1"] = Evaluator.Of<Restarts20>(),
        ["warmrestarts_tmult2"] = Evaluator.Of<RestartsDoubling>(),
        ["cyclic_triangular"] = Evaluator.Of<CyclicTriangular>(),
        ["cyclic_triangular2_asym"] = Evaluator.Of<CyclicTriangular2>(),
        ["cyclic_exp_range"] = Evaluator.Of<CyclicExpRange>(),
        ["cyclic_triangular_momentum"] = Evaluator.WithMomentum<CyclicWithMomentum>(),
        ["onecycle_cos_sgd_momentum"] = Evaluator.WithMomentum<OneCycleCos>(),
        ["onecycle_linear_sgd_momentum"] = Evaluator.WithMomentum<OneCycleLinear>(),
        ["onecycle_cos_three_phase"] = Evaluator.WithMomentum<OneCycleThreePhase>(),
        ["onecycle_linear_three_phase_adam"] = Evaluator.WithMomentum<OneCycleLinearThreePhase>(),
        ["onecycle_cos_no_momentum"] = Evaluator.Of<OneCycleNoMomentum>(),
        ["chained_constant_exponential"] = Evaluator.Of<ChainedConstantExponential>(),
        ["chained_linear_warmup_exponential"] = Evaluator.Of<ChainedWarmupExponential>(),
        ["lambda_noam_inverse_sqrt"] = Evaluator.Of<NoamSchedule>(),
        ["swalr_cos"] = Evaluator.Of<SwaCos>(),
        ["swalr_linear_up"] = Evaluator.Of<SwaLinearUp>(),
    };

    /// <summary>Cases driven by a metric rather than declared as a closed form; tested by the plateau tests.</summary>
    private static readonly HashSet<string> LaterKinds = new(StringComparer.Ordinal)
    {
        "plateau_min_rel_default_threshold", "plateau_min_abs_cooldown_minlr", "plateau_max_rel_negative_metrics", "plateau_max_abs_eps_stall",
    };

    public static TheoryData<string> CoveredCases => new(Covered.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Every_reference_case_is_either_covered_or_named_for_a_later_kind()
    {
        string[] unaccounted = ReferenceData.ScheduleCases.Keys.Where(k => !Covered.ContainsKey(k) && !LaterKinds.Contains(k)).ToArray();
        string[] unknown = Covered.Keys.Concat(LaterKinds).Where(k => !ReferenceData.ScheduleCases.ContainsKey(k)).ToArray();

        Assert.Empty(unaccounted);
        Assert.Empty(unknown);
        Assert.Equal(ReferenceData.ScheduleCases.Count, Covered.Count + LaterKinds.Count);
    }

    [Theory]
    [MemberData(nameof(CoveredCases))]
    public void Double_rates_match_PyTorch_at_every_recorded_step(string name)
    {
        ScheduleCase reference = ReferenceData.ScheduleCases[name];
        Evaluator schedule = Covered[name];
        Assert.NotEmpty(reference.Lr);
        for (int step = 0; step < reference.Lr.Length; step++)
        {
            double actual = schedule.At(step);
            Assert.True(
                Ulp.WithinRelative(actual, reference.Lr[step], RelativeTolerance),
                $"{name} step {step}: expected {reference.Lr[step]:R}, got {actual:R}");
        }
    }

    [Theory]
    [MemberData(nameof(CoveredCases))]
    public void Single_rates_are_the_reference_rounded_to_float(string name)
    {
        ScheduleCase reference = ReferenceData.ScheduleCases[name];
        Evaluator schedule = Covered[name];
        for (int step = 0; step < reference.Lr.Length; step++)
        {
            float actual = schedule.AtSingle(step);
            float expected = (float)reference.Lr[step];
            Assert.True(Ulp.Distance(actual, expected) <= 1, $"{name} step {step}: expected {expected:R}, got {actual:R}");
        }
    }

    [Theory]
    [MemberData(nameof(CoveredCases))]
    public void Momentum_matches_PyTorch_where_it_is_cycled(string name)
    {
        ScheduleCase reference = ReferenceData.ScheduleCases[name];
        Evaluator schedule = Covered[name];
        Assert.Equal(reference.Momentum is not null, schedule.MomentumAt is not null);
        if (reference.Momentum is null)
        {
            return;
        }

        for (int step = 0; step < reference.Momentum.Length; step++)
        {
            double actual = schedule.MomentumAt!(step);
            Assert.True(
                Ulp.WithinRelative(actual, reference.Momentum[step], RelativeTolerance),
                $"{name} step {step}: expected momentum {reference.Momentum[step]:R}, got {actual:R}");
        }
    }

    [Theory]
    [MemberData(nameof(CoveredCases))]
    public void Fill_over_the_recorded_range_matches_the_scalar_path(string name)
    {
        ScheduleCase reference = ReferenceData.ScheduleCases[name];
        Evaluator schedule = Covered[name];
        var filled = new float[reference.Lr.Length];
        schedule.Fill(filled, 0);
        for (int step = 0; step < filled.Length; step++)
        {
            Assert.True(Ulp.Distance(filled[step], schedule.AtSingle(step)) <= 1, $"{name} step {step}: Fill {filled[step]:R}, AtSingle {schedule.AtSingle(step):R}");
        }
    }

    /// <summary>Binds a generated schedule type's static members, the way a generic caller sees them.</summary>
    public sealed record Evaluator(Func<long, double> At, Func<long, float> AtSingle, Action<float[], long> Fill, Func<long, double>? MomentumAt = null)
    {
        public static Evaluator Of<TSchedule>()
            where TSchedule : ISchedule
        {
            Assert.False(typeof(IMomentumSchedule).IsAssignableFrom(typeof(TSchedule)), $"{typeof(TSchedule).Name} cycles momentum: use WithMomentum");
            return new(TSchedule.At, TSchedule.AtSingle, (destination, first) => TSchedule.Fill(destination, first));
        }

        public static Evaluator WithMomentum<TSchedule>()
            where TSchedule : ISchedule, IMomentumSchedule
            => new(TSchedule.At, TSchedule.AtSingle, (destination, first) => TSchedule.Fill(destination, first), TSchedule.MomentumAt);
    }
}
