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
        string fuzz = File.ReadAllText(Path.Combine(Root, "tests", "ScheduleDsl.Tests", "Generator", "FuzzTests.cs"));
        string docs = File.ReadAllText(Path.Combine(Root, "docs", "schedules.md"));
        string readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        foreach (var kind in KindRegistry.All)
        {
            string use = "[" + kind.Name;
            Assert.True(snapshots.Contains(use + "(", StringComparison.Ordinal) || snapshots.Contains(use + "]", StringComparison.Ordinal), $"no snapshot declares [{kind.Name}]");
            Assert.True(fuzz.Contains($"(\"{kind.Name}\",", StringComparison.Ordinal), $"the fuzzer has no schema row for [{kind.Name}]");
            Assert.True(docs.Contains("`" + use + "(", StringComparison.Ordinal), $"docs/schedules.md does not document [{kind.Name}]");
            Assert.True(readme.Contains("`" + use + "(", StringComparison.Ordinal), $"README.md has no row for [{kind.Name}]");
        }
    }

    [Fact]
    public void Every_named_formula_exists_in_Formulas_and_FillKernels_with_matching_parameters()
    {
        Assert.NotEmpty(Formula.All);
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
