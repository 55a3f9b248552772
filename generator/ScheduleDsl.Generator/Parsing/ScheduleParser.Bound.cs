using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Generator.Emission;
using ScheduleDsl.Generator.Model;
using ScheduleDsl.Language;
using ScheduleDsl.Language.Binding;
using ScheduleDsl.Language.Kinds;
using ScheduleDsl.Language.Lowering;
using ScheduleDsl.Language.Model;
using ScheduleDsl.Language.Problems;

namespace ScheduleDsl.Generator.Parsing;

// Bound schedules: lengths ("5%", "2 epochs", "rest") or the peak ([LearningRate]) from the training run.
//
// The schedule is lowered by the shared pass for two nominal runs of different lengths. What the two agree on does not
// depend on the run: the problems both report (same ID, message and argument) are reported now; the values both give
// are compiled as literals. The values that differ become readonly fields, filled by the generated Bind(TrainingRun),
// which resolves the text of the attributes against the real run and lowers it with the same pass at run time
// (ScheduleDsl.Text.BoundValues), so its errors are the analyzer's for those numbers. The pieces must have the same
// shape in both runs (the same branches and calls); the runtime checks the real run gives that shape too.

internal static partial class ScheduleParser
{
    /// <summary>
    /// Whether <paramref name="type"/> is a bound schedule: <c>[LearningRate]</c> without a rate, or a phase length
    /// from the run (a string that is a valid length but not a number of steps). Reads only attribute data.
    /// </summary>
    public static bool IsBoundSchedule(INamedTypeSymbol type, INamedTypeSymbol learningRate)
    {
        bool schedule = false;
        bool bound = false;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, learningRate))
            {
                schedule = true;
                bound |= attribute.AttributeConstructor is { Parameters.Length: 0 };
            }

            bound |= attribute.ConstructorArguments.Any(a => a.Kind != TypedConstantKind.Array && a.Value is string text && LengthSpec.Parse(text) is { IsSteps: false, Unit: not LengthUnit.Invalid });
        }

        return schedule && bound;
    }

    private sealed partial class Context
    {
        /// <summary>Two nominal runs: total steps, updates per epoch, peak. Different enough that no run value coincides.</summary>
        private static readonly (long Total, long PerEpoch, double Peak)[] Probes = [(7_000_000, 4_000, 0.001), (23_000_000, 12_000, 0.003)];

        /// <summary>Whether a length or the peak comes from the run (a malformed length string is the pass's SDL0114).</summary>
        private static bool IsBound(AttributeReader rate, List<AttributeReader> phases)
            => !rate.Has("peak")
            || phases.Any(p => p.Strings().Any(s => LengthSpec.Parse(s.Value) is { IsSteps: false, Unit: not LengthUnit.Invalid }));

        private ScheduleModel? RunBound(AttributeReader rate, List<AttributeReader> readers, CancellationToken cancellationToken)
        {
            // Multiplying phases and explicit starts cut and merge pieces at places that move with the lengths.
            foreach (AttributeReader reader in readers)
            {
                if (reader.Bool("Multiply", false))
                {
                    Report(ProblemCatalog.BoundNotCompiled, reader, reader.LocationOf("Multiply"), $"[{reader.Name}] has Multiply = true in a schedule whose lengths or peak come from the training run: where it cuts the other phases' pieces depends on the run");
                }
                else if (reader.Has("Start") && reader.Long("Start", -1) != -1)
                {
                    Report(ProblemCatalog.BoundNotCompiled, reader, reader.LocationOf("Start"), $"[{reader.Name}] has a Start in a schedule whose lengths or peak come from the training run: which phases it cuts short depends on the run");
                }
            }

            if (Failed)
            {
                return null;
            }

            var runs = new List<(LoweredSchedule? Schedule, List<ProbeFinding> Findings, long Total)>();
            foreach ((long total, long perEpoch, double peak) in Probes)
            {
                var sink = new ProbeSink();
                long resolvedTotal = total;
                List<DeclaredPhase>? declared = null;
                for (int attempt = 0; attempt < 8 && declared is null; attempt++, resolvedTotal *= 4)
                {
                    declared = Resolve(readers, resolvedTotal, perEpoch, sink);
                }

                if (declared is null)
                {
                    Report(ProblemCatalog.BoundNotCompiled, rate, ArgumentLocation.Attribute, $"The lengths of '{_type.Name}' leave no steps for \"rest\" in any run");
                    return null;
                }

                IArgumentReader rateReader = rate.Has("peak") ? rate : new ProbeReader(rate, new Dictionary<string, long>(), peak);
                var pass = new SchedulePass(_type.Name, sink, Failed);
                LoweredSchedule? schedule = pass.Lower(rateReader, declared, cancellationToken);
                _pass ??= pass;
                runs.Add((schedule, sink.Findings, resolvedTotal));
            }

            // What both runs report does not depend on the run; the analyzer reports it now, at the argument.
            List<ProbeFinding> common = runs[0].Findings.Where(f => runs[1].Findings.Any(g => g.SameAs(f))).ToList();
            foreach (ProbeFinding finding in common)
            {
                _findings.Add(finding.Reader is { } reader ? Finding.At(finding.Problem, reader, finding.Location, finding.Args) : Finding.At(finding.Problem, TypeLocation, finding.Args));
            }

            if (Failed)
            {
                return null;
            }

            if (runs[0].Schedule is not { } first || runs[1].Schedule is not { } second)
            {
                ProbeFinding error = runs.SelectMany(r => r.Findings).First(f => f.Problem.IsError);
                long total = runs[0].Schedule is null ? runs[0].Total : runs[1].Total;
                Report(ProblemCatalog.BoundNotCompiled, rate, ArgumentLocation.Attribute, $"'{_type.Name}' takes its lengths or peak from the training run, and its checks depend on the run: for a run of {total} steps, {error.Problem.Id}: {error.Problem.Format(error.Args)}");
                return null;
            }

            BoundSlots.Values(first, out double[] doubles1, out long[] longs1, out bool[] isLong);
            BoundSlots.Values(second, out double[] doubles2, out long[] longs2, out _);
            bool sameCount = doubles1.Length == doubles2.Length;
            bool[] slot = sameCount
                ? [.. Enumerable.Range(0, doubles1.Length).Select(i => BitConverter.DoubleToInt64Bits(doubles1[i]) != BitConverter.DoubleToInt64Bits(doubles2[i]) || longs1[i] != longs2[i])]
                : [];
            // A value from the run that equals an earlier one in both runs is the same quantity (a phase's end is the next
            // one's start, the last end the total): one field, and Bind checks the real run agrees ("=j" in the shape).
            int[] field = new int[slot.Length];
            for (int i = 0; i < slot.Length; i++)
            {
                field[i] = !slot[i] ? -1 : Enumerable.Range(0, i).Where(j => slot[j] && field[j] == j && isLong[j] == isLong[i] && doubles1[j].Equals(doubles1[i]) && doubles2[j].Equals(doubles2[i]) && longs1[j] == longs1[i] && longs2[j] == longs2[i]).DefaultIfEmpty(i).First();
            }

            string? Token(int i) => field.Length <= i || field[i] < 0 ? null : field[i] == i ? "?" : "=" + field[i].ToString(CultureInfo.InvariantCulture);
            string shape = BoundSlots.Shape(first, Token);
            if (!sameCount || shape != BoundSlots.Shape(second, Token))
            {
                Report(ProblemCatalog.BoundNotCompiled, rate, ArgumentLocation.Attribute, $"The pieces of '{_type.Name}' change with the training run's length (a phase that splits or vanishes), so no fixed branches fit every run");
                return null;
            }

            ScheduleModel nominal = Model(first);
            string source = ScheduleEmitter.EmitBound(nominal, first, field, Text(rate, readers), shape, IsStruct(_type));
            return nominal with { BoundSource = source };
        }

        /// <summary>The model of a lowered schedule (for a bound one, of a nominal run).</summary>
        private ScheduleModel Model(LoweredSchedule schedule)
            => new(
                Namespace: NamespaceName(_type),
                ContainingTypes: Containing(_type).ToEquatableArray(),
                Type: Declaration(_type),
                FullyQualifiedMetadataName: MetadataName(_type),
                Peak: schedule.Peak,
                Pieces: schedule.Pieces,
                TotalSteps: schedule.TotalSteps,
                ThrowsPastEnd: schedule.ThrowsPastEnd,
                Phases: schedule.Phases,
                MomentumPieces: schedule.MomentumPieces,
                HasUserDocumentation: HasDocumentation(_type));

        private static bool IsStruct(INamedTypeSymbol type) => type.IsValueType;

        /// <summary>
        /// The phases with every length from the run resolved for a nominal run (Hugging Face's rounding: a fraction
        /// rounded up; "rest" what the sequence leaves); null when "rest" gets no step, so that a longer run is tried.
        /// </summary>
        private List<DeclaredPhase>? Resolve(List<AttributeReader> readers, long total, long perEpoch, ProbeSink sink)
        {
            var phases = new List<(AttributeReader Reader, PhaseKind? Kind, Dictionary<string, long> Steps)>();
            long used = 0;
            (int Phase, string Name)? rest = null;
            foreach (AttributeReader reader in readers)
            {
                PhaseKind? kind = KindRegistry.Find(reader.Data.AttributeClass?.Name);
                string? own = kind?.LengthArgument;
                var steps = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
                foreach (KeyValuePair<string, string?> written in reader.Strings())
                {
                    LengthSpec length = LengthSpec.Parse(written.Value);
                    bool isOwn = own is not null && string.Equals(written.Key, own, StringComparison.OrdinalIgnoreCase);
                    switch (length.Unit)
                    {
                        case LengthUnit.Epochs:
                            steps[written.Key] = Math.Max(1, (long)Math.Ceiling(length.Value * perEpoch));
                            break;
                        case LengthUnit.Fraction:
                            steps[written.Key] = Math.Max(1, (long)Math.Ceiling(total * length.Value));
                            break;
                        case LengthUnit.Rest when isOwn && rest is null:
                            rest = (phases.Count, written.Key);
                            break;
                        case LengthUnit.Rest:
                            // The text form's SDL0110 for the same text; reported by both runs, so now.
                            sink.Report(ProblemCatalog.BoundNotCompiled, reader, reader.LocationOf(written.Key), [$"{KindReader.Describe(reader.Name, written.Key)} is \"rest\", which only the one phase length of a schedule may be"]);
                            steps[written.Key] = 1;
                            break;
                    }
                }

                if (own is not null && reader.Has(own) && !(rest is { } r && r.Phase == phases.Count))
                {
                    used += steps.TryGetValue(own, out long resolved) ? resolved : Math.Max(0, reader.Long(own, 0));
                }

                phases.Add((reader, kind, steps));
            }

            if (rest is { } open)
            {
                if (total - used < 1)
                {
                    return null;
                }

                phases[open.Phase].Steps[open.Name] = total - used;
            }

            return phases.Select(p => new DeclaredPhase(new ProbeReader(p.Reader, p.Steps, null), p.Kind)).ToList();
        }

        /// <summary>The attributes as schedule text for the run-time binding: the peak first, then the phases in source order.</summary>
        private static string Text(AttributeReader rate, List<AttributeReader> phases)
        {
            var text = new StringBuilder();
            foreach (AttributeReader reader in new[] { rate }.Concat(phases))
            {
                if (text.Length > 0)
                {
                    text.Append(' ');
                }

                text.Append('[').Append(reader.Name);
                string[] arguments = [.. reader.Written().Select(a => (a.IsProperty ? a.Name + " = " : a.Name + ": ") + Value(a.Value))];
                if (arguments.Length > 0)
                {
                    text.Append('(').Append(string.Join(", ", arguments)).Append(')');
                }

                text.Append(']');
            }

            return text.ToString();
        }

        private static string Value(TypedConstant value)
        {
            if (value.Kind == TypedConstantKind.Array)
            {
                string element = value.Type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Double } ? "double" : "long";
                return value.Values.Length == 0 ? $"new {element}[0]" : $"new {element}[] {{ {string.Join(", ", value.Values.Select(Value))} }}";
            }

            return value.Value switch
            {
                string s => Literal.String(s),
                double d => Literal.Double(d),
                long l => Literal.Long(l),
                bool b => Literal.Bool(b),
                int i when value.Kind == TypedConstantKind.Enum => i < 0 ? $"({value.Type!.Name})({i.ToString(CultureInfo.InvariantCulture)})" : $"({value.Type!.Name}){i.ToString(CultureInfo.InvariantCulture)}",
                int i => i.ToString(CultureInfo.InvariantCulture),
                IConvertible c => c.ToString(CultureInfo.InvariantCulture),
                _ => "0",
            };
        }

        private void Report(Problem problem, AttributeReader reader, ArgumentLocation location, string message)
            => _findings.Add(Finding.At(problem, reader, location, [message]));
    }

    /// <summary>A problem one nominal run found, kept until the other run says whether it depends on the run.</summary>
    private readonly record struct ProbeFinding(Problem Problem, object?[] Args, AttributeReader? Reader, ArgumentLocation Location)
    {
        public bool SameAs(ProbeFinding other)
            => ReferenceEquals(Problem, other.Problem)
            && ReferenceEquals(Reader, other.Reader)
            && Location == other.Location
            && Problem.Format(Args) == other.Problem.Format(other.Args);
    }

    private sealed class ProbeSink : IProblemSink
    {
        public List<ProbeFinding> Findings { get; } = [];

        public void Report(Problem problem, IArgumentReader? attribute, ArgumentLocation location, object?[] args)
            => Findings.Add(new ProbeFinding(problem, args, attribute is ProbeReader probe ? probe.Inner : attribute as AttributeReader, location));
    }

    /// <summary>An attribute with its lengths from the run resolved for a nominal run (and the peak, for <c>[LearningRate]</c>).</summary>
    private sealed class ProbeReader(AttributeReader inner, Dictionary<string, long> steps, double? peak) : IArgumentReader
    {
        public AttributeReader Inner => inner;

        public string Name => inner.Name;

        public ArgumentLocation Location => ArgumentLocation.Attribute;

        public bool Has(string name) => inner.Has(name) || (peak is not null && IsPeak(name));

        public ArgumentLocation LocationOf(string name, int element = -1) => inner.LocationOf(name, element);

        public double Double(string name, double fallback) => peak is { } p && IsPeak(name) ? p : inner.Double(name, fallback);

        public long Long(string name, long fallback) => steps.TryGetValue(name, out long value) ? value : inner.Long(name, fallback);

        public LengthSpec Length(string name, long fallback) => steps.TryGetValue(name, out long value) ? LengthSpec.FromSteps(value) : ((IArgumentReader)inner).Length(name, fallback);

        public int Int(string name, int fallback) => inner.Int(name, fallback);

        public bool Bool(string name, bool fallback) => inner.Bool(name, fallback);

        public double[] Doubles(string name) => inner.Doubles(name);

        public long[] Longs(string name) => inner.Longs(name);

        private static bool IsPeak(string name) => string.Equals(name, "peak", StringComparison.OrdinalIgnoreCase);
    }
}
