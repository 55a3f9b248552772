using System;

namespace ScheduleDsl.Tests.Peers;

/// <summary>
/// Float64 transcriptions of peer schedule functions, line by line from their source (file and commit named on each),
/// shared by the formula tests and the compiled-path tests. They never call the library.
/// </summary>
internal static class PeerReference
{
    /// <summary>
    /// optax exponential_decay's schedule(count), literally: google-deepmind/optax optax/schedules/_schedule.py @
    /// 2edbcbe2390da13983b92cbef94ac0460ecde1c5.
    /// </summary>
    public static double OptaxExponentialDecay(long count, double init, long transitionSteps, double decayRate, long transitionBegin, bool staircase, double? endValue)
    {
        double decreased = count - transitionBegin;
        double p = decreased / transitionSteps;
        if (staircase)
        {
            p = Math.Floor(p);
        }

        double value = decreased <= 0 ? init : init * Math.Pow(decayRate, p);
        if (endValue is { } end)
        {
            value = decayRate < 1.0 ? Math.Max(value, end) : Math.Min(value, end);
        }

        return value;
    }

    // keras-team/keras keras/src/optimizers/schedules/learning_rate_schedule.py @ 3422977a5e38fb2f7709aaa9a08e47f0c43d0f60.

    /// <summary>Keras PolynomialDecay.__call__ with cycle=True, literally.</summary>
    public static double KerasCyclicPolynomial(long step, double initial, double decaySteps, double end, double power)
    {
        double multiplier = step == 0 ? 1.0 : Math.Ceiling(step / decaySteps);
        double recomputed = decaySteps * multiplier;
        double p = step / recomputed;
        return ((initial - end) * Math.Pow(1 - p, power)) + end;
    }

    /// <summary>Keras CosineDecayRestarts.__call__, literally (its float logarithm picks the cycle).</summary>
    public static double KerasRestarts(long step, double initial, double firstDecaySteps, double tMul, double mMul, double alpha)
    {
        double completed = step / firstDecaySteps;
        double iRestart;
        if (tMul == 1.0)
        {
            iRestart = Math.Floor(completed);
            completed -= iRestart;
        }
        else
        {
            iRestart = Math.Floor(Math.Log(1.0 - (completed * (1.0 - tMul))) / Math.Log(tMul));
            double sumR = (1.0 - Math.Pow(tMul, iRestart)) / (1.0 - tMul);
            completed = (completed - sumR) / Math.Pow(tMul, iRestart);
        }

        double cosineDecayed = 0.5 * Math.Pow(mMul, iRestart) * (1.0 + Math.Cos(Math.PI * completed));
        return initial * (((1 - alpha) * cosineDecayed) + alpha);
    }
}
