"""The desk's forms: the citizen's (:mod:`.public`, and :mod:`.tracking` on a request
opened with its tracking code) and the staff's (:mod:`.staff`)."""

from .public import *  # noqa: F403
from .public import __all__ as _public
from .staff import *  # noqa: F403
from .staff import __all__ as _staff
from .tracking import *  # noqa: F403
from .tracking import __all__ as _tracking

__all__ = [*_public, *_tracking, *_staff]
