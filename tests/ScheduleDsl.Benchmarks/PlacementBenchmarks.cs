using System;
using System.Buffers;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using ScheduleDsl.Optimizers;

namespace ScheduleDsl.Benchmarks;

/// <summary>Where the benchmark's float arrays start, relative to 4 KiB pages.</summary>
public enum StreamPlacement
{
    /// <summary><c>new float[n]</c>: wherever the GC puts them (large-object heap, 8-byte aligned), as in the other classes.</summary>
    Managed,

    /// <summary>Native, every array at the start of a 4 KiB page: p[i], g[i], m[i] and v[i] share their low 12 address bits (4 KiB aliasing).</summary>
    Aliased,

    /// <summary>Native, 64-byte aligned, array k starting k·1088 bytes into a page (0, 1088, 2176, 3264): no two streams share a 4 KiB offset.</summary>
    Staggered,
}

/// <summary>
/// AdamW on one thread with its four arrays (p, g, m, v: seven streams) placed as <see cref="Placement"/> says, to show
/// whether 64-byte alignment or 4 KiB aliasing between the streams changes the step time. The hand kernel (baseline)
/// runs on all four placed arrays. The library runs on placed p and g; its m and v are its own managed arrays
/// (allocated at construction, not placed), so the library rows show the effect of the caller's arrays only.
/// GlobalSetup prints each array's offset within its 4 KiB page.
/// </summary>
/// <remarks>Runs with <see cref="OptimizerBenchmarkConfig"/> (Program.cs).</remarks>
public class AdamWPlacementStep : IDisposable
{
    private PlacedFloats[] _native = [];
    private Memory<float> _p, _g, _m, _v;
    private AdamW<BenchWarmupCosine> _library = null!;
    private Memory<float>[] _parameters = [];
    private ReadOnlyMemory<float>[] _gradients = [];

    [Params(1 << 20, 10 << 20)]
    public int N { get; set; }

    [Params(StreamPlacement.Managed, StreamPlacement.Aliased, StreamPlacement.Staggered)]
    public StreamPlacement Placement { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Memory<float>[] arrays = new Memory<float>[4];
        if (Placement == StreamPlacement.Managed)
        {
            for (int k = 0; k < arrays.Length; k++)
            {
                arrays[k] = new float[N];
            }
        }
        else
        {
            _native = new PlacedFloats[arrays.Length];
            for (int k = 0; k < arrays.Length; k++)
            {
                _native[k] = new PlacedFloats(N, Placement == StreamPlacement.Aliased ? 0 : k * 1088);
                arrays[k] = _native[k].Memory;
            }
        }

        (_p, _g, _m, _v) = (arrays[0], arrays[1], arrays[2], arrays[3]);
        OptimizerStepBenchmarks.FillParametersAndGradients(_p.Span, _g.Span);
        _parameters = [_p];
        _gradients = [_g];
        _library = new AdamW<BenchWarmupCosine>([N], new AdamOptions { MaxDegreeOfParallelism = 1, NonFiniteGradients = NonFiniteGradientPolicy.Propagate });
        _library.Step(_parameters, _gradients);
        string[] names = ["p", "g", "m", "v"];
        for (int k = 0; k < arrays.Length; k++)
        {
            using MemoryHandle pin = arrays[k].Pin();
            nint address;
            unsafe
            {
                address = (nint)pin.Pointer;
            }

            Console.WriteLine($"// {Placement}: {names[k]} starts at 4 KiB offset {address & 4095}, 64-byte aligned: {address % 64 == 0}");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        foreach (PlacedFloats native in _native)
        {
            ((IDisposable)native).Dispose();
        }

        _native = [];
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "hand-written single-pass Vector kernel (all four arrays placed)")]
    [BytesPerElement(28)]
    public void HandKernel() => AdamWStep.HandLoop(_p.Span, _g.Span, _m.Span, _v.Span);

    [Benchmark(Description = "ScheduleDsl AdamW (Propagate; p, g placed)")]
    [BytesPerElement(28)]
    public StepResult LibraryUnchecked() => _library.Step(_parameters, _gradients);

    /// <summary>n floats in memory from <see cref="NativeMemory.AlignedAlloc"/>, starting <c>offset</c> bytes into a 4 KiB page.</summary>
    private sealed unsafe class PlacedFloats : MemoryManager<float>
    {
        private readonly void* _block;
        private readonly float* _start;
        private readonly int _length;

        public PlacedFloats(int length, int offset)
        {
            _block = NativeMemory.AlignedAlloc((nuint)length * sizeof(float) + 4096, 4096);
            _start = (float*)((byte*)_block + offset);
            _length = length;
            new Span<float>(_start, length).Clear();
        }

        public override Span<float> GetSpan() => new(_start, _length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(_start + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing) => NativeMemory.AlignedFree(_block);
    }
}
