using StressMargin.Compute.Cpu;
using StressMargin.Compute.Plan;
using StressMargin.Core.Instruments;
using StressMargin.Core.Pricing;
using StressMargin.Core.RiskModel;
using StressMargin.Engine;
using StressMargin.Tests.Support;

namespace StressMargin.Tests.Engine;

/// <summary>
/// The vectorized revaluation pipeline against a straightforward scalar recomputation from the domain objects
/// (forward curve, vol surface, Black-76, intrinsic value) on the same factor draws, for every instrument kind,
/// both vol dynamics, options expiring inside the horizon and a non-zero discount rate.
/// </summary>
public class RevaluationTests
{
    private const string Book = EngineScenarios.AllKindsBook;

    [Theory]
    [InlineData("sticky_strike", 0.0)]
    [InlineData("sticky_moneyness", 0.0)]
    [InlineData("sticky_moneyness", 0.05)]
    public void VectorPipelineMatchesScalarDomainRevaluation(string dynamics, double rate)
    {
        using var dir = new TempDir();
        var input = ScenarioLoader.Load(EngineScenarios.OnSampleMarket(dir, Book, paths: 1000, volDynamics: dynamics, discountRate: rate));
        var plan = input.Plan;
        var market = input.Market;
        double h = plan.HorizonYears;
        Assert.Contains(RevaluationKind.ExpiringOption, plan.Kind);

        var ws = new BlockWorkspace(plan, 64);
        var paths = Enumerable.Range(0, 64).Select(i => (long)(i * 97 + 3)).ToArray();
        ws.LoadPaths(paths);
        for (int i = 0; i < plan.InstrumentCount; i++) ws.Revalue(i);

        var byId = input.Instruments.ToDictionary(x => x.Id);
        for (int i = 0; i < plan.InstrumentCount; i++)
        {
            var ins = byId[plan.InstrumentIds[i]];
            int u = plan.Underlying[i];
            var curve = market.Curve(ins.Underlying);
            for (int lane = 0; lane < paths.Length; lane++)
            {
                double x = ws.Factors[2 * u * ws.Capacity + lane];
                double y = ws.Factors[(2 * u + 1) * ws.Capacity + lane];
                double v0 = new InstrumentValuer(market, rate).Price(ins);
                double expected;
                double scale;
                switch (ins.Kind)
                {
                    case InstrumentKind.Spot:
                    case InstrumentKind.Perpetual:
                        expected = curve.Spot * Math.Exp(x) - curve.Spot;
                        scale = curve.Spot;
                        break;
                    case InstrumentKind.Future:
                        double ff = curve.Forward(market.YearsTo(ins.ExpiryUtc!.Value));
                        expected = ff * Math.Exp(x) - ff;
                        scale = ff;
                        break;
                    default:
                        double t = market.YearsTo(ins.ExpiryUtc!.Value);
                        double f0 = curve.Forward(t), f1 = f0 * Math.Exp(x), k = ins.Strike!.Value;
                        scale = f0;
                        if (t <= h)
                        {
                            expected = Black76.Intrinsic(ins.Right!.Value, f1, k) - v0;
                        }
                        else
                        {
                            double lookupStrike = dynamics == "sticky_strike" ? k : k * f0 / f1;
                            double vol = market.Surface(ins.Underlying)!.ImpliedVol(lookupStrike, t) * Math.Exp(y);
                            expected = Black76.Price(ins.Right!.Value, f1, k, t - h, vol, Math.Exp(-rate * (t - h))) - v0;
                        }
                        break;
                }
                double actual = ws.DeltaValue[i * ws.Capacity + lane];
                Assert.True(Math.Abs(actual - expected) <= 1e-12 * scale, $"{ins.Id} path {paths[lane]}: {actual:R} vs {expected:R}");
            }
        }
    }

    [Fact]
    public void SimulatedFactorsHaveTheSpecifiedVolatilitiesAndCorrelations()
    {
        using var dir = new TempDir();
        var input = ScenarioLoader.Load(EngineScenarios.OnSampleMarket(dir, Book, paths: 1000, distribution: "{ type: normal }"));
        var plan = input.Plan;
        const int n = 60_000;
        var ws = new BlockWorkspace(plan, 1000);
        int f = plan.FactorCount;
        var sum = new double[f];
        var cross = new double[f, f];
        for (int start = 0; start < n; start += 1000)
        {
            ws.LoadPaths(Enumerable.Range(start, 1000).Select(i => (long)i).ToArray());
            for (int lane = 0; lane < 1000; lane++)
                for (int a = 0; a < f; a++)
                {
                    double xa = ws.Factors[a * ws.Capacity + lane] - plan.FactorDrift[a];
                    sum[a] += xa;
                    for (int b = 0; b < f; b++) cross[a, b] += xa * (ws.Factors[b * ws.Capacity + lane] - plan.FactorDrift[b]);
                }
        }
        var model = input.Factors;
        double h = plan.HorizonYears;
        for (int a = 0; a < f; a++)
        {
            double sd = Math.Sqrt(cross[a, a] / n);
            double expectedSd = model.FactorVolAnnualized(a) * Math.Sqrt(h);
            Assert.InRange(sd / expectedSd, 1 - 5 * Math.Sqrt(0.5 / n), 1 + 5 * Math.Sqrt(0.5 / n)); // s.e. of a sample sd ≈ 1/√(2n)
            Assert.InRange(sum[a] / n / expectedSd, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
            for (int b = 0; b < f; b++)
            {
                double rho = cross[a, b] / Math.Sqrt(cross[a, a] * cross[b, b]);
                double r = model.Correlation[a, b];
                double se = (1 - r * r) / Math.Sqrt(n) + 1e-12;
                Assert.True(Math.Abs(rho - r) <= 5 * se, $"factor {a}×{b}: correlation {rho:F4}, expected {r}");
            }
        }
        Assert.Equal(-0.3, model.Correlation[0, 1]); // BTC.spot × BTC.vol, from the scenario
    }
}
