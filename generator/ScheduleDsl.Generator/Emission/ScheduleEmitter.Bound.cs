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
        // The comparisons on the way to At's last branch read fields even where the value is a literal, so that in
        // default(S), whose fields are 0, every step reaches that branch, whose test of the step limit then throws.
        slotField = (int[])slotField.Clone();
        int[] pieceSlots = BoundSlots.PieceSlots(lowered);
        foreach ((int first, int count) in new[] { (0, lowered.Pieces.Count), (lowered.Pieces.Count, lowered.MomentumPieces.Count) })
        {
            foreach ((int leaf, bool end) in count == 0 ? [] : Spine(count + (lowered.ThrowsPastEnd ? 1 : 0)))
            {
                // A leaf past the pieces is the past-the-end branch, which starts at the total (slot 1).
                int slot = leaf == count ? 1 : pieceSlots[first + leaf] + (end ? 1 : 0);
                if (slotField[slot] < 0)
                {
                    slotField[slot] = slot;
                }
            }
        }

        string[] names = SlotNames(nominal, lowered, pieceSlots);
        string Field(int slot) => names[slot];
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
                sentinels[Double(sentinel)] = Field(slotField[i]) + "AsDouble";
                if (slotField[i] == i)
                {
                    fields.Add((Field(i), "long", $"values.Long({i.ToString(CultureInfo.InvariantCulture)})"));
                    fields.Add((Field(i) + "AsDouble", "double", $"values.Long({i.ToString(CultureInfo.InvariantCulture)})"));
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
                string[] shared = Enumerable.Range(0, slotField.Length).Where(j => slotField[j] >= 0 && slotField[j] != j && Field(slotField[j]) == field.Replace("AsDouble", string.Empty)).Select(j => Field(j).Substring(1)).ToArray();
                if (shared.Length > 0 && !field.EndsWith("AsDouble", StringComparison.Ordinal))
                {
                    writer.Line($"// Also {string.Join(", ", shared)}.");
                }

                writer.Line($"private readonly {type} {field};");
            }

            writer.Line();
            writer.Line($"// 2^63 once bound, so that At's last branch rejects negative steps; 0 in default({nominal.Type.Name}), where it rejects every step.");
            writer.Line($"private readonly ulong {StepLimit};");
            writer.Line();
            using (writer.Block($"private {name}(global::ScheduleDsl.Text.BoundValues values)"))
            {
                foreach ((string field, _, string read) in fields)
                {
                    writer.Line($"{field} = {read};");
                }

                writer.Line($"{StepLimit} = 0x8000_0000_0000_0000UL;");
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
            writer.Line($"/// <summary>Whether this value came from <see cref=\"Bind(global::ScheduleDsl.Text.TrainingRun)\"/>; <c>default({Xml(nominal.Type.Name)})</c> is not bound, and its <c>At</c>, <c>AtSingle</c>, <c>Fill</c> and <c>MomentumAt</c> throw <see cref=\"global::System.InvalidOperationException\"/>.</summary>");
            writer.Line($"public {modifier}bool IsBound => {StepLimit} != 0UL;");
            writer.Line();
            writer.Line($"/// <inheritdoc cref=\"{Function}.HasMomentum\"/>");
            writer.Line($"public {modifier}bool HasMomentum => {Bool(code.MomentumPieces.Count > 0)};");
            writer.Line();
            WriteEvaluation(code, code.Pieces, Function + ".At(long)", "At", writer, modifier, label, StepLimit);
            writer.Line();
            WriteAtSingle(writer, Function, modifier);
            writer.Line();
            WriteFill(code, writer, Function, modifier, label, StepLimit);
            writer.Line();
            if (code.MomentumPieces.Count > 0)
            {
                WriteEvaluation(code, code.MomentumPieces, Function + ".MomentumAt(long)", "MomentumAt", writer, modifier, label, StepLimit);
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

    private const string StepLimit = "_stepLimit";

    /// <summary>
    /// A field name for each slot, after what it holds: <c>_peak</c>, <c>_totalSteps</c>, then per piece its phase and
    /// the value (<c>_warmupEnd</c>, <c>_cosineSteps</c>, <c>_cosineFinalStart</c> for the value held after
    /// [Cosine]), with a number after a name already taken.
    /// </summary>
    private static string[] SlotNames(ScheduleModel nominal, LoweredSchedule lowered, int[] pieceSlots)
    {
        BoundSlots.Values(lowered, out double[] values, out _, out _);
        var names = new string[values.Length];
        names[0] = "peak";
        if (lowered.TotalSteps is not null)
        {
            names[1] = "totalSteps";
        }

        var pieces = lowered.Pieces.Concat(lowered.MomentumPieces).ToList();
        var nominalPieces = nominal.Pieces.Concat(nominal.MomentumPieces).ToList();
        for (int k = 0; k < pieces.Count; k++)
        {
            string phase = (k >= lowered.Pieces.Count ? "momentum" : string.Empty) + PhaseName(Label(nominal, nominalPieces[k]), k >= lowered.Pieces.Count);
            int first = pieceSlots[k];
            int next = k + 1 < pieces.Count ? pieceSlots[k + 1] : values.Length;
            names[first] = phase + "Start";
            names[first + 1] = phase + "End";
            names[first + 2] = phase + "Origin";
            IReadOnlyList<string>? parameters = ParameterNames(pieces[k].Function);
            int count = next - first - 3;
            for (int j = 0; j < count; j++)
            {
                names[first + 3 + j] = phase + Pascal(parameters is not null && parameters.Count == count ? parameters[j] : "value" + (j + 1).ToString(CultureInfo.InvariantCulture));
            }
        }

        var taken = new HashSet<string>(StringComparer.Ordinal) { StepLimit.Substring(1) };
        for (int i = 0; i < names.Length; i++)
        {
            string name = names[i] ?? "value" + i.ToString(CultureInfo.InvariantCulture);
            for (int n = 2; !taken.Add(name); n++)
            {
                name = (names[i] ?? "value") + n.ToString(CultureInfo.InvariantCulture);
            }

            names[i] = "_" + name;
        }

        return names;
    }

    /// <summary>The phase a branch label names, in camel case: "[Warmup]" is warmup, "the final value of [Cosine]" cosineFinal.</summary>
    private static string PhaseName(string label, bool pascal)
    {
        int open = label.IndexOf('[');
        int close = open < 0 ? -1 : label.IndexOf(']', open);
        string kind = close < 0 ? "Rate" : label.Substring(open + 1, close - open - 1);
        if (close >= 0 && label.Substring(0, open).Contains("final value"))
        {
            kind += "Final";
        }

        return pascal ? kind : char.ToLowerInvariant(kind[0]) + kind.Substring(1);
    }

    /// <summary>The names of a rate function's values in slot order (its formula's parameters that are slots), or null when not known.</summary>
    private static IReadOnlyList<string>? ParameterNames(RateFunction function) => function switch
    {
        RateFunction.Constant => ["value"],
        RateFunction.Product => null,
        RateFunction.Named named => named.Arguments.Select((a, i) => (a, i)).Where(x => x.a.Kind == RateFunction.ArgumentKind.Double).Select(x => named.Formula.Parameters[x.i]).ToList(),
        RateFunction.Cyclic cyclic => cyclic.Calls.Parameters.Where((_, i) => i != 4).ToList(),
        RateFunction.Anneal anneal => anneal.Calls.Parameters.Take(4).ToList(),
        _ => function.Calls?.Parameters,
    };

    private static string Pascal(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);

    /// <summary>A branch label without the nominal run's step numbers.</summary>
    private static string Unnumbered(string label)
    {
        int colon = label.IndexOf(": ", StringComparison.Ordinal);
        return colon >= 0 && label.StartsWith("step", StringComparison.Ordinal) ? label.Substring(colon + 2) : label;
    }
}
