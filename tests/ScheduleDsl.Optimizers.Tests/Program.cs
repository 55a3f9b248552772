using System;
using System.Numerics;
using Xunit.Abstractions;

namespace ScheduleDsl.Optimizers.Tests;

/// <summary>
/// The test assembly's entry point (the test SDK's generated one is turned off in the project): the test host never
/// calls it; <see cref="VectorWidthTests"/> runs the assembly with <c>--width-checks</c> in a child process whose
/// <see cref="Vector{T}"/> width is set by environment variables. The child runs the same test methods as the host
/// (every PyTorch reference case on the span and the threaded path, vector loop against scalar tail for every
/// configuration, and the norm's documented association) and prints one line per failure.
/// </summary>
public static class Program
{
    public const string Argument = "--width-checks";

    public static int Main(string[] args)
    {
        if (args.Length != 1 || args[0] != Argument)
        {
            Console.Error.WriteLine($"usage: {Argument}");
            return 2;
        }

        Console.WriteLine($"Vector<float>.Count={Vector<float>.Count} accelerated={Vector.IsHardwareAccelerated}");
        int checks = 0, failures = 0;
        void Check(string what, Action test)
        {
            checks++;
            try
            {
                test();
            }
            catch (Exception e)
            {
                failures++;
                Console.WriteLine($"FAIL {what}: {e.Message}");
            }
        }

        var reference = new ReferenceTests();
        foreach (object[] c in ReferenceData.CaseNames)
        {
            string name = (string)c[0];
            Check($"span {name}", () => reference.Single_tensor_span_steps_match_pytorch(name));
            Check($"threaded {name}", () => reference.Split_into_three_tensors_on_the_threaded_path_matches_pytorch(name));
        }

        var threading = new ThreadingTests(new ConsoleOutput());
        foreach (object[] c in TestOptimizers.SplitInvariant)
        {
            string name = (string)c[0];
            Check($"vector loop vs scalar tail {name}", () => threading.Vector_loop_and_scalar_tail_compute_the_same_bits(name));
        }

        var norms = new NormArithmeticTests();
        foreach (int length in new[] { 0, 17, 1000, 65_536 })
        {
            Check($"sum of squares, {length} elements", () => norms.The_sum_of_squares_follows_the_documented_association_bit_for_bit(length));
        }

        Console.WriteLine($"checks={checks} failures={failures}");
        return failures == 0 ? 0 : 1;
    }

    private sealed class ConsoleOutput : ITestOutputHelper
    {
        public void WriteLine(string message)
        {
        }

        public void WriteLine(string format, params object[] args)
        {
        }
    }
}
