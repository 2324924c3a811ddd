using System.Runtime.Intrinsics;
using StressMargin.Compute.Cpu;
using StressMargin.Core.Numerics;
using StressMargin.Core.Pricing;

namespace StressMargin.Tests.Compute;

public class VectorKernelTests
{
    [Fact]
    public void VectorErfcAgreesWithTheScalarReferenceInEveryRangeAndMixedLanes()
    {
        var rng = new Random(1);
        double worst = 0;
        // Random lanes spanning all three ranges at once, plus each range alone and the boundaries.
        var samples = Enumerable.Range(0, 40_000).Select(_ => (rng.NextDouble() - 0.3) * 40).ToList();
        samples.AddRange([0.0, 0.46875, -0.46875, 0.46876, 4.0, -4.0, 4.0000001, 26.543, 26.6, -26.6, 1e-300, -1e-300]);
        samples.AddRange(Enumerable.Range(0, 4000).Select(_ => rng.NextDouble() * 0.9 - 0.45));
        for (int i = 0; i + 4 <= samples.Count; i += 4)
        {
            var v = VectorErfc.Evaluate(Vector256.Create(samples[i], samples[i + 1], samples[i + 2], samples[i + 3]));
            for (int l = 0; l < 4; l++)
            {
                double reference = Erfc.Evaluate(samples[i + l]);
                double err = reference == 0 ? Math.Abs(v[l]) : Math.Abs(v[l] - reference) / reference;
                worst = Math.Max(worst, err);
            }
        }
        Assert.True(worst < 1e-14, $"worst relative difference {worst:E2}");
    }

    [Fact]
    public void VectorBlack76AgreesWithTheScalarFormula()
    {
        var rng = new Random(2);
        double worst = 0;
        for (int i = 0; i < 20_000; i++)
        {
            bool call = i % 2 == 0;
            double k = 50_000 + 40_000 * rng.NextDouble();
            double df = 1 - 0.05 * rng.NextDouble();
            var f = new double[4];
            var s = new double[4];
            var lnFK = new double[4];
            for (int l = 0; l < 4; l++)
            {
                f[l] = 70_000 * Math.Exp(0.5 * (rng.NextDouble() - 0.5));
                lnFK[l] = Math.Log(f[l] / k);
                s[l] = 0.01 + 1.5 * rng.NextDouble();
            }
            var price = VectorBlack76.Price(call, Vector256.Create(f), Vector256.Create(k), Vector256.Create(lnFK), Vector256.Create(s), Vector256.Create(df));
            for (int l = 0; l < 4; l++)
            {
                double reference = Black76.PriceFromLogMoneyness(call, f[l], k, lnFK[l], s[l], df);
                // Relative to the forward: deep out-of-the-money prices are tiny differences of large terms.
                worst = Math.Max(worst, Math.Abs(price[l] - reference) / f[l]);
            }
        }
        Assert.True(worst < 1e-14, $"worst difference per unit forward {worst:E2}");
    }
}
