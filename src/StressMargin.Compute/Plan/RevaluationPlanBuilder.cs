using StressMargin.Core;
using StressMargin.Core.Instruments;
using StressMargin.Core.Margin;
using StressMargin.Core.MarketData;
using StressMargin.Core.Portfolio;
using StressMargin.Core.Pricing;
using StressMargin.Core.RiskModel;

namespace StressMargin.Compute.Plan;

/// <summary>Flattens the domain model (book, market, factor model, settings) into a <see cref="RevaluationPlan"/>.</summary>
public static class RevaluationPlanBuilder
{

    /// <summary>Builds the plan.</summary>
    /// <param name="book">Accounts and positions.</param>
    /// <param name="market">Market at t0.</param>
    /// <param name="factors">Factor model covering every underlying of a risky instrument held.</param>
    /// <param name="simulation">Simulation settings.</param>
    /// <param name="margin">Margin settings (confidence levels).</param>
    /// <param name="fhsSample">The filtered history, required when the distribution is filtered historical
    /// simulation (<see cref="FhsPlanBuilder"/>); ignored otherwise.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="InputException">A held instrument whose underlying has no factor, spot or surface.</exception>
    /// <exception cref="ArgumentException">Filtered historical simulation without a sample, or with more than one step.</exception>
    public static RevaluationPlan Build(Book book, MarketSnapshot market, FactorModel factors, SimulationSettings simulation, MarginSettings margin, Core.Calibration.FhsSample? fhsSample = null)
    {
        FhsPlan? fhs = null;
        if (simulation.Distribution.Kind == DistributionKind.FilteredHistorical)
        {
            if (fhsSample is null) throw new ArgumentException("filtered historical simulation needs a filtered history", nameof(fhsSample));
            if (simulation.Steps != 1) throw new ArgumentException("filtered historical simulation draws whole days: steps must be 1", nameof(simulation));
            fhs = FhsPlanBuilder.Build(factors, fhsSample, simulation.Distribution.Days);
        }
        double h = simulation.HorizonYears;
        var valuer = new InstrumentValuer(market, simulation.DiscountRate);
        var underlyingIndex = factors.Underlyings.Select((u, i) => (u, i)).ToDictionary(t => t.u, t => t.i, StringComparer.Ordinal);

        // Smiles of every surface of a factor underlying, concatenated.
        var smileBase = new Dictionary<string, int>(StringComparer.Ordinal);
        var smileOffset = new List<int> { 0 };
        var smileK = new List<double>();
        var smileW = new List<double>();
        var smileT = new List<double>();
        foreach (var u in factors.Underlyings)
        {
            var surface = market.Surface(u);
            if (surface is null) continue;
            smileBase[u] = smileT.Count;
            foreach (var smile in surface.Smiles)
            {
                smileK.AddRange(smile.LogMoneyness.ToArray());
                smileW.AddRange(smile.TotalVariance.ToArray());
                smileT.Add(smile.ExpiryYears);
                smileOffset.Add(smileK.Count);
            }
        }

        var risky = book.HeldInstruments.Where(i => i.IsRisky).ToArray();
        int n = risky.Length;
        var index = new Dictionary<Instrument, int>(ReferenceEqualityComparer.Instance);
        var kind = new RevaluationKind[n];
        var und = new int[n];
        var f0 = new double[n];
        var basis = new int[n];
        var funding = new double[n];
        var strike = new double[n];
        var v0 = new double[n];
        var lnFK = new double[n];
        var sqrtTau1 = new double[n];
        var df1 = new double[n];
        var isCall = new byte[n];
        var sd0 = new double[n];
        var expiry = new double[n];
        var lo = new int[n];
        var hi = new int[n];
        var weight = new double[n];
        for (int i = 0; i < n; i++)
        {
            var ins = risky[i];
            index[ins] = i;
            if (!underlyingIndex.TryGetValue(ins.Underlying, out und[i]))
                throw new InputException(ins.Source?.Cell("underlying"), $"instrument '{ins.Id}' has underlying '{ins.Underlying}' with no risk factor");
            var curve = market.Curve(ins.Underlying);
            v0[i] = valuer.Price(ins);
            df1[i] = 1.0;
            basis[i] = -1;
            lo[i] = hi[i] = -1;
            switch (ins.Kind)
            {
                case InstrumentKind.Spot:
                    kind[i] = RevaluationKind.Linear;
                    f0[i] = curve.Spot;
                    break;
                case InstrumentKind.Perpetual:
                    kind[i] = RevaluationKind.Linear;
                    f0[i] = curve.Spot;
                    funding[i] = PerpetualFunding.PaymentPerUnit(factors.FundingRates8h[und[i]], curve.Spot, h);
                    break;
                case InstrumentKind.Future:
                    kind[i] = RevaluationKind.Linear;
                    double tFuture = market.YearsTo(ins.ExpiryUtc!.Value);
                    f0[i] = curve.Forward(tFuture);
                    basis[i] = factors.BasisFactorOf(und[i], tFuture * YearFraction.DaysPerYear);
                    break;
                case InstrumentKind.Option:
                    double t = market.YearsTo(ins.ExpiryUtc!.Value);
                    var surface = market.Surface(ins.Underlying)!;
                    f0[i] = curve.Forward(t);
                    strike[i] = ins.Strike!.Value;
                    lnFK[i] = Math.Log(f0[i] / strike[i]);
                    isCall[i] = ins.Right == OptionRight.Call ? (byte)1 : (byte)0;
                    expiry[i] = t;
                    var (sLo, sHi, a) = surface.Bracket(t);
                    lo[i] = smileBase[ins.Underlying] + sLo;
                    hi[i] = smileBase[ins.Underlying] + sHi;
                    weight[i] = a;
                    if (t > h)
                    {
                        kind[i] = RevaluationKind.Option;
                        double tau1 = t - h;
                        sqrtTau1[i] = Math.Sqrt(tau1);
                        df1[i] = Math.Exp(-simulation.DiscountRate * tau1);
                        sd0[i] = surface.ImpliedVol(strike[i], t) * sqrtTau1[i];
                    }
                    else
                    {
                        kind[i] = RevaluationKind.ExpiringOption;
                    }
                    break;
                default:
                    throw new InvalidOperationException($"unexpected instrument kind {ins.Kind}");
            }
        }

        var accountStart = new int[book.Accounts.Count + 1];
        var positionInstrument = new int[book.Positions.Count];
        var positionWeight = new double[book.Positions.Count];
        int p = 0;
        for (int a = 0; a < book.Accounts.Count; a++)
        {
            accountStart[a] = p;
            foreach (var pos in book.Accounts[a].Positions)
            {
                positionInstrument[p] = pos.Instrument.IsRisky ? index[pos.Instrument] : -1;
                positionWeight[p] = pos.Weight;
                p++;
            }
        }
        accountStart[^1] = p;

        int fCount = factors.FactorCount;
        var volPerStep = new double[fCount];
        var drift = new double[fCount];
        var loading = new double[fCount * fCount];
        for (int f = 0; f < fCount; f++)
        {
            double vol = factors.FactorVolAnnualized(f);
            volPerStep[f] = vol * Math.Sqrt(h / simulation.Steps);
            drift[f] = -0.5 * vol * vol * h;
            for (int j = 0; j < fCount; j++) loading[f * fCount + j] = factors.Loading[f, j];
        }

        return new RevaluationPlan
        {
            PathCount = simulation.Paths,
            Seed = simulation.Seed,
            Steps = simulation.Steps,
            HorizonYears = h,
            Distribution = simulation.Distribution,
            VolDynamics = simulation.VolDynamics,
            EsConfidence = margin.EsConfidence,
            VarConfidence = margin.VarConfidence,
            Underlyings = factors.Underlyings.ToArray(),
            FactorVolPerStep = volPerStep,
            FactorDrift = drift,
            Loading = loading,
            Fhs = fhs,
            InstrumentIds = risky.Select(i => i.Id).ToArray(),
            Kind = kind,
            Underlying = und,
            Forward0 = f0,
            BasisFactor = basis,
            FundingPayment = funding,
            Strike = strike,
            Value0 = v0,
            LogForwardOverStrike = lnFK,
            SqrtTau1 = sqrtTau1,
            Discount1 = df1,
            IsCall = isCall,
            StdDev0 = sd0,
            ExpiryYears = expiry,
            SmileLo = lo,
            SmileHi = hi,
            SmileWeight = weight,
            SmileOffset = smileOffset.ToArray(),
            SmileLogMoneyness = smileK.ToArray(),
            SmileTotalVariance = smileW.ToArray(),
            SmileExpiryYears = smileT.ToArray(),
            AccountIds = book.Accounts.Select(a => a.Id).ToArray(),
            AccountStart = accountStart,
            PositionInstrument = positionInstrument,
            PositionWeight = positionWeight,
        };
    }
}
