using System.Diagnostics;
using StressMargin.Compute.Plan;
using StressMargin.Core;
using StressMargin.Core.Instruments;
using StressMargin.Core.Portfolio;
using StressMargin.Core.Pricing;
using StressMargin.Engine.Calibration;
using StressMargin.Engine.Plausibility;
using StressMargin.IO;
using StressMargin.IO.Csv;
using StressMargin.IO.Scenario;
using StressMargin.IO.Stress;
using StressMargin.Core.Stress;

namespace StressMargin.Engine;

/// <summary>Reads a scenario and everything it references, validates it and builds the revaluation plan.</summary>
public static class ScenarioLoader
{
    /// <summary>
    /// Every underlying the book holds must be covered by each scenario that cannot assume "no move": a historical
    /// replay needs a price for it, a surface replay a spot (and a surface for the options held on it). Checked at load
    /// time so that <c>validate</c> reports it and <c>run</c> stops before simulating.
    /// </summary>
    internal static void CheckStressCoverage(IReadOnlyList<StressScenario> stress, Book book)
    {
        var risky = book.HeldInstruments.Where(i => i.IsRisky).ToArray();
        var underlyings = risky.Select(i => i.Underlying).Distinct().Order(StringComparer.Ordinal).ToArray();
        var optionUnderlyings = risky.Where(i => i.Kind == InstrumentKind.Option).Select(i => i.Underlying).Distinct().Order(StringComparer.Ordinal).ToArray();
        foreach (var s in stress)
        {
            if (s.RequiresEveryUnderlying)
                foreach (var u in underlyings.Where(u => !s.Moves.ContainsKey(u)))
                    throw new InputException(s.Source, $"historical scenario '{s.Name}' has no price for '{u}', which the book holds: add a '{u}' column to the price history or map it, e.g. map: {{ {u}: BTC }}");
            if (s.ReplayMarket is { } replay)
            {
                foreach (var u in underlyings.Where(u => !replay.HasUnderlying(u)))
                    throw new InputException(s.Source, $"surface replay '{s.Name}' has no spot for '{u}', which the book holds");
                foreach (var u in optionUnderlyings.Where(u => replay.Surface(u) is null))
                    throw new InputException(s.Source, $"surface replay '{s.Name}' has no implied vols for '{u}', which the book holds options on");
            }
        }
    }

    /// <summary>Reads every stress file named by the scenario; scenario names must be unique across files.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="dataFiles">Receives the data files the stress files read (replay markets, price histories).</param>
    /// <param name="warnings">Receives warnings on unusual moves.</param>
    private static IReadOnlyList<StressScenario> LoadStress(ScenarioFile scenario, List<string> dataFiles, InputWarnings warnings)
    {
        var all = new List<StressScenario>();
        var seen = new Dictionary<string, StressScenario>(StringComparer.Ordinal);
        foreach (var (path, source) in scenario.StressFiles)
            foreach (var s in StressFileReader.Read(path, source, dataFiles, warnings))
            {
                if (seen.TryGetValue(s.Name, out var first))
                    throw new InputException(s.Source, $"stress scenario '{s.Name}' is defined twice (first at {first.Source})");
                seen[s.Name] = s;
                all.Add(s);
            }
        return all;
    }

    /// <summary>
    /// Prices a book on a market: V0 of every held instrument, the factor model (fixed numbers, or calibrated from the
    /// price history when the scenario has a calibration block) and the revaluation plan. Shared by <see cref="Load"/>
    /// and by a warm session that re-prices after a market or position update.
    /// </summary>
    /// <exception cref="InputException">An instrument without a spot or surface, an expired one, or a model problem.</exception>
    internal static (Book Book, Dictionary<Instrument, double> Value0, Core.RiskModel.FactorModel Factors, CalibrationRun? Calibration, RevaluationPlan Plan) PriceBook(
        ScenarioFile scenario, IReadOnlyList<Position> positions, Core.MarketData.MarketSnapshot market, InputWarnings? warnings = null)
    {
        warnings ??= new InputWarnings();
        var book = new Book(positions);
        var valuer = new InstrumentValuer(market, scenario.Simulation.DiscountRate);
        var value0 = new Dictionary<Instrument, double>(ReferenceEqualityComparer.Instance);
        foreach (var instrument in book.HeldInstruments)
        {
            if (instrument.IsRisky && !market.HasUnderlying(instrument.Underlying))
                throw new InputException(instrument.Source?.Cell("underlying"), $"instrument '{instrument.Id}' has unknown underlying '{instrument.Underlying}' (no row in spots.csv)");
            value0[instrument] = valuer.Price(instrument);
        }
        BookPlausibility.CheckPositions(book, market, warnings);

        // Fixed numbers, or calibrated from the price history when the scenario has a calibration block.
        var (factors, calibration) = CalibrationStage.BuildFactorModel(scenario, book.HeldInstruments.Where(i => i.IsRisky).Select(i => i.Underlying), market, warnings: warnings);
        BookPlausibility.CheckModelVols(factors, scenario.RiskFactors, warnings);
        BookPlausibility.CheckTail(scenario.Simulation.Paths, scenario.Margin.EsConfidence, scenario.KeyLocations.GetValueOrDefault("margin.es_confidence"), warnings);
        var plan = RevaluationPlanBuilder.Build(book, market, factors, scenario.Simulation, scenario.Margin, calibration?.Result.Fhs);
        return (book, value0, factors, calibration, plan);
    }

    /// <summary>Loads a scenario.</summary>
    /// <param name="scenarioPath">Path of the YAML scenario file.</param>
    /// <param name="overrides">Command-line overrides.</param>
    /// <returns>The loaded scenario, with the warnings on legal but unusual values (<see cref="LoadedScenario.Warnings"/>).</returns>
    /// <exception cref="InputException">Any bad input, with its file, line and column, including a value beyond its
    /// plausibility bound (docs/formats.md §10).</exception>
    public static LoadedScenario Load(string scenarioPath, RunOverrides? overrides = null)
    {
        var startedUtc = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var warnings = new InputWarnings();
        var scenario = ScenarioReader.Read(scenarioPath, warnings);
        if (overrides is not null)
        {
            scenario = scenario with
            {
                Simulation = scenario.Simulation with
                {
                    Paths = overrides.Paths ?? scenario.Simulation.Paths,
                    Seed = overrides.Seed ?? scenario.Simulation.Seed,
                },
                OutputDirectory = overrides.OutputDirectory is null ? scenario.OutputDirectory : Path.GetFullPath(overrides.OutputDirectory),
            };
        }
        if (File.Exists(scenario.OutputDirectory))
            throw new InputException(new SourceLocation(scenarioPath), $"the output folder '{scenario.OutputDirectory}' is a file; set output.dir (or --out) to a folder");
        var inputs = scenario.Inputs;
        var instruments = InstrumentsCsv.Read(inputs.Instruments);
        var byId = instruments.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var positions = PositionsCsv.Read(inputs.Positions, byId);
        if (positions.Count == 0) throw new InputException(new SourceLocation(inputs.Positions), "no positions: the book is empty");
        var market = MarketSnapshotBuilder.Build(
            scenario.AsOf,
            MarketCsv.ReadSpots(inputs.Spots),
            inputs.Forwards is null ? [] : MarketCsv.ReadForwards(inputs.Forwards),
            inputs.VolSurface is null ? [] : MarketCsv.ReadVols(inputs.VolSurface),
            warnings);
        var (book, value0, factors, calibration, plan) = PriceBook(scenario, positions, market, warnings);

        var quoteRows = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var quotes = inputs.Quotes is null
            ? new Dictionary<string, (double, double)>()
            : QuotesCsv.Read(inputs.Quotes, instruments.Select(i => i.Id).ToHashSet(StringComparer.Ordinal), quoteRows);
        var depth = DepthCsv.Read(inputs.Depth, instruments.Select(i => i.Id).ToHashSet(StringComparer.Ordinal));
        BookPlausibility.CheckQuotes(book, market, value0, scenario.Simulation.DiscountRate, quotes, quoteRows, warnings);
        var collateral = inputs.Collateral is null ? null : CollateralCsv.Read(inputs.Collateral,
            instruments.Where(Core.Margin.Collateral.CollateralTable.IsCollateral).Select(i => i.Underlying).ToHashSet(StringComparer.Ordinal));
        // Every collateral asset an account holds must have a haircut: checked now, with the position's location.
        if (collateral is not null)
            foreach (var account in book.Accounts) collateral.Haircuts(account.Positions, i => value0[i]);
        var stressData = new List<string>();
        var stress = LoadStress(scenario, stressData, warnings);
        CheckStressCoverage(stress, book);
        BookPlausibility.CheckStressMoves(stress, book.HeldInstruments.Where(i => i.IsRisky).Select(i => i.Underlying).ToHashSet(StringComparer.Ordinal), warnings);

        var files = new List<InputFileInfo> { InputFileInfo.Of("scenario", scenario.Path) };
        files.AddRange(inputs.All().Select(f => InputFileInfo.Of(f.Role, f.Path)));
        files.AddRange(scenario.StressFiles.Select(f => InputFileInfo.Of("stress", f.Path)));
        files.AddRange(stressData.Distinct(StringComparer.Ordinal).Select(f => InputFileInfo.Of("stress_data", f)));
        if (calibration is not null) files.Add(calibration.History);
        return new LoadedScenario(scenario, instruments, book, market, factors, plan, value0, files, clock.Elapsed.TotalSeconds, startedUtc, stress, quotes, calibration)
        {
            Warnings = warnings.All,
            Depth = depth,
            Collateral = collateral,
        };
    }
}
