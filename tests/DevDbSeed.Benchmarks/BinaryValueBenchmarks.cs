using System.Text;
using BenchmarkDotNet.Attributes;
using DevDbSeed.Copying;
using DevDbSeed.Masking;

namespace DevDbSeed.Benchmarks;

/// <summary>The binary COPY codecs of masked dates and IP addresses, per value, one core.</summary>
public class BinaryValueBenchmarks
{
    private const int Values = 10_000;
    private readonly Utf8Builder _output = new(1 << 20);
    private byte[][] _dates = [];
    private byte[][] _addresses = [];

    [GlobalSetup]
    public void Setup()
    {
        _dates = [.. Enumerable.Range(0, Values).Select(i => Encoding.UTF8.GetBytes(new DateOnly(1950, 1, 1).AddDays(i * 3).ToString("yyyy-MM-dd")))];
        _addresses = [.. Enumerable.Range(0, Values).Select(i => Encoding.UTF8.GetBytes($"10.{i % 256}.{i / 256 % 256}.{(i * 7) % 256}"))];
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public int Date()
    {
        _output.Clear();
        foreach (var date in _dates)
        {
            BinaryValues.TryWriteDate(date, _output);
        }

        return _output.Length;
    }

    [Benchmark(OperationsPerInvoke = Values)]
    public int Inet()
    {
        _output.Clear();
        foreach (var address in _addresses)
        {
            BinaryValues.TryWriteInet(address, _output);
        }

        return _output.Length;
    }
}
