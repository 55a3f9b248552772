extern alias generator;

using System;
using System.IO;
using System.Linq;
using System.Reflection;
using ScheduleDsl.Kernels;
using ScheduleDsl.Tests.Infrastructure;
using Xunit;
using Formula = generator::ScheduleDsl.Language.Model.Formula;
using KindRegistry = generator::ScheduleDsl.Language.Kinds.KindRegistry;

namespace ScheduleDsl.Tests.Generator;

/// <summary>
/// Completeness derived from the registry of kinds: every phase attribute of the runtime library has exactly one
/// descriptor and every descriptor an attribute; each kind has a snapshot, a fuzz schema row, a place in
/// docs/schedules.md and a README row; and every formula a descriptor names exists in Formulas and FillKernels with
/// matching parameters.
/// </summary>
public sealed class KindRegistryTests
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(Snapshot.Directory, "..", "..", "..", ".."));

    [Fact]
    public void Every_phase_attribute_has_one_descriptor_and_every_descriptor_an_attribute()
    {
        string[] attributes = typeof(ISchedule).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PhaseAttribute)) && !t.IsAbstract)
            .Select(t => t.Name)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();
        string[] descriptors = KindRegistry.All.Select(k => k.AttributeName).OrderBy(n => n, StringComparer.Ordinal).ToArray();

        Assert.NotEmpty(attributes);
        Assert.Equal(attributes, descriptors);
    }

    [Fact]
    public void Every_kind_has_a_snapshot_a_fuzz_schema_a_documentation_section_and_a_README_row()
    {
        string snapshots = File.ReadAllText(Path.Combine(Root, "tests", "ScheduleDsl.Tests", "Generator", "SnapshotTests.cs"));
        string docs = File.ReadAllText(Path.Combine(Root, "docs", "schedules.md"));
        string readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        foreach (var kind in KindRegistry.All)
        {
            string use = "[" + kind.Name;
            Assert.True(snapshots.Contains(use + "(", StringComparison.Ordinal) || snapshots.Contains(use + "]", StringComparison.Ordinal), $"no snapshot declares [{kind.Name}]");
            Assert.Contains(ScheduleFuzzer.Phases, row => row.Name == kind.Name && row.Parameters.Length + row.Properties.Length > 0);
            Assert.True(docs.Contains("`" + use + "(", StringComparison.Ordinal), $"docs/schedules.md does not document [{kind.Name}]");
            Assert.True(readme.Contains("`" + use + "(", StringComparison.Ordinal), $"README.md has no row for [{kind.Name}]");
        }
    }

    [Fact]
    public void Every_kinds_own_length_is_a_long_argument_of_its_attribute()
    {
        foreach (var kind in ScheduleDsl.Language.Kinds.KindRegistry.All)
        {
            if (kind.LengthArgument is not { } length)
            {
                // Only the tables have no length of their own: they run from their boundaries.
                Assert.Contains(kind.Name, new[] { "Piecewise", "Interpolate" });
                continue;
            }

            PropertyInfo? property = kind.AttributeType.GetProperty(length);
            Assert.True(property is not null && property.PropertyType == typeof(long), $"[{kind.Name}] has no long property {length}");
        }
    }

    [Fact]
    public void Every_formula_a_rate_function_calls_exists_in_Formulas_and_FillKernels_with_matching_parameters()
    {
        // The typed rate functions' formulas (Linear.At, Cosine.AtPeriodic, …) and the Named ones (InverseDecay, Shapes).
        Assert.Equal(22, Formula.All.Count());
        foreach (Formula formula in Formula.All)
        {
            Type type = typeof(ISchedule).Assembly.GetType("ScheduleDsl.Formulas." + formula.Class, throwOnError: true)!;
            MethodInfo scalar = Assert.Single(type.GetMethods(BindingFlags.Public | BindingFlags.Static), m => m.Name == formula.Method);
            MethodInfo kernel = Assert.Single(typeof(FillKernels).GetMethods(BindingFlags.Public | BindingFlags.Static), m => m.Name == formula.Kernel);

            ParameterInfo[] s = scalar.GetParameters();
            ParameterInfo[] k = kernel.GetParameters();
            Assert.Equal(typeof(double), scalar.ReturnType);
            Assert.Equal("t", s[0].Name);
            Assert.Equal(typeof(Span<float>), k[0].ParameterType);
            Assert.Equal(typeof(long), k[1].ParameterType);
            Assert.Equal(s.Skip(1).Select(p => (p.ParameterType, p.Name)), k.Skip(2).Select(p => (p.ParameterType, p.Name)));
            Assert.Equal(s.Skip(1).Select(p => p.Name), formula.Parameters);
        }
    }
}
