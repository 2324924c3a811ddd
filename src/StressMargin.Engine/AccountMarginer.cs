using StressMargin.Core.Instruments;
using StressMargin.Core.Margin;
using StressMargin.Core.Margin.AddOns;
using StressMargin.Core.Portfolio;
using StressMargin.Core.Pricing;
using StressMargin.Core.Risk;
using StressMargin.Core.RiskModel;
using StressMargin.Core.Stress;
using StressMargin.Core.Stress.Reverse;

namespace StressMargin.Engine;

/// <summary>One account's margin with everything behind it.</summary>
/// <param name="Margin">The margin.csv row (with its reverse stress).</param>
/// <param name="AddOns">Liquidity, concentration, short-option minimum and gross notional.</param>
/// <param name="StressLoss">Worst weighted stress loss and its scenario, (NaN, null) without scenarios.</param>
public sealed record AccountEvaluation(AccountMargin Margin, AccountAddOns AddOns, (double Loss, string? Scenario) StressLoss);

/// <summary>
/// Applies a loaded scenario's margin policy to one account exactly as <c>run</c> does (docs/model.md §9): equity
/// Σ quantity × multiplier × V0 in position order, the add-ons, IM from the ES term (times es_multiplier and the
/// anti-procyclicality buffer), the worst weighted stress loss and the short-option minimum, MM, status, and the
/// reverse stress. Shared by <see cref="MarginJob"/> and the warm session, so a what-if and a run agree bit for bit.
/// Thread-safe (read-only state).
/// </summary>
public sealed class AccountMarginer
{
    private readonly LoadedScenario _input;
    private readonly InstrumentValuer _valuer;
    private readonly AddOnCalculator _addOns;

    /// <summary>Prepares the policy of a loaded scenario.</summary>
    /// <param name="input">The scenario.</param>
    public AccountMarginer(LoadedScenario input)
    {
        _input = input;
        var sim = input.Scenario.Simulation;
        var settings = input.Scenario.Margin;
        // EMIR RTS 153/2013 Art. 28(1)(a): the anti-procyclicality buffer multiplies the ES term of IM (the term that
        // moves with the calibrated vols); 1 without a calibration buffer (docs/model.md, "Anti-procyclicality buffer").
        Settings = settings with { EsMultiplier = settings.EsMultiplier * input.EsBufferMultiplier };
        _valuer = new InstrumentValuer(input.Market, sim.DiscountRate);
        _addOns = input.AddOnCalculator();
        Revaluer = new StressRevaluer(input.Market, sim.HorizonYears, sim.DiscountRate, sim.VolDynamics);
        ReverseStress = new ReverseStressSearch(Revaluer, ModelVolResponses(input.Factors, sim.HorizonYears), Value0);
    }

    /// <summary>The margin settings with the buffer multiplier folded into <see cref="MarginSettings.EsMultiplier"/>.</summary>
    public MarginSettings Settings { get; }

    /// <summary>The stress revaluer on the scenario's market.</summary>
    public StressRevaluer Revaluer { get; }

    /// <summary>The reverse stress search on the scenario's market and model.</summary>
    public ReverseStressSearch ReverseStress { get; }

    /// <summary>V0 per unit (USD) of an instrument: the loaded value of a held one, else priced on the market.</summary>
    /// <param name="instrument">An instrument of instruments.csv.</param>
    /// <returns>USD per unit.</returns>
    /// <exception cref="Core.InputException">An expired instrument, or one whose underlying has no spot or surface.</exception>
    public double Value0(Instrument instrument) => _input.Value0.TryGetValue(instrument, out double v) ? v : _valuer.Price(instrument);

    /// <summary>Equity: Σ quantity × multiplier × V0 in position order, less the collateral haircuts (docs/model.md §9.8).</summary>
    /// <param name="positions">Positions.</param>
    /// <returns>USD.</returns>
    /// <exception cref="Core.InputException">A collateral asset the collateral table does not list.</exception>
    public double Equity(IReadOnlyList<Position> positions)
    {
        double equity = 0;
        foreach (var pos in positions) equity += pos.Weight * Value0(pos.Instrument);
        return equity - CollateralHaircut(positions);
    }

    /// <summary>Σ of the haircuts on the positions' collateral; 0 without a collateral table.</summary>
    /// <param name="positions">Positions.</param>
    /// <returns>USD, ≥ 0.</returns>
    /// <exception cref="Core.InputException">A collateral asset the collateral table does not list.</exception>
    public double CollateralHaircut(IReadOnlyList<Position> positions) => _input.Collateral?.TotalHaircut(positions, Value0) ?? 0.0;

    /// <summary>The account's stress P&amp;L under every scenario (a one-account book; the same sums as the whole book's).</summary>
    /// <param name="account">The account.</param>
    /// <returns>P&amp;L per scenario.</returns>
    public StressResult Stress(Account account)
    {
        var values = new Dictionary<Instrument, double>(ReferenceEqualityComparer.Instance);
        foreach (var pos in account.Positions) values[pos.Instrument] = Value0(pos.Instrument);
        return StressResult.Evaluate(new Book(account.Positions), values, Revaluer, _input.StressScenarios, new ParallelOptions { MaxDegreeOfParallelism = 1 });
    }

    /// <summary>The account's add-ons (formulas in docs/model.md §9.2).</summary>
    /// <param name="account">The account.</param>
    /// <returns>Its add-ons and gross notional.</returns>
    public AccountAddOns AddOnsOf(Account account) => _addOns.Compute(account);

    /// <summary>The account's add-ons term by term (their sums are <see cref="AddOnsOf"/>).</summary>
    /// <param name="account">The account.</param>
    /// <returns>Liquidity per position, concentration and short-option minimum per underlying.</returns>
    public AddOnTerms AddOnTermsOf(Account account) => _addOns.Terms(account);

    /// <summary>The account's margin row, with its reverse stress.</summary>
    /// <param name="account">The account.</param>
    /// <param name="equityUsd">Its equity (<see cref="Equity"/>).</param>
    /// <param name="tail">Its simulated loss tail.</param>
    /// <param name="stressLoss">Its worst weighted stress loss and scenario, (NaN, null) without scenarios.</param>
    /// <param name="addOns">Its add-ons when computed already (a sharded run's shard 0); null computes them.</param>
    /// <returns>The evaluation.</returns>
    public AccountEvaluation Evaluate(Account account, double equityUsd, TailEstimate tail, (double Loss, string? Scenario) stressLoss, AccountAddOns? addOns = null)
    {
        addOns ??= AddOnsOf(account);
        var margin = MarginPolicy.Apply(account.Id, equityUsd, tail, Settings, stressLoss, addOns) with { CollateralHaircut = CollateralHaircut(account.Positions) };
        var reverse = ReverseStress.Search(account.Positions, equityUsd, margin.MaintenanceMargin);
        return new AccountEvaluation(margin with { ReverseStress = reverse }, addOns, stressLoss);
    }

    /// <summary>The IM the policy gives for another ES, the other terms unchanged (a batch of the ES standard error).</summary>
    /// <param name="evaluation">The account's evaluation.</param>
    /// <param name="expectedShortfall">ES, USD loss.</param>
    /// <returns>IM, USD.</returns>
    public double InitialMarginWithEs(AccountEvaluation evaluation, double expectedShortfall)
    {
        var m = evaluation.Margin;
        var tail = new TailEstimate(m.ValueAtRisk, expectedShortfall, double.NaN, m.Tail.TailSize, []);
        return MarginPolicy.Apply(m.AccountId, m.Equity, tail, Settings, evaluation.StressLoss, evaluation.AddOns).InitialMargin;
    }

    /// <summary>The model's vol response of each underlying (the regression of its vol factor on its spot factor).</summary>
    /// <param name="factors">The factor model.</param>
    /// <param name="horizonYears">h, years.</param>
    /// <returns>By underlying.</returns>
    public static IReadOnlyDictionary<string, VolResponse> ModelVolResponses(FactorModel factors, double horizonYears)
    {
        var result = new Dictionary<string, VolResponse>(StringComparer.Ordinal);
        for (int u = 0; u < factors.Underlyings.Count; u++)
            result[factors.Underlyings[u]] = VolResponse.FromModel(factors.SpotVolsAnnualized[u], factors.VolOfVolsAnnualized[u], factors.Correlation[2 * u, 2 * u + 1], horizonYears);
        return result;
    }
}
