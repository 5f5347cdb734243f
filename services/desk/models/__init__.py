"""The service desk's data: citizens' requests, their correspondence, attachments,
meetings, the staff of each unit, and the staff's views of requests."""

from .correspondence import Attachment, RequestMessage
from .logs import RequestViewLog
from .meetings import MeetingHours, MeetingProposal
from .pages import ServiceFormField, ServiceFormPage
from .requests import RequestQuerySet, ServiceRequest, StatusChange
from .staff import DeskStaff

__all__ = [
    "Attachment",
    "DeskStaff",
    "MeetingHours",
    "MeetingProposal",
    "RequestMessage",
    "RequestQuerySet",
    "RequestViewLog",
    "ServiceFormField",
    "ServiceFormPage",
    "ServiceRequest",
    "StatusChange",
]
