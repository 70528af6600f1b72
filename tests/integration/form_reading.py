"""Read a form on a page as the browser would submit it unchanged.

``submitted_values(html, field)`` finds the form holding the field named ``field`` and returns
what pressing its button would send: each input's value, checked boxes and radios only, each
select's chosen option (the first when none is marked), each textarea's text. Tests that
prove a pre-filled value survives a round trip post exactly this back, changing only the
fields a person would have to fill in.
"""

from html.parser import HTMLParser

SKIPPED_TYPES = {"submit", "button", "reset", "file", "image"}


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self.inputs: list[dict[str, str]] = []
        self._form = None
        self._select = None
        self._select_first = None
        self._select_chosen = None
        self._textarea = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = []
            self.forms.append(self._form)
        if self._form is None:
            return
        kind = attrs.get("type", "text").lower()
        if tag == "input" and attrs.get("name") and kind not in SKIPPED_TYPES:
            self.inputs.append(attrs)
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self._form.append((attrs["name"], attrs.get("value", default)))
        elif tag == "select" and attrs.get("name"):
            self._select, self._select_first, self._select_chosen = attrs["name"], None, None
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs:
                self._select_chosen = value
        elif tag == "textarea" and attrs.get("name"):
            self._textarea, self._text = attrs["name"], []

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select:
            chosen = self._select_chosen if self._select_chosen is not None else self._select_first
            if chosen is not None:
                self._form.append((self._select, chosen))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self._form.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def submitted_values(html: str, field: str) -> dict[str, str]:
    """What the form holding ``field`` sends when submitted as the page shows it."""
    reader = _FormReader()
    reader.feed(html)
    for form in reader.forms:
        if any(name == field for name, _value in form):
            return dict(form)
    raise AssertionError(f"No form on the page has a field named {field!r}")


def input_attrs(html: str, field: str) -> dict[str, str]:
    """The attributes of the input named ``field`` (its type and the value it shows)."""
    reader = _FormReader()
    reader.feed(html)
    for attrs in reader.inputs:
        if attrs.get("name") == field:
            return attrs
    raise AssertionError(f"No input named {field!r} on the page")
