using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using ScheduleDsl.Language;
using ScheduleDsl.Tests.Infrastructure;
using ScheduleDsl.Text;
using Xunit;

namespace ScheduleDsl.Tests.Text;

/// <summary>
/// The attributes' string overloads (<c>[Warmup("5%")]</c>, <c>[Cosine("rest", Final = 3e-5)]</c>) and
/// <c>[LearningRate]</c> without a rate, in the text form: the binder picks the overload the C# compiler picks, the
/// text prints and reads back to itself, and binding to a run goes back to the <c>long</c> overload.
/// </summary>
public sealed class BoundAttributeTextTests
{
    /// <summary>Every phase attribute constructor with a <c>long</c> step count, the count's name and the other parameters' sample values.</summary>
    public static TheoryData<string, string, string> LengthConstructors()
    {
        var data = new TheoryData<string, string, string>();
        foreach (AttributeSignature signature in KnownAttributes.ByName.Values.Where(s => s.Name != "LearningRate"))
        {
            foreach (IReadOnlyList<ArgumentSignature> constructor in signature.Constructors.Where(c => c.Any(p => p is { Type: ConstantType.Int64, IsArray: false })))
            {
                ArgumentSignature length = constructor.Single(p => p is { Type: ConstantType.Int64, IsArray: false });
                string others = string.Concat(constructor.Where(p => p != length && p.Default is null).Select(p => ", " + (p.Type == ConstantType.Int32 ? "512" : "0.5")));
                data.Add(signature.Name, length.Name, others);
            }
        }

        return data;
    }

    [Fact]
    public void Every_long_step_count_of_a_constructor_has_a_string_overload_with_the_same_names()
    {
        int overloads = 0;
        foreach (AttributeSignature signature in KnownAttributes.ByName.Values)
        {
            foreach (IReadOnlyList<ArgumentSignature> constructor in signature.Constructors.Where(c => c.Any(p => p is { Type: ConstantType.Int64, IsArray: false })))
            {
                var expected = constructor.Select(p => p is { Type: ConstantType.Int64, IsArray: false } ? ("string", p.Name) : (p.TypeName, p.Name)).ToList();
                Assert.Contains(signature.Constructors, c => c.Select(p => (p.TypeName, p.Name)).SequenceEqual(expected));
                overloads++;
            }
        }

        // Warmup, Constant, Linear, Cosine, StepDecay, Polynomial, OneCycle, Cyclic, CosineRestarts, Noam, InverseSqrt,
        // InverseTime, Decay, Tanh, SwaAnneal.
        Assert.Equal(15, overloads);
    }

    [Theory]
    [MemberData(nameof(LengthConstructors))]
    public void A_string_length_binds_to_the_string_overload_a_number_to_the_long_one_as_the_compiler_binds_them(string kind, string length, string others)
    {
        string bound = $"[LearningRate(0.1)] [{kind}(\"5%\"{others})]";
        string steps = $"[LearningRate(0.1)] [{kind}(500{others})]";
        string named = $"[LearningRate(0.1)] [{kind}({length}: \"2 epochs\"{others})]";

        TextAttribute text = ScheduleText.Parse(bound).Attributes[1];
        Assert.Equal(ConstantType.String, text.Arguments[length].Signature.Type);
        Assert.Equal(LengthSpec.FromFraction(0.05), ((IArgumentReader)text).Length(length, 0));
        Assert.Equal(ConstantType.Int64, ScheduleText.Parse(steps).Attributes[1].Arguments[length].Signature.Type);
        Assert.Equal(LengthSpec.FromEpochs(2), ((IArgumentReader)ScheduleText.Parse(named).Attributes[1]).Length(length, 0));

        // Round trip: the canonical text reads back to an equal value and prints the same.
        foreach (string source in new[] { bound, steps, named })
        {
            ScheduleText parsed = ScheduleText.Parse(source);
            Assert.Equal(parsed, ScheduleText.Parse(parsed.ToString()));
            Assert.Equal(parsed.ToString(), ScheduleText.Parse(parsed.ToString()).ToString());
        }

        // The C# compiler picks the same overloads for the same attributes.
        string source_ = "using ScheduleDsl;\n" + string.Concat(new[] { bound, steps, named }.Select((t, i) => $"{t.Replace("[LearningRate(0.1)] ", string.Empty, StringComparison.Ordinal)} public partial struct S{i};\n"));
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = GeneratorHarness.Compile(source_);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        SpecialType[] chosen = [.. Enumerable.Range(0, 3).Select(i => compilation.GetTypeByMetadataName($"S{i}")!.GetAttributes()[0].AttributeConstructor!.Parameters.Single(p => p.Name == length).Type.SpecialType)];
        Assert.Equal([SpecialType.System_String, SpecialType.System_Int64, SpecialType.System_String], chosen);
    }

    [Fact]
    public void A_malformed_length_is_SDL0114_at_the_string_and_a_wrong_type_still_names_the_long_parameter()
    {
        const string Malformed = "[LearningRate(0.1)] [Warmup(\"5 weeks\")]";
        ScheduleFormatException error = Assert.Throws<ScheduleFormatException>(() => ScheduleText.Parse(Malformed));
        Assert.Equal("SDL0114", error.DiagnosticId);
        Assert.Equal("\"5 weeks\"", Malformed.Substring(error.Position.Offset, error.Position.Length));
        Assert.Equal(LengthSpec.Parse("5 weeks").Error, error.DiagnosticMessage);

        ScheduleFormatException real = Assert.Throws<ScheduleFormatException>(() => ScheduleText.Parse("[LearningRate(0.1)] [Warmup(1.5)]"));
        Assert.Equal("SDL0104", real.DiagnosticId);
        Assert.Equal("Cannot convert 'double' to 'long' for 'steps'", real.DiagnosticMessage);
    }

    [Fact]
    public void LearningRate_without_a_rate_reads_prints_and_leaves_the_peak_unwritten()
    {
        ScheduleText parsed = ScheduleText.Parse("[LearningRate] [Warmup(\"5%\")] [Cosine(\"rest\", Final = 3e-5)]");
        Assert.Equal("[LearningRate] [Warmup(\"5%\")] [Cosine(\"rest\", Final = 3E-05)]", parsed.ToString());
        Assert.Equal(parsed, ScheduleText.Parse(parsed.ToString()));
        Assert.False(((IArgumentReader)parsed.Attributes[0]).Has("peak"));
        Assert.True(((IArgumentReader)ScheduleText.Parse("[LearningRate(0.1)]").Attributes[0]).Has("peak"));
        Assert.True(double.IsNaN(new LearningRateAttribute().Peak));
        Assert.Equal("SDL0105", Assert.Throws<ScheduleFormatException>(() => ScheduleText.Parse("[LearningRate] [LearningRate(0.1)]")).DiagnosticId);
    }

    [Fact]
    public void Binding_to_a_run_resolves_the_strings_and_goes_back_to_the_long_overloads()
    {
        // 1,000 steps: warmup ceil(1000 × 0.05) = 50, the cosine the rest, 950; a StepDecay of one 100-update epoch.
        ScheduleText text = ScheduleText.Parse("[LearningRate(3e-4)] [Warmup(\"5%\")] [Cosine(\"rest\", Final = 3e-5)] [StepDecay(\"1 epoch\", 0.5, Multiply = true)]");
        ScheduleText resolved = text.ResolveLengths(new TrainingRun(TotalSteps: 1000, StepsPerEpoch: 100), a => a.Name switch { "LearningRate" => null, "StepDecay" => "Steps", _ => "steps" });
        Assert.Equal("[LearningRate(0.0003)] [Warmup(50L)] [Cosine(950L, Final = 3E-05)] [StepDecay(100L, 0.5, Multiply = true)]", resolved.ToString());
        Assert.All(resolved.Attributes.Skip(1), a => Assert.Equal(ConstantType.Int64, a.Arguments.Values.First(v => v.Signature.Name is "steps" or "stepSize").Signature.Type));

        // The attribute objects say what was written.
        Assert.Equal("5%", new WarmupAttribute("5%").StepsText);
        Assert.Equal(0, new WarmupAttribute("5%").Steps);
        Assert.True(double.IsNaN(new WarmupAttribute("5%").StartFactor));
        Assert.Null(new WarmupAttribute(500).StepsText);
        Assert.Equal(1.0 / 501, new WarmupAttribute(500).StartFactor);
    }
}
