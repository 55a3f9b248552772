using System;
using System.Globalization;

namespace ScheduleDsl.Tests.Properties;

/// <summary>
/// The test assembly's entry point (the test SDK's generated one is turned off in the project): the test host never
/// calls it; <see cref="VectorWidthTests"/> runs the assembly with <c>--vector-checks seed cases</c> in a child
/// process whose <see cref="System.Numerics.Vector{T}"/> width is set by environment variables.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 3 && args[0] == VectorChecks.Argument)
        {
            return VectorChecks.Run(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), Console.Out) == 0 ? 0 : 1;
        }

        Console.Error.WriteLine($"usage: {VectorChecks.Argument} <seed> <cases per kernel>");
        return 2;
    }
}
