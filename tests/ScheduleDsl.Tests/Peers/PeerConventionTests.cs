using System;
using Xunit;

namespace ScheduleDsl.Tests.Peers;

/// <summary>
/// One test per peer convention that today's attributes express (docs/peers/*.md). Each expected value is computed
/// here, independently of the library, with plain double arithmetic transcribing the peer's own source; the comment
/// names the file and the commit read.
/// </summary>
public sealed class PeerConventionTests
{
    /// <summary>Relative tolerance: the peer formulas and ours differ only by rounding (sin² vs 1 + cos, x^(t/k) vs γ^t).</summary>
    private const double Relative = 1e-12;

    /// <summary>Absolute slack for expected values at or near 0, where a relative bound means nothing.</summary>
    private const double Absolute = 1e-16;

    // ---------------------------------------------------------------- Optax
    // google-deepmind/optax optax/schedules/_schedule.py @ 006cebd2adddd064757543329c83eaed0890ed82, _join.py (join_schedules).

    [Fact]
    public void Optax_warmup_cosine_decay_counts_the_warmup_in_decay_steps()
    {
        AssertSchedule<OptaxWarmupCosine>(count => OptaxWarmupCosineDecay(count, 0.01, 0.1, 10, 100, 0.001), 0, 150);
        Assert.Equal(100, OptaxWarmupCosine.TotalSteps);
    }

    [Fact]
    public void Optax_warmup_from_above_the_peak_is_a_linear_phase_then_a_cosine_interpolation()
    {
        AssertSchedule<OptaxWarmupFromAbove>(count => OptaxWarmupCosineDecay(count, 0.2, 0.1, 10, 60, 0.001), 0, 90);
    }

    [Fact]
    public void Optax_cosine_decay_exponent_raises_the_cosine_factor()
    {
        AssertSchedule<OptaxCosineExponent>(count => OptaxCosineDecay(count, 0.1, 50, 0.02, 2.0), 0, 80);
    }

    [Fact]
    public void Optax_cosine_onecycle_is_a_cosine_interpolation_through_its_three_points()
    {
        // cosine_onecycle_schedule(100, 0.1) = piecewise_interpolate_schedule('cosine', 0.1/25, {int(0.3·100): 25, 100: 1/(25·1e4)})
        AssertSchedule<OptaxCosineOneCycle>(
            count => OptaxInterpolate(count, 0.1 / 25, [30, 100], [25.0, 1.0 / (25 * 1e4)], cosine: true), 0, 130);
        Assert.Equal(0.1, OptaxCosineOneCycle.At(30), 15);
    }

    [Fact]
    public void Optax_linear_onecycle_has_pct_final_and_its_own_boundaries()
    {
        // linear_onecycle_schedule(100, 0.1, pct_start=0.3, pct_final=0.85) =
        // piecewise_interpolate_schedule('linear', 0.1/25, {30: 25, 85: 1/25, 100: 1/1e4})
        AssertSchedule<OptaxLinearOneCycle>(
            count => OptaxInterpolate(count, 0.1 / 25, [30, 85, 100], [25.0, 1.0 / 25, 1.0 / 1e4], cosine: false), 0, 130);
    }

    [Fact]
    public void Optax_transition_begin_is_a_constant_phase_before_the_decay()
    {
        // exponential_decay(0.1, 1, 0.9, transition_begin=5): init while count − begin ≤ 0, then init·rate^((count − begin)/1)
        AssertSchedule<OptaxExponentialBegin>(count => count - 5 <= 0 ? 0.1 : 0.1 * Math.Pow(0.9, count - 5), 0, 60);

        // polynomial_schedule(0.1, 0.01, 2, 40, transition_begin=10): c = clip(count − 10, 0, 40); (I − E)(1 − c/T)^P + E
        AssertSchedule<OptaxPolynomialBegin>(
            count =>
            {
                double c = Math.Clamp(count - 10, 0, 40);
                return ((0.1 - 0.01) * Math.Pow(1 - (c / 40), 2)) + 0.01;
            },
            0,
            80);
    }

    [Fact]
    public void Optax_piecewise_constant_applies_each_scale_at_its_boundary()
    {
        // piecewise_constant_schedule(0.1, {10: 0.5, 20: 0.2}): value = init·Π scale_i for count ≥ b_i
        AssertSchedule<OptaxPiecewiseConstant>(
            count =>
            {
                double v = 0.1;
                if (count >= 10)
                {
                    v *= 0.5;
                }

                if (count >= 20)
                {
                    v *= 0.2;
                }

                return v;
            },
            0,
            40);
    }

    // ---------------------------------------------------------------- Hugging Face
    // huggingface/transformers src/transformers/optimization.py @ 005edacb6b5dabbf0843e92c6623de9e07ca6241 (every lambda below).

    internal static double HfWarmup(long step, long warmup) => step / (double)Math.Max(1, warmup);

    /// <summary>_get_cosine_schedule_with_warmup_lr_lambda (with min_lr_rate, as cosine_with_min_lr uses it).</summary>
    internal static double HfCosineFactor(long s, long warmup, long training, double numCycles, double minLrRate)
    {
        if (s < warmup)
        {
            return HfWarmup(s, warmup);
        }

        double progress = (s - warmup) / (double)Math.Max(1, training - warmup);
        double factor = 0.5 * (1.0 + Math.Cos(Math.PI * numCycles * 2.0 * progress));
        factor = (factor * (1 - minLrRate)) + minLrRate;
        return Math.Max(0, factor);
    }

    [Fact]
    public void HuggingFace_cosine_with_warmup_starts_at_zero_and_is_periodic_past_the_end()
    {
        AssertSchedule<HfCosine>(s => 0.1 * HfCosineFactor(s, 10, 100, 0.5, 0.0), 0, 400);
        Assert.Equal(0.0, HfCosine.At(0));
    }

    [Fact]
    public void HuggingFace_cosine_with_one_full_cycle_is_a_periodic_cosine_of_half_the_length()
    {
        AssertSchedule<HfCosineOneCycle>(s => 0.1 * HfCosineFactor(s, 10, 100, 1.0, 0.0), 0, 300);
    }

    [Fact]
    public void HuggingFace_cosine_with_min_lr_rate_is_a_periodic_cosine_to_the_floor()
    {
        AssertSchedule<HfCosineMinLr>(s => 0.1 * HfCosineFactor(s, 10, 100, 0.5, 0.05), 0, 300);
    }

    /// <summary>_get_cosine_with_min_lr_schedule_with_warmup_lr_rate_lambda.</summary>
    private static double HfCosineWarmupMinLrFactor(long step, double warmup, double training, double numCycles, double minLrRate, double? warmupLrRate)
    {
        double s = step;
        if (s < warmup)
        {
            return warmupLrRate is double r ? r + ((1.0 - r) * s / Math.Max(1, warmup - 1)) : (s + 1.0) / Math.Max(1.0, warmup);
        }

        double progress = (s - warmup + 1.0) / Math.Max(1.0, training - warmup);
        double factor = 0.5 * (1.0 + Math.Cos(Math.PI * numCycles * 2.0 * progress));
        factor = (factor * (1 - minLrRate)) + minLrRate;
        return Math.Max(0, factor);
    }

    [Fact]
    public void HuggingFace_cosine_warmup_with_min_lr_starts_its_decay_one_step_early()
    {
        AssertSchedule<HfCosineWarmupMinLr>(s => 0.1 * HfCosineWarmupMinLrFactor(s, 10, 100, 0.5, 0.05, null), 0, 300);
        AssertSchedule<HfCosineWarmupMinLrRate>(s => 0.1 * HfCosineWarmupMinLrFactor(s, 10, 100, 0.5, 0.05, 0.2), 0, 300);
    }

    [Fact]
    public void HuggingFace_hard_restarts_are_equal_cycles_then_zero()
    {
        static double Hf(long s)
        {
            if (s < 10)
            {
                return HfWarmup(s, 10);
            }

            double progress = (s - 10) / (double)Math.Max(1, 100 - 10);
            if (progress >= 1.0)
            {
                return 0.0;
            }

            return Math.Max(0.0, 0.5 * (1.0 + Math.Cos(Math.PI * ((3.0 * progress) % 1.0))));
        }

        AssertSchedule<HfHardRestarts>(s => 0.1 * Hf(s), 0, 150);
    }

    [Fact]
    public void HuggingFace_linear_with_warmup_reaches_zero_at_training_steps()
    {
        AssertSchedule<HfLinear>(
            s => 0.1 * (s < 10 ? HfWarmup(s, 10) : Math.Max(0.0, (100 - s) / (double)Math.Max(1, 100 - 10))), 0, 150);
    }

    [Fact]
    public void HuggingFace_polynomial_decays_to_lr_end_and_holds_it()
    {
        static double Hf(long s)
        {
            const double lrInit = 0.1;
            const double lrEnd = 1e-4;
            if (s < 10)
            {
                return HfWarmup(s, 10);
            }

            if (s > 100)
            {
                return lrEnd / lrInit;
            }

            double pctRemaining = 1 - ((s - 10) / (double)(100 - 10));
            return (((lrInit - lrEnd) * Math.Pow(pctRemaining, 2)) + lrEnd) / lrInit;
        }

        AssertSchedule<HfPolynomial>(s => 0.1 * Hf(s), 0, 150);
    }

    [Fact]
    public void HuggingFace_inverse_sqrt_is_one_at_the_end_of_the_warmup()
    {
        static double Hf(long s)
        {
            if (s < 10)
            {
                return HfWarmup(s, 10);
            }

            double shift = 25 - 10;
            return 1.0 / Math.Sqrt((s + shift) / 25);
        }

        AssertSchedule<HfInverseSqrt>(s => 0.1 * Hf(s), 0, 500);
    }

    [Fact]
    public void HuggingFace_constant_with_warmup()
    {
        AssertSchedule<HfConstantWithWarmup>(s => 0.1 * (s < 10 ? HfWarmup(s, 10) : 1.0), 0, 40);
    }

    [Fact]
    public void HuggingFace_wsd_warmup_starts_at_min_lr_ratio_and_decay_ends_there()
    {
        static double Hf(long s)
        {
            const double m = 0.1;
            if (s < 10)
            {
                double progress = s / (double)Math.Max(1, 10);
                double factor = 0.5 * (1.0 - Math.Cos(Math.PI * progress));
                return Math.Max(0.0, (factor * (1.0 - m)) + m);
            }

            if (s < 10 + 40)
            {
                return 1.0;
            }

            if (s < 10 + 40 + 50)
            {
                double progress = (s - 10 - 40) / (double)Math.Max(1, 50);
                double factor = 1.0 - Math.Sqrt(progress);
                return Math.Max(0.0, (factor * (1.0 - m)) + m);
            }

            return m;
        }

        AssertSchedule<HfWsd>(s => 0.1 * Hf(s), 0, 130);
    }

    // ---------------------------------------------------------------- timm
    // huggingface/pytorch-image-models timm/scheduler/cosine_lr.py @ 16664ea31ba52dc55c3744e69741fffddb4845da,
    // multistep_lr.py @ 0514e98dfb5cef2abdd48d1810197df7911cf248; step_lr.py, tanh_lr.py, poly_lr.py as transcribed in
    // the project's reference notes (HEAD aa4b5850).

    /// <summary>timm's cycle arithmetic (cosine_lr.py _get_lr), literally: returns (i, t_i, t_curr).</summary>
    private static (double I, double Ti, double TCurr) TimmCycle(double t, double tInitial, double cycleMul)
    {
        if (cycleMul != 1)
        {
            double i = Math.Floor(Math.Log(1 - (t / tInitial * (1 - cycleMul))) / Math.Log(cycleMul));
            double ti = Math.Pow(cycleMul, i) * tInitial;
            double tCurr = t - ((1 - Math.Pow(cycleMul, i)) / (1 - cycleMul) * tInitial);
            return (i, ti, tCurr);
        }

        double n = Math.Floor(t / tInitial);
        return (n, tInitial, t - (tInitial * n));
    }

    private static double TimmCosine(double t, double baseLr, double lrMin, double tInitial, double cycleMul, double cycleDecay, double cycleLimit, double k)
    {
        (double i, double ti, double tCurr) = TimmCycle(t, tInitial, cycleMul);
        double lrMax = baseLr * Math.Pow(cycleDecay, i);
        return i < cycleLimit
            ? lrMin + (0.5 * (lrMax - lrMin) * (1 + Math.Cos(Math.PI * Math.Pow(tCurr, k) / Math.Pow(ti, k))))
            : lrMin;
    }

    [Fact]
    public void Timm_cosine_with_fractional_cycle_mul_cycle_decay_and_limit()
    {
        AssertSchedule<TimmCosineCycles>(t => TimmCosine(t, 0.1, 0.001, 20, 1.5, 0.5, 3, 1.0), 0, 200);
    }

    [Fact]
    public void Timm_cosine_k_decay()
    {
        AssertSchedule<TimmCosineKDecay>(t => TimmCosine(t, 0.1, 0.001, 100, 1, 1, 1, 2.0), 0, 150);
    }

    [Fact]
    public void Timm_warmup_with_prefix_then_cosine()
    {
        // warmup_lr_init + t·(base − init)/warmup_t for t < warmup_t; then t −= warmup_t (warmup_prefix=True)
        AssertSchedule<TimmCosineWarmupPrefix>(
            t => t < 5 ? 0.01 + (t * ((0.1 - 0.01) / 5)) : TimmCosine(t - 5, 0.1, 0.001, 50, 1, 1, 1, 1.0), 0, 80);
    }

    [Fact]
    public void Timm_step_scheduler_with_warmup_prefix()
    {
        AssertSchedule<TimmStepWarmup>(
            t => t < 5 ? 0.01 + (t * ((0.1 - 0.01) / 5)) : 0.1 * Math.Pow(0.5, (t - 5) / 30), 0, 150);
    }

    [Fact]
    public void Timm_multistep_decays_at_the_milestone_as_bisect_right()
    {
        // base·rate^bisect_right(decay_t, t): the number of milestones ≤ t.
        long[] decayT = [30, 60];
        AssertSchedule<TimmMultiStep>(t => 0.1 * Math.Pow(0.1, Array.FindAll(decayT, d => d <= t).Length), 0, 90);
        Assert.Equal(0.1, TimmMultiStep.At(29));
        Assert.Equal(0.01, TimmMultiStep.At(30), 15);
    }

    [Fact]
    public void Timm_tanh()
    {
        AssertSchedule<TimmTanh>(
            t =>
            {
                if (t >= 40)
                {
                    return 0.001;
                }

                double tr = t / 40.0;
                return 0.001 + (0.5 * (0.1 - 0.001) * (1 - Math.Tanh((-6 * (1.0 - tr)) + (4 * tr))));
            },
            0,
            60);
    }

    [Fact]
    public void Timm_poly()
    {
        AssertSchedule<TimmPoly>(
            t => t >= 40 ? 0.001 : 0.001 + ((0.1 - 0.001) * Math.Pow(1 - (t / 40.0), 0.5)), 0, 60);
    }

    // ---------------------------------------------------------------- Keras
    // keras-team/keras keras/src/optimizers/schedules/learning_rate_schedule.py @ 2534b643145262fc2c9ee638065ee14fdb623984.

    [Fact]
    public void Keras_cosine_decay_with_warmup_excludes_the_warmup_from_decay_steps()
    {
        static double Keras(long step)
        {
            double s = Math.Min(step, 100 + 10);
            if (s < 10)
            {
                return ((0.1 - 0.01) * (s / 10)) + 0.01;
            }

            double cosineDecayed = 0.5 * (1.0 + Math.Cos(Math.PI * ((s - 10) / 100)));
            return 0.1 * (((1 - 0.01) * cosineDecayed) + 0.01);
        }

        AssertSchedule<KerasWarmupCosine>(Keras, 0, 150);
        Assert.Equal(110, KerasWarmupCosine.TotalSteps);
    }

    [Fact]
    public void Keras_cosine_decay_without_warmup()
    {
        AssertSchedule<KerasCosine>(
            step =>
            {
                double s = Math.Min(step, 60);
                return 0.1 * (((1 - 0.05) * 0.5 * (1.0 + Math.Cos(Math.PI * (s / 60)))) + 0.05);
            },
            0,
            90);
    }

    [Fact]
    public void Keras_exponential_decay_staircase_and_continuous()
    {
        AssertSchedule<KerasExponentialStaircase>(step => 0.1 * Math.Pow(0.5, Math.Floor(step / 10.0)), 0, 100);
        AssertSchedule<KerasExponentialContinuous>(step => 0.1 * Math.Pow(0.25, step / 2.0), 0, 100);
    }

    [Fact]
    public void Keras_inverse_time_decay()
    {
        AssertSchedule<KerasInverseTime>(step => 0.1 / (1 + (0.5 * (step / 10.0))), 0, 100);
        AssertSchedule<KerasInverseTimeStaircase>(step => 0.1 / (1 + (0.5 * Math.Floor(step / 10.0))), 0, 100);
    }

    [Fact]
    public void Keras_piecewise_constant_keeps_the_old_value_at_the_boundary()
    {
        AssertSchedule<KerasPiecewise>(step => step <= 10 ? 0.1 : step <= 20 ? 0.05 : 0.01, 0, 40);
    }

    [Fact]
    public void Keras_polynomial_decay_without_cycle()
    {
        AssertSchedule<KerasPolynomial>(
            step =>
            {
                double s = Math.Min(step, 50);
                return ((0.1 - 0.001) * Math.Pow(1 - (s / 50), 2)) + 0.001;
            },
            0,
            80);
    }

    [Fact]
    public void Keras_cosine_decay_restarts_matches_when_alpha_is_zero_or_m_mul_is_one()
    {
        AssertSchedule<KerasRestartsNoAlpha>(step => PeerReference.KerasRestarts(step, 0.1, 10, 2, 0.5, 0), 0, 300);
        AssertSchedule<KerasRestartsNoDecay>(step => PeerReference.KerasRestarts(step, 0.1, 10, 2, 1, 0.1), 0, 300);
    }

    [Fact]
    public void Keras_cosine_decay_restarts_with_m_mul_and_alpha_by_the_Keras_convention()
    {
        AssertSchedule<KerasRestartsDecayAndAlpha>(step => PeerReference.KerasRestarts(step, 0.1, 10, 2, 0.5, 0.1), 0, 300);
    }

    [Fact]
    public void Keras_and_timm_restarts_differ_when_m_mul_and_alpha_are_both_set()
    {
        // In cycle 1 (steps 10–29) at its first step: Keras 0.1·((1 − 0.1)·0.5 + 0.1) = 0.055, timm 0.1·0.5 = 0.05.
        Assert.Equal(0.055, KerasRestartsDecayAndAlpha.At(10), 15);
        Assert.Equal(0.05, TimmRestartsDecayAndFloor.At(10), 15);
        AssertSchedule<TimmRestartsDecayAndFloor>(t => TimmCosine(t, 0.1, 0.01, 10, 2, 0.5, double.PositiveInfinity, 1.0), 0, 300);
    }

    // ---------------------------------------------------------------- issue 14: literal ports through the generator

    [Fact]
    public void Optax_exponential_decay_end_value_is_a_floor_when_decaying()
    {
        AssertSchedule<OptaxExponentialFloor>(c => PeerReference.OptaxExponentialDecay(c, 0.1, 10, 0.5, 7, false, 0.01), 0, 200);
        Assert.Equal(0.01, OptaxExponentialFloor.At(1_000_000));
    }

    [Fact]
    public void Optax_exponential_decay_end_value_is_a_ceiling_when_growing()
    {
        AssertSchedule<OptaxExponentialCeiling>(c => PeerReference.OptaxExponentialDecay(c, 0.01, 4, 1.5, 3, true, 0.2), 0, 200);
        Assert.Equal(0.2, OptaxExponentialCeiling.At(long.MaxValue));
    }

    [Fact]
    public void Keras_exponential_decay_written_literally_with_decay_steps()
    {
        // keras ExponentialDecay.__call__: initial·decay_rate^(step/decay_steps), floored exponent when staircase
        AssertSchedule<KerasExponentialLiteral>(step => 0.1 * Math.Pow(0.96, step / 25.0), 0, 500);
        AssertSchedule<KerasExponentialLiteralStaircase>(step => 0.1 * Math.Pow(0.96, Math.Floor(step / 25.0)), 0, 500);
    }

    [Fact]
    public void Keras_polynomial_decay_with_cycle_is_a_sawtooth()
    {
        AssertSchedule<KerasPolynomialCycle>(step => PeerReference.KerasCyclicPolynomial(step, 0.1, 30, 0.001, 0.5), 0, 400);
        Assert.Null(KerasPolynomialCycle.TotalSteps);
    }

    [Fact]
    public void Optax_one_cycles_by_the_Optax_convention_of_OneCycle()
    {
        // cosine_onecycle_schedule(100, 0.1) = piecewise_interpolate_schedule('cosine', 0.1/25, {30: 25, 100: 1/(25·1e4)})
        AssertSchedule<OptaxCosineOneCycleConvention>(
            c => OptaxInterpolate(c, 0.1 / 25, [30, 100], [25.0, 1.0 / (25 * 1e4)], cosine: true), 0, 130);

        // linear_onecycle_schedule(100, 0.1, 0.25, 0.8, 10, 100) = interpolate('linear', 0.01, {25: 10, 80: 1/10, 100: 1/100})
        AssertSchedule<OptaxLinearOneCycleConvention>(
            c => OptaxInterpolate(c, 0.1 / 10, [25, 80, 100], [10.0, 1.0 / 10, 1.0 / 100], cosine: false), 0, 130);
        Assert.False(typeof(IMomentumSchedule).IsAssignableFrom(typeof(OptaxCosineOneCycleConvention)));
    }

    [Fact]
    public void Optax_warmup_from_above_the_peak_with_an_exponent()
    {
        AssertSchedule<OptaxWarmupFromAboveExponent>(c => OptaxWarmupCosineDecay(c, 0.2, 0.1, 10, 60, 0.001, 2.0), 0, 90);
    }

    [Fact]
    public void Optax_sgdr_is_a_join_of_warmup_cosines_each_at_its_own_peak()
    {
        // _schedule.py sgdr_schedule @ 2edbcbe2: join_schedules([wcd(**kw) …], boundaries = cumulative decay_steps[:-1])
        AssertSchedule<OptaxSgdr>(
            c => c < 50
                ? OptaxWarmupCosineDecay(c, 0.01, 0.1, 5, 50, 0.001)
                : OptaxWarmupCosineDecay(c - 50, 0.005, 0.05, 5, 30, 0.0005, 2.0),
            0,
            120);
    }

    [Fact]
    public void PyTorch_sequential_over_schedulers_with_their_own_rates()
    {
        // torch/optim/lr_scheduler.py (commit 008f727e, as transcribed in the reference notes): CosineAnnealingLR's closed
        // form from the optimizer's lr 0.5; after the milestone CyclicLR at local step e from its own base_lr and max_lr.
        static double Expected(long t)
        {
            if (t < 40)
            {
                return 0 + ((0.5 - 0) * (1 + Math.Cos(Math.PI * t / 40)) / 2);
            }

            double e = t - 40;
            double cycle = Math.Floor(1 + (e / 20));
            double x = 1.0 + (e / 20) - cycle;
            double scale = x <= 0.5 ? x / 0.5 : (x - 1) / (0.5 - 1);
            return 0.01 + ((0.2 - 0.01) * scale);
        }

        AssertSchedule<PyTorchSequentialOwnRates>(Expected, 0, 200);
        Assert.Equal(0.5, PyTorchSequentialOwnRates.PeakLearningRate);
    }

    [Fact]
    public void Timm_warmup_without_prefix_keeps_the_cosine_counting()
    {
        // cosine_lr.py _get_lr @ aa4b5850 with warmup_prefix=False: t < warmup_t → warmup; else the cosine at t itself.
        AssertSchedule<TimmCosineWarmupNoPrefix>(
            t => t < 10 ? 0.01 + (t * ((0.1 - 0.01) / 10)) : TimmCosine(t, 0.1, 0.001, 100, 1, 1, 1, 1.0), 0, 150);
        Assert.Equal(100, TimmCosineWarmupNoPrefix.TotalSteps);
    }

    [Fact]
    public void Timm_noise_multiplies_the_schedule_in_its_range_with_the_seed_plus_the_step()
    {
        // scheduler.py _add_noise @ aa4b5850: inside noise_range_t [20, 70) lr + lr·n(t) with n seeded by noise_seed + t,
        // the rate itself elsewhere. n is our counter-based draw (timm's rule, not torch's bits; see PeerFormulaTests).
        AssertSchedule<TimmCosineWithNoise>(
            t =>
            {
                double lr = TimmCosine(t, 0.1, 0, 100, 1, 1, 1, 1.0);
                return t is >= 20 and < 70 ? lr + (lr * (ScheduleDsl.Formulas.Noise.Factor(t, 7, 0.67, normal: true) - 1)) : lr;
            },
            0,
            150);
        Span<float> filled = stackalloc float[150];
        TimmCosineWithNoise.Fill(filled, 0);
        for (int t = 0; t < filled.Length; t++)
        {
            Assert.Equal(TimmCosineWithNoise.AtSingle(t), filled[t]);
        }
    }

    [Fact]
    public void The_text_form_gives_the_same_peer_numbers()
    {
        // The same literal ports as configuration text, lowered by the runtime library through the shared pass.
        (string Text, Func<long, double> Expected)[] cases =
        [
            ("[LearningRate(0.1)] [Exponential(0.5, DecaySteps = 10, TransitionBegin = 7, Final = 0.01)]", c => PeerReference.OptaxExponentialDecay(c, 0.1, 10, 0.5, 7, false, 0.01)),
            ("[LearningRate(0.1)] [Polynomial(30, Power = 0.5, Final = 0.001, Cycle = true)]", c => PeerReference.KerasCyclicPolynomial(c, 0.1, 30, 0.001, 0.5)),
            ("[LearningRate(0.1)] [CosineRestarts(10, Multiplier = 2, Decay = 0.5, Final = 0.01, Convention = PeerConvention.Keras)]", c => PeerReference.KerasRestarts(c, 0.1, 10, 2, 0.5, 0.1)),
            ("[LearningRate(0.1)] [OneCycle(100, Convention = PeerConvention.Optax)]", c => OptaxInterpolate(c, 0.1 / 25, [30, 100], [25.0, 1.0 / (25 * 1e4)], cosine: true)),
            ("[LearningRate(0.1)] [Warmup(10, StartFactor = 0.1)] [Cosine(100, Final = 0.001, LocalStart = 10)]", t => t < 10 ? 0.01 + (t * ((0.1 - 0.01) / 10)) : TimmCosine(t, 0.1, 0.001, 100, 1, 1, 1, 1.0)),
            ("[LearningRate(0.1)] [Warmup(10, StartFactor = 2)] [Cosine(50, Final = 0.001, Exponent = 2)]", c => OptaxWarmupCosineDecay(c, 0.2, 0.1, 10, 60, 0.001, 2.0)),
        ];
        foreach ((string text, Func<long, double> expected) in cases)
        {
            ScheduleDsl.Language.Lowering.LoweredSchedule schedule = ScheduleDsl.Text.ScheduleText.Parse(text).Lower().Schedule;
            for (long step = 0; step <= 200; step++)
            {
                double want = expected(step);
                double got = schedule.Evaluate(step);
                Assert.True(Math.Abs(got - want) <= (Relative * Math.Abs(want)) + Absolute, $"{text} at step {step}: expected {want:R}, got {got:R}");
            }
        }
    }

    // ---------------------------------------------------------------- scikit-learn
    // scikit-learn sklearn/linear_model/_sgd_fast.pyx.tp @ 01110719 as transcribed in the project's reference notes:
    // t starts at 1 and counts samples; optimal eta = 1/(alpha·(t0 + t − 1)), t0 = 1/(eta0·alpha); invscaling eta0/t^power_t.

    [Fact]
    public void Sklearn_optimal_with_the_counter_from_one()
    {
        const double eta0 = 0.05;
        const double alpha = 1e-3;
        const double t0 = 1.0 / (eta0 * alpha);
        AssertSchedule<SklearnOptimal>(k => 1.0 / (alpha * (t0 + (k + 1) - 1)), 0, 10_000);
    }

    [Fact]
    public void Sklearn_invscaling_with_the_counter_from_one()
    {
        AssertSchedule<SklearnInvScaling>(k => 0.01 / Math.Pow(k + 1, 0.25), 0, 10_000);
    }

    // ---------------------------------------------------------------- TorchSharp
    // dotnet/TorchSharp src/TorchSharp/Optimizers/LRScheduler.cs @ c20b6a1c as transcribed in the reference notes
    // ("directly based on the Pytorch implementation"); ExponentialLR's gamma defaults to 0.1 there, so pass it.

    [Fact]
    public void TorchSharp_exponential_with_an_explicit_gamma_is_PyTorchs()
    {
        AssertSchedule<TorchSharpExponential>(e => 0.1 * Math.Pow(0.95, e), 0, 200);
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>
    /// optax warmup_cosine_decay_schedule: join([linear_schedule(init, peak, W), cosine_decay_schedule(peak, D − W,
    /// alpha = end/peak)], [W]), linear_schedule being polynomial_schedule with power 1 (c = clip(count, 0, W)).
    /// </summary>
    internal static double OptaxWarmupCosineDecay(long count, double init, double peak, long warmup, long decaySteps, double end, double exponent = 1.0)
    {
        if (count < warmup)
        {
            double c = Math.Clamp(count, 0, warmup);
            return ((init - peak) * (1 - (c / warmup))) + peak;
        }

        return OptaxCosineDecay(count - warmup, peak, decaySteps - warmup, end / peak, exponent);
    }

    /// <summary>optax cosine_decay_schedule: c = min(count, T); init·((1 − α)·(½(1 + cos(πc/T)))^exponent + α).</summary>
    internal static double OptaxCosineDecay(long count, double init, double decaySteps, double alpha, double exponent)
    {
        double c = Math.Min(count, decaySteps);
        double cosineDecay = 0.5 * (1 + Math.Cos(Math.PI * c / decaySteps));
        return init * (((1 - alpha) * Math.Pow(cosineDecay, exponent)) + alpha);
    }

    /// <summary>optax piecewise_interpolate_schedule, literally: bounds (0, b…), values the cumulative products.</summary>
    private static double OptaxInterpolate(long count, double init, long[] boundaries, double[] scales, bool cosine)
    {
        double[] bounds = new double[boundaries.Length + 1];
        double[] values = new double[scales.Length + 1];
        values[0] = init;
        for (int i = 0; i < boundaries.Length; i++)
        {
            bounds[i + 1] = boundaries[i];
            values[i + 1] = values[i] * scales[i];
        }

        double result = 0;
        for (int i = 0; i < boundaries.Length; i++)
        {
            if (bounds[i] <= count && count < bounds[i + 1])
            {
                double pct = (count - bounds[i]) / Math.Max(bounds[i + 1] - bounds[i], 1);
                double start = values[i];
                double end = values[i + 1];
                result += cosine ? end + ((start - end) / 2.0 * (Math.Cos(Math.PI * pct) + 1)) : ((end - start) * pct) + start;
            }
        }

        return result + (bounds[^1] <= count ? values[^1] : 0);
    }

    private static void AssertSchedule<TSchedule>(Func<long, double> expected, long first, long last)
        where TSchedule : ISchedule
    {
        for (long step = first; step <= last; step++)
        {
            double want = expected(step);
            double got = TSchedule.At(step);
            Assert.True(
                Math.Abs(got - want) <= (Relative * Math.Abs(want)) + Absolute,
                $"{typeof(TSchedule).Name} at step {step}: expected {want:R}, got {got:R} (difference {got - want:R})");
        }
    }
}
