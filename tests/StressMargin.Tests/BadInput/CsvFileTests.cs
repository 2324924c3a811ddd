using static StressMargin.Tests.BadInput.ScenarioFixture;

namespace StressMargin.Tests.BadInput;

/// <summary>Missing input files, and CSV headers and records that do not have the expected shape.</summary>
public class CsvFileTests
{
    [Theory]
    [InlineData(Instruments)]
    [InlineData(Positions)]
    [InlineData(Spots)]
    [InlineData(Forwards)]
    [InlineData(Vols)]
    public void MissingInputFile(string file)
    {
        using var f = new ScenarioFixture();
        f.Delete(file);
        InputErrorAssert.Fails(f, file, 0, 0, "file not found");
    }

    [Fact]
    public void MissingScenarioFile()
    {
        using var f = new ScenarioFixture();
        f.Delete(Scenario);
        InputErrorAssert.Fails(f, Scenario, 0, 0, "scenario file not found");
    }

    [Theory]
    [InlineData(Instruments, "option_type", "instrument_id,kind,underlying,expiry,strike,option_type,multiplier")]
    [InlineData(Instruments, "kind", "instrument_id,kind,underlying,expiry,strike,option_type,multiplier")]
    [InlineData(Positions, "quantity", "account_id,instrument_id,quantity")]
    [InlineData(Spots, "spot", "underlying,spot")]
    [InlineData(Forwards, "forward", "underlying,expiry,forward")]
    [InlineData(Vols, "implied_vol", "underlying,expiry,strike,implied_vol")]
    public void MissingColumn(string file, string column, string expectedColumns)
    {
        using var f = new ScenarioFixture();
        f.DropColumn(file, column);
        InputErrorAssert.Fails(f, file, 1, 0, $"missing column '{column}'", $"(expected columns: {expectedColumns})");
    }

    [Theory]
    [InlineData(Instruments, 8)]
    [InlineData(Positions, 4)]
    [InlineData(Spots, 3)]
    [InlineData(Forwards, 4)]
    [InlineData(Vols, 5)]
    public void UnexpectedColumn(string file, int column)
    {
        using var f = new ScenarioFixture();
        f.AddColumn(file, "comment", "x");
        InputErrorAssert.Fails(f, file, 1, column, "unexpected column 'comment'", "expected columns: ");
    }

    [Fact]
    public void UnexpectedColumnIsReportedWhereItIs()
    {
        using var f = new ScenarioFixture();
        f.Set(Spots, "underlying,price,spot\nBTC,1,71000\nETH,1,2100\n");
        InputErrorAssert.Fails(f, Spots, 1, 2, "unexpected column 'price' (expected columns: underlying,spot)");
    }

    [Fact]
    public void DuplicateColumn()
    {
        using var f = new ScenarioFixture();
        f.Set(Spots, "underlying,spot,spot\nBTC,71000,71000\nETH,2100,2100\n");
        InputErrorAssert.Fails(f, Spots, 1, 3, "column 'spot' appears twice");
    }

    [Fact]
    public void EmptyFile()
    {
        using var f = new ScenarioFixture();
        f.Set(Spots, "");
        InputErrorAssert.Fails(f, Spots, 1, 0, "empty file; expected a header row with columns underlying,spot");
    }

    [Fact]
    public void HeaderOnlyPositionsFile()
    {
        using var f = new ScenarioFixture();
        f.Set(Positions, "account_id,instrument_id,quantity\n");
        InputErrorAssert.Fails(f, Positions, 0, 0, "no positions: the book is empty");
    }

    [Theory]
    [InlineData("acct-2,BTC-PERPETUAL,-1.5\n", "acct-2,BTC-PERPETUAL\n", 2)]
    [InlineData("acct-2,BTC-PERPETUAL,-1.5\n", "acct-2,BTC-PERPETUAL,-1.5,x\n", 4)]
    public void RecordWithWrongNumberOfFields(string oldRecord, string newRecord, int fields)
    {
        using var f = new ScenarioFixture();
        f.Replace(Positions, oldRecord, newRecord);
        InputErrorAssert.Fails(f, Positions, 5, 0, $"record has {fields} fields but the header has 3 (account_id,instrument_id,quantity)");
    }

    [Fact]
    public void LineNumbersCountBlankLines()
    {
        using var f = new ScenarioFixture();
        // Blank lines are skipped, but they still count: the bad spot is on line 4 of the file.
        f.Set(Spots, "underlying,spot\n\nBTC,71000\nETH,-2100\n");
        InputErrorAssert.Fails(f, Spots, 4, 2, "spot: expected a positive price in USD, got '-2100'");
    }

    [Fact]
    public void LineNumbersCountQuotedLineBreaks()
    {
        using var f = new ScenarioFixture();
        // A quoted field spanning two lines: the next record starts on line 4.
        f.Set(Positions, "account_id,instrument_id,quantity\n\"acct\n1\",USD,1000\nacct-2,USD,abc\n");
        InputErrorAssert.Fails(f, Positions, 4, 3, "quantity: expected a signed number of contracts, got 'abc'");
    }

    [Fact]
    public void UnterminatedQuote()
    {
        using var f = new ScenarioFixture();
        f.Replace(Spots, "ETH,2100\n", "\"ETH,2100\n");
        InputErrorAssert.Fails(f, Spots, 3, 0, "malformed CSV record");
    }
}
