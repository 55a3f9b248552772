using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

using ScheduleDsl.Text;

namespace ScheduleDsl.Preview;

/// <summary>
/// Where a previewed schedule comes from. Every source yields an <see cref="IScheduleFunction"/>, so the rest of the
/// tool does not care whether the schedule was compiled into an assembly or written as text.
/// </summary>
public static class ScheduleSource
{
    /// <summary>
    /// Loads <paramref name="typeName"/> from the assembly at <paramref name="assemblyPath"/> and wraps it in
    /// <see cref="CompiledSchedule{TSchedule}"/>. The assembly's own dependencies resolve from its folder (its
    /// <c>.deps.json</c>); ScheduleDsl itself is the tool's copy, so the type's <see cref="ISchedule"/> is the one the tool knows.
    /// </summary>
    /// <param name="assemblyPath">The user's compiled assembly (.dll).</param>
    /// <param name="typeName">The schedule type: its full name, or its simple name if that is unique.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="FileNotFoundException">The assembly does not exist.</exception>
    /// <exception cref="ArgumentException">No such type, more than one, or not a compiled schedule.</exception>
    public static IScheduleFunction FromCompiledType(string assemblyPath, string typeName)
    {
        ArgumentNullException.ThrowIfNull(assemblyPath);
        ArgumentNullException.ThrowIfNull(typeName);
        string path = Path.GetFullPath(assemblyPath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No assembly at '{path}'.", path);
        }

        Assembly assembly = new UserContext(path).LoadFromAssemblyPath(path);
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types.Where(t => t is not null).ToArray()!;
        }

        Type[] matches = types.Where(t => t.FullName == typeName).ToArray();
        if (matches.Length == 0)
        {
            matches = types.Where(t => t.Name == typeName).ToArray();
        }

        if (matches.Length != 1)
        {
            string schedules = string.Join(", ", types.Where(IsSchedule).Select(t => t.FullName));
            throw new ArgumentException(matches.Length == 0
                ? $"No type '{typeName}' in {Path.GetFileName(path)}. Schedules there: {(schedules.Length == 0 ? "none" : schedules)}."
                : $"'{typeName}' matches {string.Join(", ", matches.Select(t => t.FullName))}; give the full name.");
        }

        Type type = matches[0];
        if (!IsSchedule(type))
        {
            throw new ArgumentException($"'{type.FullName}' is not a compiled schedule (it does not implement ScheduleDsl.ISchedule; is it partial and declared with [LearningRate]?).");
        }

        return (IScheduleFunction)Activator.CreateInstance(typeof(CompiledSchedule<>).MakeGenericType(type))!;
    }

    /// <summary>
    /// A schedule written as text, e.g. <c>[LearningRate(0.1)] [Warmup(10)] [Cosine(90)]</c>, built by the library as a
    /// run-time <see cref="Schedule"/>: checked with the analyzer's SDL IDs and messages, evaluated with the compiled
    /// schedule's bits. Lengths in epochs or fractions of the run need <paramref name="run"/>.
    /// </summary>
    /// <param name="text">The schedule text.</param>
    /// <param name="run">The training run the lengths are bound to, or null when every length is in steps.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ScheduleFormatException">The text is not a valid schedule (or does not fit the run).</exception>
    public static IScheduleFunction FromText(string text, TrainingRun? run = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return run is null ? Schedule.Parse(text) : Schedule.Parse(text, run);
    }

    private static bool IsSchedule(Type t) => typeof(ISchedule).IsAssignableFrom(t) && !t.IsInterface;

    /// <summary>Resolves the user's dependencies from their assembly's folder, except ScheduleDsl (the tool's).</summary>
    private sealed class UserContext(string path) : AssemblyLoadContext(isCollectible: false)
    {
        private readonly AssemblyDependencyResolver _resolver = new(path);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name == typeof(ISchedule).Assembly.GetName().Name)
            {
                return null;   // the default context's copy
            }

            string? resolved = _resolver.ResolveAssemblyToPath(assemblyName);
            return resolved is null ? null : LoadFromAssemblyPath(resolved);
        }
    }
}
