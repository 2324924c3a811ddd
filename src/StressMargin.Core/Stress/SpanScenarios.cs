namespace StressMargin.Core.Stress;

/// <summary>
/// The 16 standard SPAN risk-array scenarios (CME Group, "SPAN: Risk Arrays – Standard"; NSCCL SPAN table "Worst
/// Scenario Loss"): price moves of 0, ±1/3, ±2/3 and ±1 price scan range, each with vol up and vol down by the vol scan
/// range (scenarios 1–14, full loss), and two extreme moves of ± <see cref="ExtremeMultiple"/> price scan ranges with vol
/// unchanged, of which only <see cref="ExtremeWeight"/> (35 %) of the loss counts (scenarios 15–16). Here both ranges are
/// relative: the price moves by ± fraction × <see cref="PriceScanRange"/> of spot, vols by ± <see cref="VolScanRange"/>
/// of their level.
/// </summary>
/// <param name="Name">Name prefix, e.g. <c>span</c>: scenarios are <c>span/01</c> … <c>span/16</c>.</param>
/// <param name="PriceScanRange">Relative price scan range, e.g. 0.15.</param>
/// <param name="VolScanRange">Relative vol scan range, e.g. 0.25.</param>
/// <param name="ExtremeMultiple">Multiple of the price scan range for scenarios 15–16 (2 at NSCCL; 3 for many CME products).</param>
/// <param name="ExtremeWeight">Fraction of the extreme scenarios' loss counted (0.35).</param>
/// <param name="Underlyings">Underlyings the moves apply to; <c>*</c> for all.</param>
public sealed record SpanScenarios(string Name, double PriceScanRange, double VolScanRange, double ExtremeMultiple, double ExtremeWeight, IReadOnlyList<string> Underlyings)
{
    /// <summary>(price fraction of the scan range, vol fraction of the scan range) of scenarios 1–14, in SPAN order.</summary>
    public static readonly (double Price, double Vol)[] Standard =
    [
        (0, 1), (0, -1),
        (1.0 / 3, 1), (1.0 / 3, -1), (-1.0 / 3, 1), (-1.0 / 3, -1),
        (2.0 / 3, 1), (2.0 / 3, -1), (-2.0 / 3, 1), (-2.0 / 3, -1),
        (1, 1), (1, -1), (-1, 1), (-1, -1),
    ];

    /// <summary>Generates the 16 scenarios.</summary>
    /// <param name="source">Where they were defined.</param>
    /// <returns>16 scenarios in SPAN order.</returns>
    public IReadOnlyList<StressScenario> Expand(SourceLocation? source = null)
    {
        var list = new List<StressScenario>(16);
        StressScenario Make(int number, double price, double vol, double weight)
        {
            var move = new StressMove(price, vol == 0 ? null : new VolShock(vol));
            return new StressScenario($"{Name}/{number:D2}", weight, Underlyings.ToDictionary(u => u, _ => move, StringComparer.Ordinal), null, source);
        }
        for (int i = 0; i < Standard.Length; i++)
            list.Add(Make(i + 1, Standard[i].Price * PriceScanRange, Standard[i].Vol * VolScanRange, 1.0));
        list.Add(Make(15, ExtremeMultiple * PriceScanRange, 0, ExtremeWeight));
        list.Add(Make(16, -ExtremeMultiple * PriceScanRange, 0, ExtremeWeight));
        return list;
    }
}
