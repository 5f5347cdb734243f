"""Models of the outages plugin: notices with their timelines, and email subscribers."""

from .notices import NoticeUpdate, OutageNotice
from .subscribers import Subscriber

__all__ = ["NoticeUpdate", "OutageNotice", "Subscriber"]
