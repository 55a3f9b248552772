using System.Collections.Generic;

namespace ScheduleDsl.Training;

/// <summary>One figure per schedule kind.</summary>
public static class Gallery
{
    /// <summary>Writes the gallery.</summary>
    /// <param name="directory">The output folder.</param>
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> Write(string directory) => [];
}
