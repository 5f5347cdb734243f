from .citizen import CitizenSocket
from .staff import StaffSocket

__all__ = ["CitizenSocket", "StaffSocket"]
