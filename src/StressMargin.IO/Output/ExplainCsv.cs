using StressMargin.Core;
using StressMargin.Core.Margin;
using StressMargin.Core.Margin.Explain;
using StressMargin.IO.Csv;

namespace StressMargin.IO.Output;

/// <summary>
/// <c>explain.csv</c>: every account's IM breakdown, one row per term (long format), accounts in book order:
/// <c>account_id,im_driver,initial_margin,risk_term,risk_term_amount,scenario,term,item,amount</c> (USD). The account's
/// fields repeat on each of its rows; its <c>amount</c>s sum to its <c>initial_margin</c>. An account without terms (cash
/// only, IM 0) has one row with empty <c>term</c>, <c>item</c> and <c>amount</c>.
/// </summary>
public static class ExplainCsv
{
    /// <summary>Column names in file order.</summary>
    public static readonly string[] Columns = ["account_id", "im_driver", "initial_margin", "risk_term", "risk_term_amount", "scenario", "term", "item", "amount"];

    /// <summary>Writes the file.</summary>
    /// <param name="path">Destination (a temporary name when part of an <see cref="AtomicFileSet"/>).</param>
    /// <param name="accounts">Breakdowns in the order to write.</param>
    public static void Write(string path, IEnumerable<ImBreakdown> accounts)
    {
        using var w = new CsvTableWriter(path, Columns);
        foreach (var b in accounts)
        {
            if (b.Terms.Count == 0)
            {
                Head(w, b).Field((string?)null).Field((string?)null).Field((string?)null);
                w.EndRecord();
            }
            foreach (var t in b.Terms)
            {
                Head(w, b).Field(t.Term).Field(t.Item).Field(t.AmountUsd);
                w.EndRecord();
            }
        }
    }

    /// <summary>Reads one account's breakdown back.</summary>
    /// <param name="path">An explain.csv.</param>
    /// <param name="accountId">The account.</param>
    /// <returns>The breakdown, or null when the file has no rows for the account.</returns>
    /// <exception cref="InputException">A missing or malformed file: unknown columns, an unknown driver or term, a bad number.</exception>
    public static ImBreakdown? Read(string path, string accountId)
    {
        using var csv = CsvTableReader.Open(path, Columns);
        ImBreakdown? head = null;
        var terms = new List<ImTerm>();
        while (csv.Read())
        {
            if (csv.Required("account_id", "an account id") != accountId) continue;
            head ??= new ImBreakdown(accountId, Driver(csv, "im_driver"), csv.Number("initial_margin", "a number (USD)"), Driver(csv, "risk_term"),
                csv.Number("risk_term_amount", "a number (USD)"), csv.Optional("scenario"), terms);
            if (csv.Optional("term") is not { } term) continue;
            if (!ImTerm.Kinds.Contains(term))
                throw new InputException(csv.Location("term"), $"term: expected one of {string.Join(", ", ImTerm.Kinds)}, got '{term}'");
            terms.Add(new ImTerm(term, csv.Optional("item"), csv.Number("amount", "a number (USD)")));
        }
        return head;
    }

    private static CsvTableWriter Head(CsvTableWriter w, ImBreakdown b) =>
        w.Field(b.AccountId).Field(MarginCsv.DriverName(b.Driver)).Field(b.InitialMargin).Field(MarginCsv.DriverName(b.RiskTerm)).Field(b.RiskTermUsd).Field(b.Scenario);

    private static ImDriver Driver(CsvTableReader csv, string column)
    {
        string name = csv.Required(column, "an IM driver");
        foreach (var d in Enum.GetValues<ImDriver>())
            if (MarginCsv.DriverName(d) == name) return d;
        throw new InputException(csv.Location(column), $"{column}: expected es, stress, short_option_minimum, addons or none, got '{name}'");
    }
}
