"""The desk's forms: the citizen's (:mod:`.public`) and the staff's (:mod:`.staff`)."""

from .public import *  # noqa: F403
from .public import __all__ as _public
from .staff import *  # noqa: F403
from .staff import __all__ as _staff

__all__ = [*_public, *_staff]
