"""Reading the cells of the office's Excel sheets, the same way for every import."""


def cell_text(value) -> str:
    """A cell as the office typed it: text without surrounding spaces, "" for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        # Excel stores a typed mobile number as a float; 13800138000.0 means 13800138000.
        return str(int(value))
    return str(value).strip()
