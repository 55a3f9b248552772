using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using ScheduleDsl.Generator.Model;
using ScheduleDsl.Language.Binding;
using ScheduleDsl.Language.Lowering;
using ScheduleDsl.Language.Model;
using static ScheduleDsl.Language.Literal;

namespace ScheduleDsl.Generator.Emission;

// A schedule bound to a training run: the same branch tree and calls as a constant schedule, as instance members of
// IScheduleFunction, with each value that depends on the run read from a readonly field instead of a literal, and a
// static Bind(TrainingRun) that fills the fields. The code is written from the nominal run's model with every
// run-dependent value replaced by a sentinel number, whose literal is then replaced by the field's name.

internal static partial class ScheduleEmitter
{
    private const string Function = "global::ScheduleDsl.IScheduleFunction";

    /// <summary>Writes a bound schedule.</summary>
    /// <param name="nominal">The model of the nominal run (names, phases and labels).</param>
    /// <param name="lowered">The same schedule as the pass lowered it.</param>
    /// <param name="slotField">For each value (in <see cref="BoundSlots"/> order), the slot whose field holds it when it comes from the run, or -1 for a literal.</param>
    /// <param name="text">The attributes as schedule text, which <c>Bind</c> resolves against the run.</param>
    /// <param name="shape">The compiled shape, which the run must give too.</param>
    /// <param name="isStruct">Whether the type is a struct (its members are then <c>readonly</c>).</param>
    /// <returns>The source.</returns>
    public static string EmitBound(ScheduleModel nominal, LoweredSchedule lowered, int[] slotField, string text, string shape, bool isStruct)
    {
        var sentinels = new Dictionary<string, string>(StringComparer.Ordinal);
        var fields = new List<(string Name, string Type, string Read)>();
        LoweredSchedule marked = BoundSlots.Map(lowered, new SlotWalk(
            (i, v) =>
            {
                if (slotField[i] < 0)
                {
                    return v;
                }

                double sentinel = BitConverter.Int64BitsToDouble(unchecked((long)0xDE00_0000_0000_0000UL) + ((i + 1L) * 0x1_0000_0001L));
                sentinels[Double(sentinel)] = Field(slotField[i]);
                if (slotField[i] == i)
                {
                    fields.Add((Field(i), "double", $"values.Double({i.ToString(CultureInfo.InvariantCulture)})"));
                }

                return sentinel;
            },
            (i, v) =>
            {
                if (slotField[i] < 0)
                {
                    return v;
                }

                long sentinel = -(1L << 52) - ((i + 1L) * 4096L);
                sentinels[Long(sentinel)] = Field(slotField[i]);
                sentinels[Double(sentinel)] = Field(slotField[i]) + "d";
                if (slotField[i] == i)
                {
                    fields.Add((Field(i), "long", $"values.Long({i.ToString(CultureInfo.InvariantCulture)})"));
                    fields.Add((Field(i) + "d", "double", $"values.Long({i.ToString(CultureInfo.InvariantCulture)})"));
                }

                return sentinel;
            }));

        // Labels come from the nominal run, without its step numbers: "[Cosine]", "the final value of [Cosine]".
        var labels = new Dictionary<Piece, string>();
        for (int i = 0; i < marked.Pieces.Count; i++)
        {
            labels[marked.Pieces[i]] = Unnumbered(Label(nominal, nominal.Pieces[i]));
        }

        for (int i = 0; i < marked.MomentumPieces.Count; i++)
        {
            labels[marked.MomentumPieces[i]] = Unnumbered(Label(nominal, nominal.MomentumPieces[i]));
        }

        ScheduleModel code = nominal with { Peak = marked.Peak, Pieces = marked.Pieces, TotalSteps = marked.TotalSteps, MomentumPieces = marked.MomentumPieces };
        string modifier = isStruct ? "readonly " : string.Empty;
        string name = Identifier.Escape(nominal.Type.Name);
        Func<Piece, string> label = piece => labels.TryGetValue(piece, out string? l) ? l : "past the end, throws";

        var writer = new IndentedWriter();
        Stack<IDisposable> scopes = OpenScopes(nominal.Namespace, nominal.ContainingTypes, writer);
        string summary = $"Learning-rate schedule bound to a training run: <c>{Xml(text)}</c>. Its lengths or peak come from the run, so it is a value: call <see cref=\"Bind(global::ScheduleDsl.Text.TrainingRun)\"/> once and use the result as an <see cref=\"{Function}\"/> (a struct generic argument costs nothing). It is not an <see cref=\"global::ScheduleDsl.ISchedule\"/>, whose members are static.";
        writer.Line(nominal.HasUserDocumentation ? $"/// <remarks>{summary}</remarks>" : $"/// <summary>{summary}</summary>");
        writer.Line($"[global::System.CodeDom.Compiler.GeneratedCode({String(GeneratorName)}, {String(GeneratorVersion)})]");
        using (writer.Block($"partial {nominal.Type.Keyword} {name} : {Function}"))
        {
            writer.Line("/// <summary>The schedule's attributes in the text form, which <see cref=\"Bind(global::ScheduleDsl.Text.TrainingRun)\"/> resolves against the run.</summary>");
            writer.Line($"public const string Text = {String(text)};");
            writer.Line();
            writer.Line("// The compiled pieces: the literal values, ? for a value from the run, =j for the value of slot j, then their functions.");
            writer.Line($"private const string Shape = {String(shape)};");
            foreach ((string field, string type, _) in fields)
            {
                writer.Line();
                writer.Line($"private readonly {type} {field};");
            }

            writer.Line();
            using (writer.Block($"private {name}(global::ScheduleDsl.Text.BoundValues values)"))
            {
                foreach ((string field, _, string read) in fields)
                {
                    writer.Line($"{field} = {read};");
                }
            }

            writer.Line();
            writer.Line("/// <summary>");
            writer.Line("/// Binds the schedule to <paramref name=\"run\"/>: resolves its lengths (and peak) and validates it with the analyzer's checks");
            writer.Line("/// for those numbers. Call it once; the value's members allocate nothing.");
            writer.Line("/// </summary>");
            writer.Line("/// <param name=\"run\">The training run: its total steps, updates per epoch and peak, as the schedule needs them.</param>");
            writer.Line("/// <returns>The bound schedule.</returns>");
            writer.Line("/// <exception cref=\"global::ScheduleDsl.Text.ScheduleFormatException\">The run lacks a value, or the schedule is invalid for these numbers (the analyzer's SDL ID and message).</exception>");
            writer.Line($"public static {name} Bind(global::ScheduleDsl.Text.TrainingRun run) => new(global::ScheduleDsl.Text.BoundValues.Resolve(Text, Shape, run, {String(nominal.Type.Name)}));");
            writer.Line();
            WriteConstants(code, writer, Function, modifier);
            writer.Line();
            writer.Line($"/// <inheritdoc cref=\"{Function}.HasMomentum\"/>");
            writer.Line($"public {modifier}bool HasMomentum => {Bool(code.MomentumPieces.Count > 0)};");
            writer.Line();
            WriteEvaluation(code, code.Pieces, Function + ".At(long)", "At", writer, modifier, label);
            writer.Line();
            WriteAtSingle(writer, Function, modifier);
            writer.Line();
            WriteFill(code, writer, Function, modifier, label);
            writer.Line();
            if (code.MomentumPieces.Count > 0)
            {
                WriteEvaluation(code, code.MomentumPieces, Function + ".MomentumAt(long)", "MomentumAt", writer, modifier, label);
            }
            else
            {
                writer.Line($"/// <inheritdoc cref=\"{Function}.MomentumAt(long)\"/>");
                writer.Line($"public {modifier}double MomentumAt(long step) => throw new global::System.InvalidOperationException({String($"Schedule '{nominal.Type.Name}' does not co-schedule momentum.")});");
            }
        }

        string source = CloseScopes(scopes, writer);
        source = Regex.Replace(source, @"(?<![\w.])-[0-9][0-9.E+\-]*L?(?![\w.])", m => sentinels.TryGetValue(m.Value, out string? field) ? field : m.Value);

        // A long value may be read only as a long or only as a double: drop the field the code does not read (CS0414).
        foreach ((string field, _, _) in fields)
        {
            if (Regex.Matches(source, $@"\b{field}\b").Count <= 2)
            {
                source = Regex.Replace(source, $@"\n\n[ ]*private readonly \w+ {field};|\n[ ]*{field} = values\.\w+\(\d+\);", string.Empty);
            }
        }

        return source;
    }

    private static string Field(int slot) => "_v" + slot.ToString(CultureInfo.InvariantCulture);

    /// <summary>A branch label without the nominal run's step numbers.</summary>
    private static string Unnumbered(string label)
    {
        int colon = label.IndexOf(": ", StringComparison.Ordinal);
        return colon >= 0 && label.StartsWith("step", StringComparison.Ordinal) ? label.Substring(colon + 2) : label;
    }
}
