using System.Collections.Concurrent;
using StressMargin.Core.Instruments;
using StressMargin.Core.Portfolio;

namespace StressMargin.Core.Stress.Reverse;

/// <summary>
/// Reverse stress (docs/model.md §9.4): per account, the smallest adverse spot move of one held underlying that takes
/// its equity below maintenance margin (liquidation) and below zero (default). Equity after a move is today's equity
/// plus the P&amp;L of every position revalued at the horizon like the stress scenarios (<see cref="StressRevaluer"/>:
/// spot and forwards × (1 + move), options on Black-76 for the remaining life, the other underlyings unmoved, so
/// their options still lose their time value), with the moved underlying's vols following either the model
/// (<see cref="VolResponse"/>) or the Deribit grid's vol-up leg. Maintenance margin is held at today's figure.
/// <para>Each path (underlying × vol response × direction) is scanned from x = 0 outwards in steps of the settings'
/// log-return step; the first scan point below a threshold and the one before it bracket the crossing, which
/// bisection narrows to the tolerance; the reported move is the bracket end below the threshold, so it does
/// liquidate (resp. default). A crossing and recovery within one step is not seen. The account's figure is the
/// smallest |move| over its paths (ties: model vol first, then underlyings in ordinal order, falls before rises).</para>
/// Each instrument's ΔV on the scan points is computed once and shared by every account that holds it; the values
/// are the same as evaluating them per account. Thread-safe.
/// </summary>
public sealed class ReverseStressSearch
{
    private readonly StressRevaluer _revaluer;
    private readonly IReadOnlyDictionary<string, VolResponse> _modelVol;
    private readonly Func<Instrument, double> _value0;
    private readonly double[][] _scan; // [direction 0 = falls, 1 = rises][k]: the scan points x_k
    private readonly ConcurrentDictionary<(Instrument, ReverseStressVol, int), double[]> _grid = new();

    /// <summary>Prepares the search.</summary>
    /// <param name="revaluer">Revaluer on the t0 market with the scenario's horizon, rate and vol dynamics.</param>
    /// <param name="modelVol">The model's vol response by underlying; an underlying without one keeps its vols.</param>
    /// <param name="value0">V0 per unit (USD) of an instrument; must depend on the instrument alone.</param>
    /// <param name="settings">Scan, range and tolerance; null for <see cref="ReverseStressSettings.Default"/>.</param>
    public ReverseStressSearch(StressRevaluer revaluer, IReadOnlyDictionary<string, VolResponse> modelVol, Func<Instrument, double> value0, ReverseStressSettings? settings = null)
    {
        _revaluer = revaluer;
        _modelVol = modelVol;
        _value0 = value0;
        Settings = settings ?? ReverseStressSettings.Default;
        _scan = [ScanPoints(Math.Log(1.0 - Settings.LargestFall)), ScanPoints(Math.Log(1.0 + Settings.LargestRise))];
    }

    /// <summary>The settings in force.</summary>
    public ReverseStressSettings Settings { get; }

    /// <summary>The account's distance to liquidation and default.</summary>
    /// <param name="positions">The account's positions, in book order (the P&amp;L is summed in this order).</param>
    /// <param name="equityUsd">Equity now, Σ quantity × multiplier × V0.</param>
    /// <param name="maintenanceMarginUsd">MM now.</param>
    /// <returns>The smallest moves and their paths.</returns>
    public DistanceToLiquidation Search(IReadOnlyList<Position> positions, double equityUsd, double maintenanceMarginUsd)
    {
        var paths = Paths(positions, equityUsd, maintenanceMarginUsd);
        var (liq, liqName) = equityUsd < maintenanceMarginUsd ? (0.0, DistanceToLiquidation.Current) : Smallest(paths, p => p.LiquidationSpotMove);
        var (def, defName) = equityUsd < 0 ? (0.0, DistanceToLiquidation.Current) : Smallest(paths, p => p.DefaultSpotMove);
        return new DistanceToLiquidation(liq, liqName, def, defName);
    }

    /// <summary>Every searched path of the account with its first liquidating and defaulting moves.</summary>
    /// <param name="positions">The account's positions, in book order.</param>
    /// <param name="equityUsd">Equity now.</param>
    /// <param name="maintenanceMarginUsd">MM now.</param>
    /// <returns>Paths in the order model vol, vol-up; underlyings ordinal; falls, rises.</returns>
    public IReadOnlyList<ReverseStressPath> Paths(IReadOnlyList<Position> positions, double equityUsd, double maintenanceMarginUsd)
    {
        int n = positions.Count;
        var unmoved = new double[n];
        for (int p = 0; p < n; p++) unmoved[p] = _revaluer.DeltaValue(positions[p].Instrument, _value0(positions[p].Instrument), StressMove.None);
        var underlyings = positions.Where(p => p.Instrument.IsRisky).Select(p => p.Instrument.Underlying).Distinct().Order(StringComparer.Ordinal).ToArray();
        var result = new List<ReverseStressPath>(4 * underlyings.Length);
        var rows = new double[]?[n];
        foreach (var vol in new[] { ReverseStressVol.Model, ReverseStressVol.VolUp })
            foreach (var u in underlyings)
                for (int d = 0; d < 2; d++)
                {
                    for (int p = 0; p < n; p++)
                        rows[p] = positions[p].Instrument is { IsRisky: true } ins && ins.Underlying == u ? Grid(ins, vol, d) : null;
                    double Equity(int k, double x)
                    {
                        double pnl = 0;
                        for (int p = 0; p < n; p++)
                            pnl += positions[p].Weight * (rows[p] is { } row ? (k >= 0 ? row[k] : DeltaValue(positions[p].Instrument, vol, x)) : unmoved[p]);
                        return equityUsd + pnl;
                    }
                    var (liquidation, bankrupt) = Scan(Equity, _scan[d], maintenanceMarginUsd);
                    result.Add(new ReverseStressPath(u, vol, d == 0 ? -1 : 1, liquidation, bankrupt));
                }
        return result;
    }

    /// <summary>ΔV per unit of an instrument at spot log return x of its underlying, with the vol response.</summary>
    private double DeltaValue(Instrument instrument, ReverseStressVol vol, double x)
    {
        VolShock? shock = Settings.VolUpShock;
        if (vol == ReverseStressVol.Model)
        {
            double y = (_modelVol.GetValueOrDefault(instrument.Underlying) ?? VolResponse.None).LogVolChange(x);
            shock = y == 0 ? null : new VolShock(Math.Exp(y) - 1.0);
        }
        return _revaluer.DeltaValue(instrument, _value0(instrument), new StressMove(Math.Exp(x) - 1.0, shock));
    }

    /// <summary>The instrument's ΔV on every scan point of one direction (computed once, then shared).</summary>
    private double[] Grid(Instrument instrument, ReverseStressVol vol, int direction) =>
        _grid.GetOrAdd((instrument, vol, direction), key =>
        {
            var points = _scan[key.Item3];
            var row = new double[points.Length];
            for (int k = 0; k < points.Length; k++) row[k] = DeltaValue(key.Item1, key.Item2, points[k]);
            return row;
        });

    /// <summary>0, ±step, ±2·step, … up to the limit (the last point is the limit itself).</summary>
    private double[] ScanPoints(double limit)
    {
        int steps = (int)Math.Ceiling(Math.Abs(limit) / Settings.StepLogReturn);
        var points = new double[steps + 1];
        for (int k = 0; k < steps; k++) points[k] = Math.Sign(limit) * k * Settings.StepLogReturn;
        points[steps] = limit;
        return points;
    }

    /// <summary>Scans one direction for the first points below MM and below 0, then bisects each bracket.
    /// <paramref name="equity"/> takes a scan index (or −1 and a log return off the scan).</summary>
    private (double Liquidation, double Default) Scan(Func<int, double, double> equity, double[] points, double mm)
    {
        double liquidation = double.NaN, bankrupt = double.NaN;
        for (int k = 0; k < points.Length && (double.IsNaN(liquidation) || double.IsNaN(bankrupt)); k++)
        {
            double e = equity(k, points[k]);
            if (double.IsNaN(liquidation) && e < mm) liquidation = k == 0 ? 0.0 : Bisect(equity, mm, points[k - 1], points[k]);
            if (double.IsNaN(bankrupt) && e < 0) bankrupt = k == 0 ? 0.0 : Bisect(equity, 0.0, points[k - 1], points[k]);
        }
        return (liquidation, bankrupt);
    }

    /// <summary>Narrows (above, below) — equity ≥ threshold at <paramref name="above"/>, &lt; at <paramref name="below"/> —
    /// to the tolerance; returns the relative move at the end below the threshold.</summary>
    private double Bisect(Func<int, double, double> equity, double threshold, double above, double below)
    {
        while (Math.Abs(below - above) > Settings.ToleranceLogReturn)
        {
            double mid = 0.5 * (above + below);
            if (equity(-1, mid) < threshold) below = mid;
            else above = mid;
        }
        return Math.Exp(below) - 1.0;
    }

    private static (double Move, string? Scenario) Smallest(IReadOnlyList<ReverseStressPath> paths, Func<ReverseStressPath, double> move)
    {
        double best = double.NaN;
        string? name = null;
        foreach (var p in paths)
        {
            double m = move(p);
            if (!double.IsNaN(m) && (name is null || Math.Abs(m) < Math.Abs(best))) { best = m; name = p.Scenario; }
        }
        return (best, name);
    }
}
