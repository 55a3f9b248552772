using System;
using System.IO;

namespace ScheduleDsl.Training;

/// <summary>Entry point: <c>dotnet run --project samples/ScheduleDsl.Training [-- options]</c>.</summary>
public static class Program
{
    /// <summary>Runs the training comparison, or the gallery with <c>gallery</c> as the first argument.</summary>
    /// <param name="args">The command line (see <see cref="TrainingApp.Usage"/>).</param>
    /// <returns>0 on success, 1 on an error, 2 on a usage error.</returns>
    public static int Main(string[] args)
    {
        try
        {
            return TrainingApp.Run(args, Console.Out, interactive: null);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}
