"""Why a chat action was refused: a code for programs, a sentence for people."""

from django.utils.translation import gettext_lazy as _


class ChatError(Exception):
    """An action the domain refuses. ``code`` is stable (the protocol's error codes);
    ``message`` is shown to the person, in their language."""

    code = "invalid"
    default_message = _("This action is not possible.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))


class InvalidInput(ChatError):
    code = "invalid"
    default_message = _("The message could not be read.")


class NotAllowed(ChatError):
    """Outside the fence, or not this person's to do."""

    code = "forbidden"
    default_message = _("You may not do this in this chat.")


class WrongState(ChatError):
    code = "state"
    default_message = _("This chat is no longer in a state that allows this.")


class AtCapacity(ChatError):
    code = "capacity"
    default_message = _("You are already answering as many chats as your capacity allows.")


class NotAvailable(ChatError):
    code = "unavailable"
    default_message = _("Set yourself available before accepting chats.")


class TooMany(ChatError):
    code = "rate_limited"
    default_message = _("Too many attempts. Please wait a little and try again.")


class NoHandover(ChatError):
    code = "no_handover"
    default_message = _("The service desk cannot take this chat as a request now.")
