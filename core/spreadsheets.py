"""Cells that spreadsheet programs would run as formulas, made inert for CSV exports.

Excel, LibreOffice and Google Sheets treat a cell that begins with ``=``, ``+``, ``-`` or ``@``
as a formula (and a leading tab or carriage return can hide one), so a headline such as
``=HYPERLINK(...)`` would become a live link in an editor's spreadsheet. A leading apostrophe
is the spreadsheets' own "this is text" mark: the cell shows the value as it was written.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value):
    """``value`` with an apostrophe in front if a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def inert_cells(cells):
    """A CSV row with every text cell made inert; numbers and dates are left as they are."""
    return [inert(cell) for cell in cells]
