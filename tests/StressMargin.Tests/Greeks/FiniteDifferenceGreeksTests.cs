using StressMargin.Core.Greeks;
using StressMargin.Core.Instruments;
using StressMargin.Core.Pricing;
using StressMargin.Core.RiskModel;
using StressMargin.Core.Stress;
using StressMargin.Engine;
using StressMargin.Tests.Support;
using Xunit.Abstractions;

namespace StressMargin.Tests.Greeks;

/// <summary>
/// The Greeks of every instrument of the sample's instruments.csv against central finite differences of the engine's own
/// revaluation (<see cref="StressRevaluer"/>: spot and every forward scaled by 1 + move, vols shocked by a relative shift,
/// the horizon as the time step), on the real Deribit surface of 2026-02-05 with a 3 % discount rate.
/// </summary>
public sealed class FiniteDifferenceGreeksTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryInstrumentAgreesWithFiniteDifferencesOfTheRevaluation()
    {
        using var dir = new TempDir();
        const double r = 0.03;
        var input = ScenarioLoader.Load(EngineScenarios.OnSampleMarket(dir, EngineScenarios.AllKindsBook, 1000, discountRate: r));
        var market = input.Market;
        var valuer = new InstrumentValuer(market, r);
        var calculator = new GreeksCalculator(market, r);
        var now = new StressRevaluer(market, 0, r, VolDynamics.StickyStrike);
        var worst = new double[4];
        int options = 0, strict = 0, linear = 0, nearMoney = 0;
        foreach (var ins in input.Instruments)
        {
            if (ins.Kind == InstrumentKind.Cash) continue;
            if (ins.ExpiryUtc is { } e && !(market.YearsTo(e) > 0)) continue;
            var g = calculator.PerUnit(ins);
            double v0 = valuer.Price(ins);
            double spot = market.Curve(ins.Underlying).Spot;
            bool option = ins.Kind == InstrumentKind.Option;
            double t = ins.ExpiryUtc is { } x ? market.YearsTo(x) : 1.0;
            double vol = option ? market.Surface(ins.Underlying)!.ImpliedVol(ins.Strike!.Value, t) : 1.0;
            // Steps scaled to the option's total standard deviation s = σ√T (1 for linear instruments), Richardson-extrapolated
            // central differences (truncation O(h⁴)). Rounding: each ΔV carries an error of a few ulps of the value, which a
            // difference divides by its step (Black-76's rounding is a few ulps of F + K); the check allows that on top of 1e-6 relative, and counts how often it was needed.
            double h = 1e-3 * (option ? vol * Math.Sqrt(t) : 1.0);
            double Spot(double m) => now.DeltaValue(ins, v0, new StressMove(m));
            double scale = Math.Abs(v0) + Math.Abs(Spot(20 * h)) + Math.Abs(Spot(-20 * h)) + (option ? market.Curve(ins.Underlying).Forward(t) + ins.Strike!.Value : spot);
            double D(double step) => (Spot(step) - Spot(-step)) / (2 * step * spot);
            double G(double step) => (Spot(step) + Spot(-step)) / (step * spot * step * spot);
            double hg = 10 * h; // gamma divides by h², so a wider step: its truncation is still O(hg⁴) after extrapolation
            double roundDelta = 8 * Ulp * scale / (h * spot), roundGamma = 8 * Ulp * scale / (hg * spot * hg * spot);
            bool ok = Check("delta", ins, g.Delta, Richardson(D, h), roundDelta, worst, 0);
            ok &= Check("gamma", ins, g.Gamma, Richardson(G, hg), roundGamma, worst, 1);
            if (!option)
            {
                Assert.Equal(0.0, g.Vega);
                Assert.Equal(0.0, g.Theta);
                linear++;
                continue;
            }
            options++;
            double Vol(double eps) => now.DeltaValue(ins, v0, new StressMove(0, new VolShock(eps)));
            double V(double eps) => (Vol(eps) - Vol(-eps)) / (2 * eps * vol);
            const double ev = 1e-3;
            ok &= Check("vega", ins, g.Vega, Richardson(V, ev), 8 * Ulp * scale / (ev * vol), worst, 2);
            double Later(double dt) => new StressRevaluer(market, dt, r, VolDynamics.StickyStrike).DeltaValue(ins, v0, StressMove.None);
            double T(double dt) => (Later(dt) - Later(-dt)) / (2 * dt);
            double ht = 1e-3 * t;
            ok &= Check("theta", ins, g.Theta, Richardson(T, ht), 8 * Ulp * scale / ht, worst, 3);
            if (ok) strict++;
            // Within 1e-6 relative with no rounding allowance for every option that is not far from the money.
            double forwardDelta = Math.Abs(g.Delta * spot / market.Curve(ins.Underlying).Forward(t));
            if (forwardDelta is >= 0.02 and <= 0.98) 
            {
                nearMoney++;
                if (!ok) Assert.Fail($"{ins.Id} (forward delta {forwardDelta:F3}) needed the rounding allowance: {_loose[^1]}");
            }
        }
        output.WriteLine($"{linear} linear instruments, {options} options ({nearMoney} with forward |Δ| in [0.02, 0.98]), {strict} of them within 1e-6 relative on every Greek without the rounding allowance; "
            + $"largest relative differences where the allowance was not needed: delta {worst[0]:E2}, gamma {worst[1]:E2}, vega {worst[2]:E2}, theta {worst[3]:E2}");
        Assert.True(options > 1000 && nearMoney > 500, $"only {options} options, {nearMoney} near the money, checked");
    }

    private readonly List<string> _loose = [];

    private const double Ulp = 2.220446049250313e-16;

    private static double Richardson(Func<double, double> difference, double step) => (4 * difference(step) - difference(2 * step)) / 3;

    /// <summary>Asserts |FD − analytic| ≤ 1e-6·|analytic| + rounding; true when 1e-6 relative held without the rounding term.</summary>
    private bool Check(string greek, Instrument ins, double analytic, double fd, double rounding, double[] worst, int slot)
    {
        double err = Math.Abs(fd - analytic);
        Assert.True(err <= 1e-6 * Math.Abs(analytic) + rounding, $"{ins.Id} {greek}: analytic {analytic:R}, finite difference {fd:R}, rounding allowance {rounding:E2}");
        if (analytic == 0) return err <= rounding;
        bool strict = err <= 1e-6 * Math.Abs(analytic) && rounding <= 1e-6 * Math.Abs(analytic);
        if (strict) worst[slot] = Math.Max(worst[slot], err / Math.Abs(analytic));
        else _loose.Add($"{ins.Id} {greek}: relative {err / Math.Abs(analytic):E2}, allowance {rounding / Math.Abs(analytic):E2}");
        return strict;
    }
}
