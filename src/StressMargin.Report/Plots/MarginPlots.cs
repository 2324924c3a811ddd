using Plotly.NET;
using StressMargin.Core.Margin;
using StressMargin.Core.Margin.AddOns;
using StressMargin.Core.Stress;
using StressMargin.IO.Output;
using StressMargin.Report.Html;
using CS = Plotly.NET.CSharp;
using static StressMargin.Report.Plots.Charts;

namespace StressMargin.Report.Plots;

/// <summary>One account's initial margin taken apart: the risk term that set it (the largest of the buffered ES
/// term, the stress loss and the short-option minimum) and the add-ons on top, all USD.</summary>
/// <param name="Account">The account's margin figures.</param>
/// <param name="EsTerm">ES × es_multiplier × anti-procyclicality multiplier.</param>
/// <param name="AddOns">Its add-ons (liquidity, market impact, concentration, short-option minimum).</param>
internal sealed record ImComposition(AccountMargin Account, double EsTerm, AccountAddOns AddOns)
{
    /// <summary>The stress term, −∞ without stress scenarios.</summary>
    public double Stress => double.IsNaN(Account.StressLoss) ? double.NegativeInfinity : Account.StressLoss;

    /// <summary>The short-option minimum term, −∞ when zero (MarginPolicy counts it only when positive).</summary>
    public double Som => Account.ShortOptionMinimum > 0 ? Account.ShortOptionMinimum : double.NegativeInfinity;

    /// <summary>max(ES term, stress, SOM): IM = max(0, risk + add-ons).</summary>
    public double Risk => Math.Max(EsTerm, Math.Max(Stress, Som));

    /// <summary>Which term is <see cref="Risk"/> (ties: ES, then stress, as MarginPolicy).</summary>
    public ImDriver RiskTerm => Risk == EsTerm ? ImDriver.Es : Risk == Stress ? ImDriver.Stress : ImDriver.ShortOptionMinimum;
}

/// <summary>The run report's margin plots: IM by driver and status, IM composition, the stress heatmap.</summary>
internal static class MarginPlots
{
    /// <summary>Total IM (USD) by driver, stacked by status; hover gives the number of accounts.</summary>
    public static GenericChart ImByDriver(IReadOnlyList<AccountMargin> accounts)
    {
        var drivers = Enum.GetValues<ImDriver>().Where(d => accounts.Any(a => a.Driver == d)).ToArray();
        var names = drivers.Select(MarginCsv.DriverName).ToArray();
        var colors = new Dictionary<MarginStatus, string> { [MarginStatus.Ok] = Colors.Good, [MarginStatus.MarginCall] = Colors.Var, [MarginStatus.Liquidation] = Colors.Bad };
        var traces = Enum.GetValues<MarginStatus>().Select(status =>
        {
            var sums = drivers.Select(d => accounts.Where(a => a.Driver == d && a.Status == status).Sum(a => a.InitialMargin)).ToArray();
            var counts = drivers.Select(d => $"{accounts.Count(a => a.Driver == d && a.Status == status)} accounts").ToArray();
            var bar = CS.Chart.Column<double, string, string>(sums, Keys: names, Name: MarginCsv.StatusName(status), MultiText: counts, MarkerColor: Color(colors[status]), UseDefaults: false);
            Set(bar, "textposition", "none");
            return Set(bar, "hovertemplate", $"IM set by %{{x}}, status {MarginCsv.StatusName(status)}<br>%{{y:,.0f}} USD, %{{text}}<extra></extra>");
        });
        return Style(CS.Chart.Combine(traces), 340, "IM driver (the term that set initial margin)", "initial margin (USD)", "relative");
    }

    /// <summary>Stacked bars of the accounts' IM: the binding risk term and each add-on (their sum is IM when IM &gt; 0),
    /// with markers at every risk term so the runner-up is visible.</summary>
    /// <param name="rows">Accounts to show, in display order.</param>
    /// <returns>The chart.</returns>
    public static GenericChart ImComposition(IReadOnlyList<ImComposition> rows)
    {
        var ids = rows.Select(r => r.Account.AccountId).ToArray();
        GenericChart Segment(string name, string color, Func<ImComposition, double> value)
        {
            var bar = CS.Chart.Column<double, string, string>(rows.Select(value), Keys: ids, Name: name, MarkerColor: Color(color), UseDefaults: false);
            return Set(bar, "hovertemplate", $"%{{x}}<br>{name}: %{{y:,.0f}} USD<extra></extra>");
        }
        GenericChart Marker(string name, string color, string symbol, Func<ImComposition, double> value)
        {
            var shown = rows.Where(r => double.IsFinite(value(r))).ToArray();
            var points = CS.Chart.Point<string, double, string>(shown.Select(r => r.Account.AccountId), shown.Select(value), Name: name, MarkerColor: Color(color), UseDefaults: false);
            Set(points, "marker", new Dictionary<string, object> { ["symbol"] = symbol, ["size"] = 9, ["color"] = color, ["line"] = new Dictionary<string, object> { ["width"] = 1.5, ["color"] = color } });
            return Set(points, "hovertemplate", $"%{{x}}<br>{name}: %{{y:,.0f}} USD<extra></extra>");
        }
        var traces = new[]
        {
            Segment("ES term (ES × multiplier × buffer)", Colors.Es, r => r.RiskTerm == ImDriver.Es ? r.Risk : 0),
            Segment("stress loss", Colors.Stress, r => r.RiskTerm == ImDriver.Stress ? r.Risk : 0),
            Segment("short-option minimum", Colors.Som, r => r.RiskTerm == ImDriver.ShortOptionMinimum ? r.Risk : 0),
            Segment("liquidity add-on (spread)", Colors.Liquidity, r => r.AddOns.Liquidity),
            Segment("market-impact add-on", Colors.MarketImpact, r => r.AddOns.MarketImpact),
            Segment("concentration add-on", Colors.Concentration, r => r.AddOns.Concentration),
            Marker("initial margin", "#102a43", "diamond", r => r.Account.InitialMargin),
            Marker("ES term", Colors.Es, "circle-open", r => r.EsTerm),
            Marker("stress loss (weighted)", Colors.Stress, "circle-open", r => r.Stress),
            Marker("short-option minimum", Colors.Som, "x-thin-open", r => r.Som),
        };
        var chart = Style(CS.Chart.Combine(traces), 520, "account (largest initial margins first)", "USD", "relative", bottom: 40);
        return CS.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, CategoryOrder: StyleParam.CategoryOrder.Array, CategoryArray: ids);
    }

    /// <summary>Heatmap of the weighted stress loss weight × (−P&amp;L), USD, of the most affected accounts (rows, the
    /// largest worst weighted stress loss on top) under the scenarios worst for the book (columns, worst first).</summary>
    /// <param name="stress">The stress result.</param>
    /// <param name="accountRows">Account indices (book order index) to show, most affected first.</param>
    /// <param name="scenarioColumns">Scenario indices to show, worst first.</param>
    /// <returns>The chart.</returns>
    public static GenericChart StressHeatmap(StressResult stress, IReadOnlyList<int> accountRows, IReadOnlyList<int> scenarioColumns)
    {
        var rows = accountRows.Reverse().ToArray(); // plotly draws the first row at the bottom
        var z = rows.Select(a => scenarioColumns.Select(s => -stress.Scenarios[s].Weight * stress.Pnl(a, s)).ToArray()).ToArray();
        var x = scenarioColumns.Select(s => stress.Scenarios[s].Name).ToArray();
        var y = rows.Select(a => stress.AccountIds[a]).ToArray();
        var map = CS.Chart.Heatmap<double, string, string, string>(z, X: x, Y: y, ColorScale: StyleParam.Colorscale.RdBu, ReverseScale: false, UseDefaults: false);
        Set(map, "zmid", 0.0);
        Set(map, "colorbar", new Dictionary<string, object> { ["title"] = new Dictionary<string, object> { ["text"] = "weighted loss (USD)" } });
        Set(map, "hovertemplate", "%{y}<br>%{x}<br>weighted loss %{z:,.0f} USD<extra></extra>");
        var chart = Style(map, Math.Max(360, 22 * rows.Length + 260), "stress scenario (worst for the book first)", "account (most affected on top)", bottom: 40);
        return CS.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, ShowGrid: false);
    }
}
