using StressMargin.Compute.Plan;
using StressMargin.Compute.Session;
using StressMargin.Core;
using StressMargin.Core.Instruments;
using StressMargin.Core.Portfolio;

namespace StressMargin.Engine.Session;

/// <summary>
/// <c>stressmargin whatif</c> without a warm session: simulates only the instruments of one account and of its
/// trades (with the whole book's factor model, hence the same paths as a run) and computes the what-if.
/// </summary>
public static class WhatIfJob
{
    /// <summary>Runs one what-if.</summary>
    /// <param name="input">The loaded scenario.</param>
    /// <param name="accountId">The account.</param>
    /// <param name="accountSource">Where the account id was given, for the error.</param>
    /// <param name="trades">The trades.</param>
    /// <param name="maxThreads">Worker threads; null for every core.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The result.</returns>
    /// <exception cref="InputException">An unknown account, or a trade that cannot be booked.</exception>
    public static WhatIfResult Run(LoadedScenario input, string accountId, SourceLocation? accountSource, IReadOnlyList<Trade> trades, int? maxThreads = null, CancellationToken cancellationToken = default)
    {
        var account = FindAccount(input.Book, input.Scenario.Inputs.Positions, accountId, accountSource);
        var marginer = new AccountMarginer(input);
        var after = TradeBook.Apply(input, account, trades, marginer.Value0);
        // Both versions of the account in one small book: every instrument either holds gets a row.
        var book = new Book([.. account.Positions.Select(p => p with { AccountId = "before" }), .. after.Positions.Select(p => p with { AccountId = "after" })]);
        var plan = RevaluationPlanBuilder.Build(book, input.Market, input.Factors, input.Scenario.Simulation, input.Scenario.Margin, input.Calibration?.Result.Fhs);
        var rows = DeltaValueRows.Simulate(plan, maxThreads, cancellationToken: cancellationToken);
        return WhatIfCalculator.Compute(input, marginer, account, trades, i => Row(rows, i));
    }

    /// <summary>An account of the book by id.</summary>
    /// <param name="book">The book.</param>
    /// <param name="positionsFile">positions.csv, named in the message.</param>
    /// <param name="accountId">The id.</param>
    /// <param name="source">Where the id was given.</param>
    /// <returns>The account.</returns>
    /// <exception cref="InputException">No such account.</exception>
    public static Account FindAccount(Book book, string positionsFile, string accountId, SourceLocation? source) =>
        book.Accounts.FirstOrDefault(a => a.Id == accountId)
        ?? throw new InputException(source, $"unknown account '{accountId}': {positionsFile} has no such account ({book.Accounts.Count:N0} accounts, e.g. {string.Join(", ", book.Accounts.Take(3).Select(a => $"'{a.Id}'"))})");

    private static ReadOnlyMemory<double> Row(DeltaValueRows rows, Instrument instrument) =>
        rows.TryGetRow(instrument.Id, out var row) ? row : throw new InvalidOperationException($"no simulated row for '{instrument.Id}'");
}
