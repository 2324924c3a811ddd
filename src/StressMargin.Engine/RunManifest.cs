using System.Text.Json;
using StressMargin.Core.Margin;
using StressMargin.IO;
using StressMargin.IO.Output;

namespace StressMargin.Engine;

/// <summary>
/// <c>manifest.json</c>: what ran, on what, from which inputs, and how long each stage took — enough to
/// reproduce or audit a run (tool version and commit, as_of, seed, paths, model, backend and device, SHA-256 of
/// every input file, counts, stage timings in seconds).
/// </summary>
public static class RunManifest
{
    /// <summary>Serializes the manifest of a run.</summary>
    /// <param name="run">The run.</param>
    /// <param name="stageSeconds">Stage timings in run order (load, simulate, tail, attribution, write, …).</param>
    /// <param name="fallbackReason">Why the requested device was not used, when it was not; else null.</param>
    /// <param name="outputs">Name, size and SHA-256 of every other output file of the run (checked by <c>verify</c>).</param>
    /// <param name="shards">The shards a merged run was assembled from; null for an unsharded run.</param>
    /// <returns>Indented JSON text.</returns>
    public static string ToJson(MarginRunResult run, IEnumerable<KeyValuePair<string, double>> stageSeconds, string? fallbackReason = null,
        IReadOnlyList<OutputFileInfo>? outputs = null, IReadOnlyList<Sharding.ShardFolder>? shards = null)
    {
        var s = run.Input.Scenario;
        var sim = s.Simulation;
        var manifest = new
        {
            Tool = new { Name = "stressmargin", ToolInfo.Version, ToolInfo.Commit },
            Scenario = s.Path,
            AsOf = IsoTime.Format(s.AsOf),
            StartedUtc = IsoTime.Format(run.StartedUtc),
            FinishedUtc = IsoTime.Format(DateTimeOffset.UtcNow),
            Simulation = new
            {
                sim.Seed,
                sim.Paths,
                sim.Steps,
                sim.HorizonDays,
                Distribution = new
                {
                    Type = sim.Distribution.TypeName,
                    DegreesOfFreedom = sim.Distribution.Kind == Core.RiskModel.DistributionKind.StudentT ? sim.Distribution.DegreesOfFreedom : (double?)null,
                    Days = sim.Distribution.Kind == Core.RiskModel.DistributionKind.FilteredHistorical ? (sim.Distribution.Days == Core.RiskModel.FhsDays.Consecutive ? "consecutive" : "independent") : null,
                },
                VolDynamics = sim.VolDynamics == Core.RiskModel.VolDynamics.StickyStrike ? "sticky_strike" : "sticky_moneyness",
                sim.DiscountRate,
            },
            RiskFactors = run.Input.Factors.Underlyings.Select((u, i) => new
            {
                Underlying = u,
                SpotVol = run.Input.Factors.SpotVolsAnnualized[i],
                VolOfVol = run.Input.Factors.VolOfVolsAnnualized[i],
            }),
            Correlation = new { run.Input.Factors.SmallestEigenvalue, FactorIsCholesky = run.Input.Factors.LoadingIsCholesky },
            // What was calibrated from the price history (absent without a calibration block).
            Calibration = run.Input.Calibration is { } calibration ? Calibration.CalibrationManifest.Describe(calibration, run.Input.Factors, sim.Distribution) : null,
            Margin = new
            {
                s.Margin.EsConfidence,
                s.Margin.VarConfidence,
                s.Margin.EsMultiplier,
                EsBufferMultiplier = run.Input.EsBufferMultiplier,
                MmRatio = s.Margin.MaintenanceTiers is null ? s.Margin.MaintenanceRatio : (double?)null,
                MmTiers = s.Margin.MaintenanceTiers?.Select(t => new { UpToUsd = double.IsPositiveInfinity(t.UpToUsd) ? (double?)null : t.UpToUsd, t.Rate, t.AmountUsd }),
                AddOns = new
                {
                    Liquidity = s.Margin.AddOns?.Liquidity is { } l ? new { DefaultSpread = l.DefaultSpreadFraction } : null,
                    MarketImpact = s.Margin.AddOns?.MarketImpact is { } mi ? new { mi.Y, OiTurnover = mi.OpenInterestTurnover, mi.DefaultParticipation } : null,
                    Concentration = s.Margin.AddOns?.Concentration is { } c ? new { c.ThresholdUsd, c.Rate } : null,
                    ShortOptionMinimum = s.Margin.AddOns?.ShortOptionMinimum is { } m ? new { m.PerContractUsd } : null,
                },
            },
            Stress = new
            {
                Scenarios = run.Stress.Scenarios.Count,
                WorstForBook = Enumerable.Range(0, run.Stress.Scenarios.Count)
                    .Select(i => new { Scenario = run.Stress.Scenarios[i].Name, run.Stress.Scenarios[i].Weight, Pnl = run.Stress.BookPnl(i) })
                    .OrderBy(x => x.Weight * x.Pnl).Take(5),
            },
            Backend = new { Name = run.Backend, run.Device, FallbackReason = fallbackReason, PeakMemoryBytes = run.Risk.PeakBytes, run.Risk.Gpu },
            Shards = shards?.Select(sh => new
            {
                sh.Manifest.Index, sh.Manifest.Count, sh.Manifest.FirstPath, sh.Manifest.EndPath, Folder = sh.Directory,
                sh.Manifest.Backend, sh.Manifest.Device, sh.Manifest.Files, sh.Manifest.TimingsSeconds,
            }),
            Inputs = run.Input.Files.Select(f => new { f.Role, f.Path, f.Bytes, f.Sha256 }),
            Outputs = outputs ?? [],
            Warnings = run.Input.Warnings.Select(w => new { Location = w.Location?.ToString(), w.Message }),
            Counts = new
            {
                Instruments = run.Input.Instruments.Count,
                HeldInstruments = run.Input.Book.HeldInstruments.Count,
                RevaluedInstruments = run.Input.Plan.InstrumentCount,
                Accounts = run.Accounts.Count,
                Positions = run.Attribution.Count,
                Underlyings = run.Input.Factors.Underlyings.Count,
                Factors = run.Input.Factors.FactorCount,
                run.Risk.Revaluations,
                AccountsByStatus = Enum.GetValues<MarginStatus>().ToDictionary(MarginCsv.StatusName, st => run.Accounts.Count(a => a.Status == st)),
                AccountsByImDriver = Enum.GetValues<ImDriver>().ToDictionary(MarginCsv.DriverName, d => run.Accounts.Count(a => a.Driver == d)),
            },
            TimingsSeconds = stageSeconds.ToDictionary(kv => kv.Key, kv => kv.Value),
        };
        return JsonSerializer.Serialize(manifest, JsonOutput.Options);
    }
}
