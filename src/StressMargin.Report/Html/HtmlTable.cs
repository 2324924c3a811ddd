using System.Text;

namespace StressMargin.Report.Html;

/// <summary>One table cell: the text shown, how it sorts, and the exact value behind a rounded number.</summary>
/// <param name="Text">Text shown (escaped when rendered).</param>
/// <param name="Sort">Sort key (a number for numeric columns); null sorts by <paramref name="Text"/>.</param>
/// <param name="Value">Exact value (<c>data-value</c>), e.g. the margin.csv text of a rounded USD figure.</param>
/// <param name="Class">CSS class, e.g. <c>status-liquidation</c>.</param>
internal sealed record Cell(string Text, string? Sort = null, string? Value = null, string? Class = null)
{
    /// <summary>A USD cell: shown rounded, sorted and valued exactly.</summary>
    public static Cell Usd(double v, string? cssClass = null) => new(Format.Usd(v), Format.Exact(v), Format.Exact(v), cssClass);

    /// <summary>A whole-number cell.</summary>
    public static Cell Count(long v) => new(Format.Count(v), v.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A percentage cell from a fraction.</summary>
    public static Cell Pct(double v, int digits = 2) => new(Format.Pct(v, digits), Format.Exact(v), Format.Exact(v));

    /// <summary>A number cell with a format.</summary>
    public static Cell Num(double v, string format) => new(Format.Num(v, format), Format.Exact(v), Format.Exact(v));

    /// <summary>A text cell.</summary>
    public static implicit operator Cell(string text) => new(text);
}

/// <summary>
/// An HTML table whose columns sort on a click of their header (report.js): numeric columns by the cells' exact
/// values. Each row may select a figure (<c>data-select</c>) of a plot selector (<c>data-target</c>).
/// </summary>
/// <param name="id">Element id (the tests address tables by it).</param>
/// <param name="columns">Column headers; a header ending in <c>#</c> marks a numeric (right-aligned) column and is shown without it.</param>
internal sealed class HtmlTable(string id, params string[] columns)
{
    private readonly List<(Cell[] Cells, string? Select)> _rows = [];

    /// <summary>Where clicking a row selects its figure: the id of a plot selector.</summary>
    public string? SelectTarget { get; init; }

    /// <summary>Wrap the table in a scrolling box (long tables).</summary>
    public bool Scroll { get; init; }

    /// <summary>Adds a row.</summary>
    /// <param name="cells">One cell per column.</param>
    /// <returns>This table.</returns>
    /// <exception cref="ArgumentException">Not one cell per column.</exception>
    public HtmlTable Add(params Cell[] cells) => AddSelecting(null, cells);

    /// <summary>Adds a row that selects a figure of <see cref="SelectTarget"/> when clicked.</summary>
    /// <param name="select">Key of the figure (e.g. the account id).</param>
    /// <param name="cells">One cell per column.</param>
    /// <returns>This table.</returns>
    /// <exception cref="ArgumentException">Not one cell per column.</exception>
    public HtmlTable AddSelecting(string? select, params Cell[] cells)
    {
        if (cells.Length != columns.Length) throw new ArgumentException($"table {id}: {cells.Length} cells for {columns.Length} columns", nameof(cells));
        _rows.Add((cells, select));
        return this;
    }

    /// <summary>Rows added.</summary>
    public int Count => _rows.Count;

    /// <summary>The table's HTML.</summary>
    public string Render()
    {
        var html = new StringBuilder();
        if (Scroll) html.Append("<div class=\"scroll\">");
        html.Append($"<table id=\"{Format.Escape(id)}\" class=\"data sortable\"><thead><tr>");
        var numeric = columns.Select(c => c.EndsWith('#')).ToArray();
        for (int c = 0; c < columns.Length; c++)
            html.Append(numeric[c] ? $"<th class=\"num\">{Format.Escape(columns[c][..^1])}</th>" : $"<th>{Format.Escape(columns[c])}</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var (cells, select) in _rows)
        {
            html.Append(select is null || SelectTarget is null ? "<tr>" : $"<tr data-select=\"{Format.Escape(select)}\" data-target=\"{Format.Escape(SelectTarget)}\">");
            for (int c = 0; c < cells.Length; c++)
            {
                var cell = cells[c];
                string cls = string.Join(' ', new[] { numeric[c] ? "num" : null, cell.Class }.Where(x => x is not null));
                html.Append("<td");
                if (cls.Length > 0) html.Append($" class=\"{cls}\"");
                if (cell.Sort is not null) html.Append($" data-sort=\"{Format.Escape(cell.Sort)}\"");
                if (cell.Value is not null) html.Append($" data-value=\"{Format.Escape(cell.Value)}\"");
                html.Append('>').Append(Format.Escape(cell.Text)).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        if (Scroll) html.Append("</div>");
        return html.ToString();
    }
}
