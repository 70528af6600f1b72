"""URL converters for the studio's own routes.

``id`` matches a record id that fits a 64-bit database integer. Django's ``int`` matches any
run of digits, and a lookup with a number too large for the database fails with an error
instead of "not found"; an address like that is now simply a 404.
"""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


def register() -> None:
    register_converter(IdConverter, "id")
