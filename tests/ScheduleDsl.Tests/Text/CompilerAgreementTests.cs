using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Language;
using ScheduleDsl.Language.Problems;
using ScheduleDsl.Tests.Infrastructure;
using ScheduleDsl.Text;
using Xunit;

namespace ScheduleDsl.Tests.Text;

/// <summary>
/// The text binder against the C# compiler: random attribute texts are both compiled by Roslyn (as attributes on a
/// type) and parsed as schedule text. Where the compiler accepts, the text form gives the same value for every
/// constructor parameter and named argument; where it rejects, the text form throws.
/// </summary>
public sealed class CompilerAgreementTests
{
    private static readonly string[] Longs = ["10", "1_000", "0x1F", "0b101", "10L", "10U", "10UL", "-3", "long.MaxValue", "int.MinValue", "(long)1e6", "(long)-2.5", "1.5", "1e3", "true", "0.5f", "9007199254740993", "9223372036854775807", "-9223372036854775808", "4294967296U"];

    private static readonly string[] Doubles = ["0.1", "3e-4", "1E+2", ".5", "2", "2L", "7U", "1_0.2_5", "0.1f", "1.5d", "1.5m", "-0.0", "+1", "double.NaN", "double.NegativeInfinity", "float.MaxValue", "(double)3", "(float)0.1", "Math.PI", "1e-320", "true", "\"x\"", "0x10", "18446744073709551615"];

    private static readonly string[] Ints = ["512", "-1", "int.MaxValue", "2147483648", "64L", "(int)1e3", "0x7fffffff", "1.0"];

    private static readonly string[] Bools = ["true", "false", "1", "(bool)true"];

    // Lengths for the string overloads ([Warmup("5%")]): valid ones first, then a malformed one and non-strings.
    private static readonly string[] Strings = ["\"5%\"", "\"2 epochs\"", "\"rest\"", "\"500 steps\"", "\"0.05 of run\"", "\"2 fortnights\"", "10", "1.5"];

    private static readonly Dictionary<string, string[]> Enums = new()
    {
        ["EndBehavior"] = ["EndBehavior.Hold", "EndBehavior.Periodic", "ScheduleDsl.EndBehavior.Throw", "global::ScheduleDsl.EndBehavior.Hold", "(EndBehavior)7", "(EndBehavior)(-1)", "0", "1", "CurveShape.Linear"],
        ["CurveShape"] = ["CurveShape.Cosine", "(CurveShape)9", "0", "AnnealStrategy.Linear"],
        ["AnnealStrategy"] = ["AnnealStrategy.Linear", "(AnnealStrategy)3"],
        ["CyclicMode"] = ["CyclicMode.ExpRange", "(CyclicMode)5", "0"],
        ["PeerConvention"] = ["PeerConvention.Keras", "PeerConvention.Optax", "(PeerConvention)9", "0"],
    };

    private static string Value(ArgumentSignature signature, Random random)
    {
        if (signature.IsArray)
        {
            string element = signature.Type == ConstantType.Double ? "double" : "long";
            string[] pool = signature.Type == ConstantType.Double ? Doubles : Longs;
            string[] items = Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(4) == 0 ? pool[random.Next(pool.Length)] : pool[random.Next(3)]).ToArray();
            return random.Next(4) switch
            {
                0 => $"new {element}[] {{ {string.Join(", ", items)} }}",
                1 => $"[{string.Join(", ", items)}]",
                2 => items.Length == 0 ? $"new {element}[0]" : $"new[] {{ {string.Join(", ", items)} }}",
                _ => $"new {element}[{items.Length}] {{ {string.Join(", ", items)} }}",
            };
        }

        string[] values = signature.Type switch
        {
            ConstantType.Int64 => Longs,
            ConstantType.Double => Doubles,
            ConstantType.Int32 => Ints,
            ConstantType.Boolean => Bools,
            ConstantType.String => Strings,
            _ => Enums[signature.EnumType!],
        };

        // Mostly valid values, so both sides get past the first argument.
        return random.Next(3) == 0 ? values[random.Next(values.Length)] : values[random.Next(Math.Min(3, values.Length))];
    }

    private static string RandomAttribute(AttributeSignature signature, Random random)
    {
        IReadOnlyList<ArgumentSignature> constructor = signature.Constructors[random.Next(signature.Constructors.Count)];
        var arguments = new List<string>();
        int positional = Math.Max(0, constructor.Count - (random.Next(5) == 0 ? 1 : 0));
        for (int i = 0; i < positional; i++)
        {
            ArgumentSignature parameter = constructor[i];
            if (parameter.IsParams && random.Next(2) == 0)
            {
                ArgumentSignature element = parameter with { IsArray = false };
                arguments.AddRange(Enumerable.Range(0, random.Next(4)).Select(_ => Value(element, random)));
                continue;
            }

            string value = Value(parameter, random);
            arguments.Add(random.Next(5) == 0 ? $"{parameter.Name}: {value}" : value);
        }

        foreach (ArgumentSignature property in signature.Properties.Values.OrderBy(_ => random.Next()).Take(random.Next(3)))
        {
            arguments.Add($"{property.Name} = {Value(property, random)}");
        }

        if (random.Next(20) == 0 && arguments.Count > 1)
        {
            (arguments[0], arguments[^1]) = (arguments[^1], arguments[0]);
        }

        return $"[{signature.Name}({string.Join(", ", arguments)})]";
    }

    [Fact]
    public void The_text_binder_agrees_with_the_compiler_on_random_attributes()
    {
        var random = new Random(78);
        AttributeSignature[] phases = KnownAttributes.ByName.Values.Where(s => s.Name != "LearningRate").ToArray();
        int accepted = 0;
        int rejected = 0;
        var texts = Enumerable.Range(0, 1000).Select(_ => RandomAttribute(phases[random.Next(phases.Length)], random)).ToList();

        // One compilation for all: a type per attribute.
        string source = "using System; using ScheduleDsl;\n" + string.Concat(texts.Select((t, i) => $"[LearningRate(0.1)]\n{t}\npublic partial struct S{i};\n"));
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = GeneratorHarness.Compile(source);
        ImmutableArray<Diagnostic> errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        Assert.All(errors, e => Assert.True((e.Location.GetLineSpan().StartLinePosition.Line + 1) % 3 == 0, $"an error outside the attribute lines: {e}"));
        for (int i = 0; i < texts.Count; i++)
        {
            int line = 1 + (i * 3) + 1;
            bool compiles = !errors.Any(e => e.Location.GetLineSpan().StartLinePosition.Line + 1 == line + 1);
            string text = "[LearningRate(0.1)] " + texts[i];
            ScheduleText? parsed = null;
            ScheduleFormatException? failure = null;
            try
            {
                parsed = ScheduleText.Parse(text);
            }
            catch (ScheduleFormatException error)
            {
                failure = error;
            }

            if (!compiles)
            {
                rejected++;

                // A string for a long property (Start = "5%") is a length to the text form; C# has no string form of a property.
                if (failure is null)
                {
                    Assert.True(texts[i].Contains('"', StringComparison.Ordinal), $"the compiler rejects {texts[i]} ({string.Join("; ", errors.Where(e => e.Location.GetLineSpan().StartLinePosition.Line + 1 == line + 1))}) but the text form accepts it");
                }

                continue;
            }

            // A string the compiler takes is a length to the text form, which rejects a malformed one as the analyzer does (SDL0114).
            if (failure?.DiagnosticId == ProblemCatalog.InvalidLengthText.Id)
            {
                Assert.Contains("fortnights", texts[i], StringComparison.Ordinal);
                rejected++;
                continue;
            }

            Assert.True(failure is null, $"the compiler accepts {texts[i]} but the text form says {failure?.Message}");
            accepted++;
            AttributeData data = compilation.GetTypeByMetadataName($"S{i}")!.GetAttributes()[1];
            TextAttribute attribute = parsed!.Attributes[1];
            IArgumentReader reader = attribute;
            for (int p = 0; p < data.AttributeConstructor!.Parameters.Length; p++)
            {
                // The same overload: a string parameter where the compiler chose one ([Warmup("5%")]), a long where it chose that.
                IParameterSymbol parameter = data.AttributeConstructor.Parameters[p];
                Assert.True(
                    (parameter.Type.SpecialType == SpecialType.System_String) == (attribute.Arguments[parameter.Name].Signature.Type == ConstantType.String),
                    $"{texts[i]}: the compiler binds '{parameter.Name}' to {parameter.Type}, the text form to {attribute.Arguments[parameter.Name].Signature.TypeName}");
                Same(parameter.Name, data.ConstructorArguments[p], reader, texts[i]);
            }

            foreach (KeyValuePair<string, TypedConstant> named in data.NamedArguments)
            {
                Same(named.Key, named.Value, reader, texts[i]);
            }
        }

        // The generator of random texts exercises both outcomes.
        Assert.InRange(accepted, 100, 4000);
        Assert.InRange(rejected, 50, 4000);
        Assert.Equal(texts.Count, accepted + rejected);
    }

    private static void Same(string name, TypedConstant expected, IArgumentReader reader, string text)
    {
        Assert.True(reader.Has(name), $"{name} missing in {text}");
        if (expected.Kind == TypedConstantKind.Array)
        {
            object?[] values = expected.Values.Select(v => v.Value).ToArray();
            if (values.All(v => v is double))
            {
                Assert.Equal(values.Select(v => BitConverter.DoubleToInt64Bits((double)v!)), reader.Doubles(name).Select(BitConverter.DoubleToInt64Bits));
            }
            else
            {
                Assert.Equal(values.Select(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)), reader.Longs(name));
            }

            return;
        }

        switch (expected.Value)
        {
            case double d:
                Assert.True(BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits(reader.Double(name, double.NaN)), $"{name} of {text}: {d:R} vs {reader.Double(name, double.NaN):R}");
                break;
            case long l:
                Assert.True(l == reader.Long(name, 12345), $"{name} of {text}");
                break;
            case int n:
                Assert.True(n == reader.Int(name, 12345), $"{name} of {text}");
                break;
            case bool b:
                Assert.True(b == reader.Bool(name, !b), $"{name} of {text}");
                break;
            case string s:
                Assert.Equal(LengthSpec.Parse(s), reader.Length(name, -1));
                break;
            default:
                Assert.Fail($"unexpected {expected.Value?.GetType()} for {name} in {text}");
                break;
        }
    }
}
