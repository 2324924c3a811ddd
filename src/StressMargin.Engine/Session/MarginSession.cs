using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using StressMargin.Compute.Plan;
using StressMargin.Compute.Session;
using StressMargin.Core;
using StressMargin.Core.Instruments;
using StressMargin.Core.Margin;
using StressMargin.Core.MarketData;
using StressMargin.Core.Portfolio;
using StressMargin.Core.Risk;
using StressMargin.Core.Stress;
using StressMargin.IO;
using StressMargin.IO.Output;

namespace StressMargin.Engine.Session;

/// <summary>
/// A warm margin session: one immutable snapshot of a loaded scenario with its base paths simulated once — the ΔV
/// row of every held instrument on every path (<see cref="DeltaValueRows"/>) — and every account margined from them.
/// A what-if then aggregates a few rows and reduces one tail (milliseconds, not a run). An update (new market, new
/// positions) builds a new snapshot and leaves this one untouched, so a reader holding a snapshot never sees half an
/// update (docs/model.md §9.6). Every figure equals what <c>run</c> writes for the same inputs, bit for bit.
/// Thread-safe.
/// </summary>
public sealed class MarginSession
{
    private readonly Dictionary<string, int> _accountIndex;
    private readonly IReadOnlyDictionary<string, ReadOnlyMemory<double>> _rows;
    private readonly ConcurrentDictionary<string, Lazy<ReadOnlyMemory<double>>> _extraRows = new(StringComparer.Ordinal);
    private readonly SessionOptions _options;

    private MarginSession(LoadedScenario input, MarketRows marketRows, IReadOnlyDictionary<string, ReadOnlyMemory<double>> rows, AccountMargin[] margins,
        StressResult stress, AccountMarginer marginer, long version, string marketSource, SessionOptions options, double seconds)
    {
        Input = input;
        MarketRows = marketRows;
        _rows = rows;
        Margins = margins;
        Stress = stress;
        Marginer = marginer;
        Version = version;
        MarketSource = marketSource;
        _options = options;
        BuildSeconds = seconds;
        _accountIndex = new Dictionary<string, int>(input.Book.Accounts.Count, StringComparer.Ordinal);
        for (int a = 0; a < input.Book.Accounts.Count; a++) _accountIndex[input.Book.Accounts[a].Id] = a;
        InstrumentIds = input.Instruments.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The scenario as of this snapshot (its market, book, model and plan).</summary>
    public LoadedScenario Input { get; }

    /// <summary>The quote rows the snapshot's market was built from.</summary>
    public MarketRows MarketRows { get; }

    /// <summary>Every account's margin, in book order.</summary>
    public IReadOnlyList<AccountMargin> Margins { get; }

    /// <summary>Every account's stress P&amp;L.</summary>
    public StressResult Stress { get; }

    /// <summary>The margin policy on this snapshot's market.</summary>
    public AccountMarginer Marginer { get; }

    /// <summary>1 for the session's first snapshot, one more for each update.</summary>
    public long Version { get; }

    /// <summary>Where the market came from: the scenario's files, or the last update.</summary>
    public string MarketSource { get; }

    /// <summary>Wall-clock seconds this snapshot took to build (simulation, re-margining).</summary>
    public double BuildSeconds { get; }

    /// <summary>The ids of instruments.csv.</summary>
    public IReadOnlySet<string> InstrumentIds { get; }

    /// <summary>Memory held by the cached ΔV rows, bytes.</summary>
    public long CacheBytes => 8L * Input.Scenario.Simulation.Paths * (_rows.Count + _extraRows.Count);

    /// <summary>Starts a session: simulates the book's base paths and margins every account.</summary>
    /// <param name="input">The loaded scenario.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The first snapshot (version 1).</returns>
    /// <exception cref="InputException">The market files cannot be read again, or the cache would exceed its budget.</exception>
    public static MarginSession Start(LoadedScenario input, SessionOptions? options = null, CancellationToken cancellationToken = default) =>
        Build(input, MarketRows.Read(input.Scenario.Inputs), 1, "scenario files", options ?? new SessionOptions(), null, null, cancellationToken);

    /// <summary>Index of an account in book order, or −1.</summary>
    /// <param name="accountId">Account id.</param>
    /// <returns>The index or −1.</returns>
    public int IndexOf(string accountId) => _accountIndex.GetValueOrDefault(accountId, -1);

    /// <summary>An account by id.</summary>
    /// <param name="accountId">Account id.</param>
    /// <param name="source">Where it was given, for the error.</param>
    /// <returns>The account.</returns>
    /// <exception cref="InputException">No such account.</exception>
    public Account Account(string accountId, SourceLocation? source) =>
        IndexOf(accountId) is var a and >= 0 ? Input.Book.Accounts[a] : WhatIfJob.FindAccount(Input.Book, Input.Scenario.Inputs.Positions, accountId, source);

    /// <summary>A what-if on this snapshot's paths.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="accountSource">Where the account id was given.</param>
    /// <param name="trades">The trades.</param>
    /// <returns>The result.</returns>
    /// <exception cref="InputException">Unknown account, or a trade that cannot be booked.</exception>
    public WhatIfResult WhatIf(string accountId, SourceLocation? accountSource, IReadOnlyList<Trade> trades)
    {
        var account = Account(accountId, accountSource);
        return WhatIfCalculator.Compute(Input, Marginer, account, trades, RowOf, Margins[IndexOf(accountId)]);
    }

    /// <summary>An account's margin with its positions' component ES, its worst stress scenarios and an explanation.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="source">Where the id was given.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InputException">No such account.</exception>
    public AccountReport Report(string accountId, SourceLocation? source)
    {
        var account = Account(accountId, source);
        int a = IndexOf(accountId);
        var margin = Margins[a];
        var rows = WhatIfCalculator.Rows(account, RowOf);
        var components = LossAggregator.ComponentEs(rows, margin.Tail);
        var positions = account.Positions.Select((p, i) => new PositionAttribution(account.Id, p.Instrument.Id, p.Quantity, p.Weight * Marginer.Value0(p.Instrument), components[i])).ToArray();
        var worst = Enumerable.Range(0, Stress.Scenarios.Count)
            .Select(s => new ScenarioLoss(Stress.Scenarios[s].Name, Stress.Pnl(a, s), Stress.Scenarios[s].Weight, -Stress.Scenarios[s].Weight * Stress.Pnl(a, s)))
            .OrderByDescending(s => s.WeightedLoss).Take(5).ToArray();
        var addOns = Marginer.AddOnsOf(account);
        double esTerm = margin.ExpectedShortfall * Marginer.Settings.EsMultiplier;
        return new AccountReport(margin, addOns, esTerm, positions, worst, Explain(margin, addOns, esTerm));
    }

    /// <summary>A new snapshot on new market data: every account re-margined on newly simulated paths.</summary>
    /// <param name="update">The update.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The new snapshot and the accounts whose status changed.</returns>
    /// <exception cref="InputException">The merged market is inconsistent, or a held instrument cannot be priced on it.</exception>
    public (MarginSession Session, IReadOnlyList<StatusChange> Changed) WithMarket(MarketUpdate update, CancellationToken cancellationToken = default)
    {
        var rows = MarketRows.Merge(update);
        var market = MarketSnapshotBuilder.Build(update.AsOf ?? Input.Scenario.AsOf, rows.Spots, rows.Forwards, rows.Vols);
        var quotes = new Dictionary<string, (double Bid, double Ask)>(Input.Quotes, StringComparer.Ordinal);
        foreach (var (id, q) in update.Quotes ?? new Dictionary<string, (double, double)>()) quotes[id] = q;
        var depth = new Dictionary<string, Core.Margin.AddOns.InstrumentDepth>(Input.Depth, StringComparer.Ordinal);
        foreach (var (id, d) in update.Depth ?? new Dictionary<string, Core.Margin.AddOns.InstrumentDepth>()) depth[id] = d;
        var input = Reprice(Input, market, quotes, Input.Book.Positions) with { Depth = depth };
        var next = Build(input, rows, Version + 1, update.Source, _options, null, null, cancellationToken);
        return (next, Changes(this, next));
    }

    /// <summary>A new snapshot with one account's positions replaced (a new id adds the account, an empty list removes
    /// it). When the book still holds the same underlyings, the cached rows are kept and only the account is
    /// re-margined; otherwise the factor model changes and everything is simulated again.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="positions">Its new positions: instrument ids and quantities with where each was given.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The new snapshot and the account's margin before (null when new) and after (null when removed).</returns>
    /// <exception cref="InputException">An unknown instrument, a non-finite quantity, an instrument held twice, an
    /// empty book, or an instrument that cannot be priced.</exception>
    public (MarginSession Session, StatusChange Change) WithPositions(string accountId, IReadOnlyList<Trade> positions, CancellationToken cancellationToken = default)
    {
        int a = IndexOf(accountId);
        if (a < 0 && positions.Count == 0) throw new InputException(null, $"unknown account '{accountId}': nothing to remove");
        var seen = new Dictionary<string, Trade>(StringComparer.Ordinal);
        var replacement = new List<Position>();
        foreach (var p in positions)
        {
            if (!seen.TryAdd(p.InstrumentId, p)) throw new InputException(p.Source, $"account '{accountId}' holds '{p.InstrumentId}' twice (first at {seen[p.InstrumentId].Source}); merge the quantities");
            replacement.Add(new Position(accountId, TradeBook.Resolve(Input, p.InstrumentId, p.Quantity, p.Source, Marginer.Value0), p.Quantity, p.Source));
        }
        var book = new List<Position>();
        foreach (var account in Input.Book.Accounts)
            book.AddRange(account.Id == accountId ? replacement : account.Positions);
        if (a < 0) book.AddRange(replacement);
        if (book.Count == 0) throw new InputException(null, $"removing '{accountId}' would leave the book empty");

        var input = Reprice(Input, Input.Market, Input.Quotes, book);
        bool sameModel = input.Factors.Underlyings.SequenceEqual(Input.Factors.Underlyings, StringComparer.Ordinal);
        var next = sameModel
            ? Build(input, MarketRows, Version + 1, MarketSource, _options, _rows, Margins.Where(m => m.AccountId != accountId).ToDictionary(m => m.AccountId, StringComparer.Ordinal), cancellationToken)
            : Build(input, MarketRows, Version + 1, MarketSource, _options, null, null, cancellationToken);
        int b = next.IndexOf(accountId);
        return (next, new StatusChange(a >= 0 ? Margins[a] : null, b >= 0 ? next.Margins[b] : null));
    }

    /// <summary>The ΔV row of a risky instrument: the cached one, or (outside the book) one simulated on the same
    /// paths with the same factor model and kept up to <see cref="SessionOptions.MaxExtraRows"/> rows.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <returns>ΔV per path, length n.</returns>
    public ReadOnlyMemory<double> RowOf(Instrument instrument)
    {
        if (_rows.TryGetValue(instrument.Id, out var row)) return row;
        if (_extraRows.TryGetValue(instrument.Id, out var kept)) return kept.Value;
        if (_extraRows.Count >= _options.MaxExtraRows) return SimulateRows(Input, [instrument], _options)[instrument.Id];
        return _extraRows.GetOrAdd(instrument.Id, _ => new Lazy<ReadOnlyMemory<double>>(() => SimulateRows(Input, [instrument], _options)[instrument.Id])).Value;
    }

    /// <summary>Builds a snapshot: the rows (reusing <paramref name="reuseRows"/> where given), the stress P&amp;L and
    /// every account's margin (reusing <paramref name="reuseMargins"/> for the accounts it holds).</summary>
    private static MarginSession Build(LoadedScenario input, MarketRows marketRows, long version, string source, SessionOptions options,
        IReadOnlyDictionary<string, ReadOnlyMemory<double>>? reuseRows, IReadOnlyDictionary<string, AccountMargin>? reuseMargins, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var plan = input.Plan;
        long bytes = DeltaValueRows.BytesFor(plan.InstrumentCount, plan.PathCount);
        if (bytes > options.MaxCacheBytes)
            throw new InputException(new SourceLocation(input.Scenario.Path),
                string.Create(CultureInfo.InvariantCulture, $"the warm cache would need {bytes / (double)(1L << 30):F1} GiB ({plan.InstrumentCount:N0} instruments × {plan.PathCount:N0} paths × 8 bytes), above its budget of {options.MaxCacheBytes / (double)(1L << 30):F1} GiB; use fewer paths"));
        Dictionary<string, ReadOnlyMemory<double>> rows;
        if (reuseRows is null)
        {
            rows = ToDictionary(DeltaValueRows.Simulate(plan, options.MaxThreads, cancellationToken: cancellationToken));
        }
        else
        {
            var held = input.Book.HeldInstruments.Where(i => i.IsRisky).ToArray();
            rows = held.Where(i => reuseRows.ContainsKey(i.Id)).ToDictionary(i => i.Id, i => reuseRows[i.Id], StringComparer.Ordinal);
            var missing = held.Where(i => !rows.ContainsKey(i.Id)).ToArray();
            if (missing.Length > 0)
                foreach (var (id, row) in SimulateRows(input, missing, options)) rows[id] = row;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxThreads ?? -1, CancellationToken = cancellationToken };
        var stress = StressJob.Run(input, parallel);
        var marginer = new AccountMarginer(input);
        var accounts = input.Book.Accounts;
        var margins = new AccountMargin[accounts.Count];
        var settings = input.Scenario.Margin;
        int n = plan.PathCount;
        Parallel.For(0, accounts.Count, parallel,
            () => new double[n],
            (a, _, loss) =>
            {
                var account = accounts[a];
                if (reuseMargins is not null && reuseMargins.TryGetValue(account.Id, out var kept)) { margins[a] = kept; return loss; }
                LossAggregator.AccountLoss(WhatIfCalculator.Rows(account, i => rows[i.Id]), loss);
                var tail = TailEstimator.Estimate(loss, settings.EsConfidence, settings.VarConfidence);
                margins[a] = marginer.Evaluate(account, marginer.Equity(account.Positions), tail, stress.WorstWeightedLoss(a)).Margin;
                return loss;
            },
            _ => { });
        return new MarginSession(input, marketRows, rows, margins, stress, marginer, version, source, options, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Rows for instruments on the scenario's paths: a plan holding only them, with the book's factor model.</summary>
    private static Dictionary<string, ReadOnlyMemory<double>> SimulateRows(LoadedScenario input, IReadOnlyList<Instrument> instruments, SessionOptions options)
    {
        var book = new Book(instruments.Select(i => new Position("rows", i, 0)).ToArray());
        var plan = RevaluationPlanBuilder.Build(book, input.Market, input.Factors, input.Scenario.Simulation, input.Scenario.Margin, input.Calibration?.Result.Fhs);
        return ToDictionary(DeltaValueRows.Simulate(plan, options.MaxThreads));
    }

    private static Dictionary<string, ReadOnlyMemory<double>> ToDictionary(DeltaValueRows rows)
    {
        var result = new Dictionary<string, ReadOnlyMemory<double>>(rows.InstrumentIds.Count, StringComparer.Ordinal);
        foreach (var id in rows.InstrumentIds) result[id] = rows.TryGetRow(id, out var row) ? row : default;
        return result;
    }

    /// <summary>The scenario re-priced on another market or book (the loader's own pricing, factor model and plan).</summary>
    private static LoadedScenario Reprice(LoadedScenario input, MarketSnapshot market, IReadOnlyDictionary<string, (double Bid, double Ask)> quotes, IReadOnlyList<Position> positions)
    {
        var scenario = input.Scenario with { AsOf = market.AsOf };
        var (book, value0, factors, calibration, plan) = ScenarioLoader.PriceBook(scenario, positions, market);
        ScenarioLoader.CheckStressCoverage(input.StressScenarios, book);
        return input with { Scenario = scenario, Book = book, Market = market, Factors = factors, Plan = plan, Value0 = value0, Quotes = quotes, Calibration = calibration };
    }

    private static IReadOnlyList<StatusChange> Changes(MarginSession before, MarginSession after)
    {
        var changes = new List<StatusChange>();
        foreach (var m in after.Margins)
        {
            int a = before.IndexOf(m.AccountId);
            if (a < 0 || before.Margins[a].Status != m.Status) changes.Add(new StatusChange(a < 0 ? null : before.Margins[a], m));
        }
        return changes;
    }

    private static string Explain(AccountMargin m, Core.Margin.AddOns.AccountAddOns addOns, double esTerm)
    {
        static string Usd(double v) => v.ToString("#,0", CultureInfo.InvariantCulture);
        static string Pct(double v) => (v * 100).ToString("+0.0;-0.0;0", CultureInfo.InvariantCulture) + "%";
        string setBy = m.Driver switch
        {
            ImDriver.Es => $"the ES term {Usd(esTerm)} (ES {Usd(m.ExpectedShortfall)}{(double.IsNaN(m.EsStdError) ? "" : $" ± {Usd(m.EsStdError)}")})",
            ImDriver.Stress => $"the stress loss {Usd(m.StressLoss)} under {m.WorstScenario}",
            ImDriver.ShortOptionMinimum => $"the short-option minimum {Usd(m.ShortOptionMinimum)}",
            ImDriver.AddOns => "the add-ons alone (every risk term is ≤ 0)",
            _ => "nothing: no risk term and no add-on is positive",
        };
        string text = $"IM {Usd(m.InitialMargin)} USD is set by {setBy}, plus add-ons {Usd(addOns.Liquidity)} liquidity, {Usd(addOns.MarketImpact)} market impact and {Usd(addOns.Concentration)} concentration. "
            + $"Equity {Usd(m.Equity)} against IM {Usd(m.InitialMargin)} and MM {Usd(m.MaintenanceMargin)}: {MarginCsv.StatusName(m.Status)}"
            + (m.Status == MarginStatus.Ok ? $", excess {Usd(m.Excess)}." : $", call {Usd(m.CallAmount)}.");
        if (m.ReverseStress is { } r)
        {
            text += r.LiquidationScenario switch
            {
                null => " No single-underlying spot move within the searched range takes equity below MM.",
                Core.Stress.Reverse.DistanceToLiquidation.Current => " Equity is below MM already.",
                _ => $" Liquidation at a spot move of {Pct(r.LiquidationSpotMove)} ({r.LiquidationScenario})",
            };
            if (r.LiquidationScenario is not (null or Core.Stress.Reverse.DistanceToLiquidation.Current))
                text += r.DefaultScenario is null ? "; no default within the range." : $", default at {Pct(r.DefaultSpotMove)} ({r.DefaultScenario}).";
        }
        return text;
    }
}
