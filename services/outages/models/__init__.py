"""Models of the outages plugin: notices with their timelines, and email subscribers."""

from .notices import OutageNotice
from .subscribers import Subscriber
from .updates import NoticeUpdate

__all__ = ["NoticeUpdate", "OutageNotice", "Subscriber"]
