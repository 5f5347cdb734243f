from django.utils import translation
from django.utils.functional import lazy


class BackupError(Exception):
    """The archive cannot be trusted, or the database cannot take it.

    The message is a lazy translation; ``str()`` gives it in the active language and
    :meth:`both` in Persian and English, for reports read by either.
    """

    def both(self) -> str:
        return bilingual(self.args[0] if self.args else "")


def bilingual(message) -> str:
    with translation.override("fa"):
        fa = str(message)
    with translation.override("en"):
        en = str(message)
    return fa if fa == en else f"{fa}\n{en}"


def _format(message, params) -> str:
    return str(message) % params


# A %-formatted lazy translation that stays lazy: rendered in whichever language is
# active when it is shown (``gettext_lazy(...) % {...}`` is rendered at once).
fmt = lazy(_format, str)
