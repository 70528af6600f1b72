from .organisation import Branch, Community, Compound, Street, Zone
from .users import User, mobile_validator

__all__ = ["Branch", "Community", "Compound", "Street", "User", "Zone", "mobile_validator"]
