from django.utils import translation


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
