using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ScheduleDsl.Generator.Model;
using ScheduleDsl.Language.Model;
using static ScheduleDsl.Language.Literal;

namespace ScheduleDsl.Generator.Emission;

/// <summary>
/// One compiled schedule as the registry lists it: values only, so the collected list compares by value and the
/// registry step caches when an edit leaves every schedule's name and kind as it was.
/// </summary>
/// <param name="Name">The type's name, as <see cref="System.Type.Name"/> gives it (no <c>@</c>).</param>
/// <param name="FullName">The namespace, the containing types and the name, joined by '.'.</param>
/// <param name="TypeExpression">The type as generated code names it: <c>global::</c>, escaped parts.</param>
/// <param name="IsBound">Whether the schedule takes lengths or its peak from a training run (it has a <c>Bind</c>).</param>
internal sealed record RegistryEntry(string Name, string FullName, string TypeExpression, bool IsBound)
{
    /// <summary>The entry of a valid schedule's model.</summary>
    public static RegistryEntry Of(ScheduleModel model)
    {
        var parts = new List<string>();
        if (model.Namespace is not null)
        {
            parts.AddRange(model.Namespace.Split('.'));
        }

        parts.AddRange(model.ContainingTypes.Select(t => t.Name));
        parts.Add(model.Type.Name);
        return new RegistryEntry(
            model.Type.Name,
            string.Join(".", parts),
            "global::" + string.Join(".", parts.Select(Identifier.Escape)),
            model.BoundSource is not null);
    }
}

/// <summary>
/// Writes the assembly's <c>CompiledSchedules</c> class: every valid schedule type the generator compiled, by name,
/// so that a command line or a configuration file can choose one without a reflection scan.
/// </summary>
/// <remarks>
/// Names: each type's name, and always its full name (namespace and containing types joined by '.'). A name that
/// several schedule types share is accepted only in full; <c>Names</c> lists the shortest unambiguous name of each.
/// The class lives in the project's root namespace (<c>build_property.RootNamespace</c>, visible to the compiler by
/// default in SDK projects), else the assembly name, else <see cref="FallbackNamespace"/>; so two assemblies, one
/// referencing the other's internals, do not both declare the same type (CS0436). Where that name is taken (a type
/// or namespace CompiledSchedules there, or a type named like a part of the namespace) no registry is written.
/// </remarks>
internal static class RegistryEmitter
{
    /// <summary>The class's name.</summary>
    public const string ClassName = "CompiledSchedules";

    /// <summary>The namespace when the compilation gives neither a root namespace nor an assembly name.</summary>
    public const string FallbackNamespace = "ScheduleDsl.Generated";

    /// <summary>
    /// The registry's hint name. <see cref="Identifier.HintName"/> never writes "-" followed by a letter beyond 'f'
    /// (its escapes are "-" and four hex digits, or "--" and hex digits), so no schedule's file can take this name,
    /// even compared without regard to case.
    /// </summary>
    public const string HintName = "CompiledSchedules-registry.g.cs";

    /// <summary>The namespace of the registry: the root namespace, else the assembly name, each part made an identifier.</summary>
    /// <param name="rootNamespace">MSBuild's <c>RootNamespace</c>, or null.</param>
    /// <param name="assemblyName">The compilation's assembly name, or null.</param>
    public static string Namespace(string? rootNamespace, string? assemblyName)
    {
        foreach (string? candidate in new[] { rootNamespace, assemblyName })
        {
            if (string.IsNullOrWhiteSpace(candidate))
            {
                continue;
            }

            string[] parts = candidate!.Split('.').Where(p => p.Length > 0).Select(AsIdentifier).ToArray();
            if (parts.Length > 0)
            {
                return string.Join(".", parts);
            }
        }

        return FallbackNamespace;
    }

    /// <summary>The entries, one per type (a type's partial declarations give it once), sorted by full name.</summary>
    public static EquatableArray<RegistryEntry> Normalize(IEnumerable<RegistryEntry> entries)
        => entries
            .GroupBy(e => e.FullName, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(e => e.FullName, StringComparer.Ordinal)
            .ToEquatableArray();

    /// <summary>The names <c>Names</c> lists: the type's name when no other schedule type has it, else the full name.</summary>
    public static List<string> ListedNames(EquatableArray<RegistryEntry> entries)
    {
        HashSet<string> shared = SharedNames(entries);
        return entries
            .Select(e => shared.Contains(e.Name) ? e.FullName : e.Name)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
    }

    public static string Emit(string ns, EquatableArray<RegistryEntry> entries)
    {
        HashSet<string> shared = SharedNames(entries);
        List<string> names = ListedNames(entries);
        string known = string.Join(", ", names);
        bool anyBound = entries.Any(e => e.IsBound);
        const string Function = "global::ScheduleDsl.IScheduleFunction";
        const string Run = "global::ScheduleDsl.Text.TrainingRun";

        var writer = new IndentedWriter();
        writer.Line(ScheduleEmitter.GeneratedMarker);
        writer.Line("#nullable enable");
        writer.Line();
        using (writer.Block($"namespace {string.Join(".", ns.Split('.').Select(Identifier.Escape))}"))
        {
            writer.Line("/// <summary>");
            writer.Line("/// The learning-rate schedules compiled into this assembly, by name, so that a command line or a configuration file");
            writer.Line($"/// can choose one: {string.Join(", ", names.Select(n => $"<c>{n}</c>"))}.");
            writer.Line("/// </summary>");
            writer.Line("/// <remarks>");
            writer.Line("/// A schedule's name is its type's name; its full name (namespace and containing types, joined by '.') is accepted");
            writer.Line("/// too, and is the only name of a type whose name another schedule type shares. Names compare ordinally (case");
            writer.Line("/// matters). A schedule whose lengths or peak come from the training run is bound to the run given to");
            writer.Line("/// <see cref=\"Get(string, global::ScheduleDsl.Text.TrainingRun)\"/>; the others ignore it.");
            writer.Line("/// </remarks>");
            writer.Line($"[global::System.CodeDom.Compiler.GeneratedCode({String(ScheduleEmitter.GeneratorName)}, {String(ScheduleEmitter.GeneratorVersion)})]");
            using (writer.Block($"internal static class {ClassName}"))
            {
                writer.Line("/// <summary>The name of every schedule, sorted ordinally: the type's name, or its full name where that is shared.</summary>");
                writer.Line("public static global::System.Collections.Generic.IReadOnlyList<string> Names { get; } = global::System.Array.AsReadOnly(new string[]");
                writer.Line("{");
                foreach (string name in names)
                {
                    writer.Line("    " + String(name) + ",");
                }

                writer.Line("});");
                writer.Line();

                writer.Line("/// <summary>Finds the schedule named <paramref name=\"name\"/>, for a schedule that does not depend on a training run.</summary>");
                writer.Line("/// <param name=\"name\">A name of <see cref=\"Names\"/>, or a schedule's full name.</param>");
                writer.Line("/// <param name=\"schedule\">The schedule, or <see langword=\"null\"/> when no schedule has that name.</param>");
                writer.Line("/// <returns>Whether a schedule has that name.</returns>");
                writer.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"name\"/> is null, or the schedule needs a training run.</exception>");
                writer.Line(Signature(writer, "public static bool TryGet", "string name", $"out {Function}? schedule"));
                writer.Line("    => TryGet(name, null, out schedule);");
                writer.Line();

                writer.Line("/// <summary>Finds the schedule named <paramref name=\"name\"/>, bound to <paramref name=\"run\"/> when its lengths or peak come from the run.</summary>");
                writer.Line("/// <param name=\"name\">A name of <see cref=\"Names\"/>, or a schedule's full name.</param>");
                writer.Line("/// <param name=\"run\">The training run, for a bound schedule; ignored by the others.</param>");
                writer.Line("/// <param name=\"schedule\">The schedule, or <see langword=\"null\"/> when no schedule has that name.</param>");
                writer.Line("/// <returns>Whether a schedule has that name.</returns>");
                writer.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"name\"/> is null, or the schedule needs a training run and <paramref name=\"run\"/> is null.</exception>");
                writer.Line("/// <exception cref=\"global::ScheduleDsl.Text.ScheduleFormatException\">The run lacks a value the schedule needs, or the schedule is invalid for it (its <c>Bind</c>).</exception>");
                using (writer.Block(Signature(writer, "public static bool TryGet", "string name", $"{Run}? run", $"out {Function}? schedule")))
                {
                    using (writer.Block("if (name is null)"))
                    {
                        writer.Line("throw new global::System.ArgumentNullException(nameof(name));");
                    }

                    writer.Line();
                    using (writer.Block("switch (name)"))
                    {
                        foreach (RegistryEntry entry in entries)
                        {
                            if (!shared.Contains(entry.Name) && entry.Name != entry.FullName)
                            {
                                writer.Line($"case {String(entry.Name)}:");
                            }

                            writer.Line($"case {String(entry.FullName)}:");
                            string value = entry.IsBound
                                ? $"{entry.TypeExpression}.Bind(RunFor(run, {String(entry.Name)}))"
                                : $"default(global::ScheduleDsl.CompiledSchedule<{entry.TypeExpression}>)";
                            writer.Line($"    schedule = {value};");
                            writer.Line("    return true;");
                        }

                        writer.Line("default:");
                        writer.Line("    schedule = null;");
                        writer.Line("    return false;");
                    }
                }

                writer.Line();
                writer.Line("/// <summary>The schedule named <paramref name=\"name\"/>, for a schedule that does not depend on a training run.</summary>");
                writer.Line("/// <param name=\"name\">A name of <see cref=\"Names\"/>, or a schedule's full name.</param>");
                writer.Line("/// <returns>The schedule.</returns>");
                writer.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"name\"/> is null, or the schedule needs a training run.</exception>");
                writer.Line("/// <exception cref=\"global::System.Collections.Generic.KeyNotFoundException\">No schedule has that name; the message lists the names.</exception>");
                writer.Line($"public static {Function} Get(string name) => Get(name, null);");
                writer.Line();

                writer.Line("/// <summary>The schedule named <paramref name=\"name\"/>, bound to <paramref name=\"run\"/> when its lengths or peak come from the run.</summary>");
                writer.Line("/// <param name=\"name\">A name of <see cref=\"Names\"/>, or a schedule's full name.</param>");
                writer.Line("/// <param name=\"run\">The training run, for a bound schedule; ignored by the others.</param>");
                writer.Line("/// <returns>The schedule.</returns>");
                writer.Line("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"name\"/> is null, or the schedule needs a training run and <paramref name=\"run\"/> is null.</exception>");
                writer.Line("/// <exception cref=\"global::System.Collections.Generic.KeyNotFoundException\">No schedule has that name; the message lists the names.</exception>");
                writer.Line("/// <exception cref=\"global::ScheduleDsl.Text.ScheduleFormatException\">The run lacks a value the schedule needs, or the schedule is invalid for it (its <c>Bind</c>).</exception>");
                using (writer.Block($"public static {Function} Get(string name, {Run}? run)"))
                {
                    using (writer.Block("if (TryGet(name, run, out " + Function + "? schedule))"))
                    {
                        writer.Line("return schedule!;");
                    }

                    writer.Line();
                    var ambiguous = entries.Where(e => shared.Contains(e.Name)).GroupBy(e => e.Name, StringComparer.Ordinal).ToList();
                    string unknown = $"$\"No compiled schedule is named '{{name}}'. The names are: {Interpolated(known)}.\"";
                    if (ambiguous.Count == 0)
                    {
                        writer.Line($"throw new global::System.Collections.Generic.KeyNotFoundException({unknown});");
                    }
                    else
                    {
                        writer.Line("string message = name switch");
                        writer.Line("{");
                        foreach (IGrouping<string, RegistryEntry> group in ambiguous)
                        {
                            string full = string.Join(", ", group.Select(e => e.FullName));
                            writer.Line($"    {String(group.Key)} => {String($"Several compiled schedules are named '{group.Key}': {full}. Use the full name.")},");
                        }

                        writer.Line($"    _ => {unknown},");
                        writer.Line("};");
                        writer.Line("throw new global::System.Collections.Generic.KeyNotFoundException(message);");
                    }
                }

                if (anyBound)
                {
                    writer.Line();
                    writer.Line($"private static {Run} RunFor({Run}? run, string name)");
                    writer.Line("    => run ?? throw new global::System.ArgumentNullException(");
                    writer.Line("        nameof(run),");
                    writer.Line("        $\"The schedule '{name}' takes lengths or its peak from the training run: pass the run, e.g. CompiledSchedules.Get(\\\"{name}\\\", TrainingRun.FromEpochs(epochs, stepsPerEpoch)).\");");
                }
            }
        }

        return writer.ToString();
    }

    /// <summary>
    /// Writes a method's signature, one parameter a line, with its last (<c>out</c>) parameter marked
    /// <c>[NotNullWhen(true)]</c> where the attribute exists (.NET Core 3.0 and .NET Standard 2.1 on; on .NET Standard
    /// 2.0 the parameter is only nullable), and returns its last line for the caller to write or open a block with.
    /// </summary>
    private static string Signature(IndentedWriter writer, string head, params string[] parameters)
    {
        writer.Line(head + "(");
        for (int i = 0; i < parameters.Length - 1; i++)
        {
            writer.Line("    " + parameters[i] + ",");
        }

        writer.Line("#if NETCOREAPP3_0_OR_GREATER || NETSTANDARD2_1_OR_GREATER");
        writer.Line("    [global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)]");
        writer.Line("#endif");
        return "    " + parameters[parameters.Length - 1] + ")";
    }

    /// <summary>Names that more than one schedule type has.</summary>
    private static HashSet<string> SharedNames(EquatableArray<RegistryEntry> entries)
        => new(entries.GroupBy(e => e.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key), StringComparer.Ordinal);

    /// <summary>Text for the inside of an interpolated string literal: quotes, backslashes and braces escaped.</summary>
    private static string Interpolated(string text)
    {
        string quoted = String(text);
        return quoted.Substring(1, quoted.Length - 2).Replace("{", "{{").Replace("}", "}}");
    }

    /// <summary>A namespace part as an identifier: characters other than letters, digits and '_' become '_', and a leading digit gets a '_'.</summary>
    private static string AsIdentifier(string part)
    {
        var text = new StringBuilder(part.Length + 1);
        foreach (char c in part.Trim())
        {
            text.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (text.Length == 0 || char.IsDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }
}
