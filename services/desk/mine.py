""" "My requests" at /track/mine/: a citizen proves a mobile number is theirs with a
one-time code sent to it by SMS, then sees every submission made with it (desk
requests, loan applications, whatever plugin answers ``find_submissions``), each opening
in its plugin's tracking session as its tracking code would.

The one-time code: 6 digits, valid 5 minutes, 3 tries, kept (as an HMAC) in the
requester's session, so it works only in the browser that asked for it. Asking is
throttled per client address (``DESK_MINE_CODE_LIMIT``) and per number: no code is
issued past the number's SMS cap (``PORTAL_SMS_DESTINATION_LIMIT``) or its share of
wrong codes from any address (``DESK_MINE_NUMBER_WRONG_LIMIT``), so new addresses do not
bring new guesses. Typing is throttled per address (``DESK_MINE_VERIFY_LIMIT``). The
answer never tells whether the number has submissions: the same page follows whether a
code was sent or not, and the code is sent after the response.

The view lives in the desk, under the /track/ address the desk owns, and reaches other
plugins only through :data:`cms.plugins.registry`.
"""

from __future__ import annotations

import hmac
import secrets
import time

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cms.forms import MobileField, PersianFormMixin
from cms.i18n import current_language
from cms.plugins import registry
from cms.ratelimit import destination_allowed, hit, hit_key, key_within, too_many_requests
from cms.sms import send_sms
from cms.text import normalize_identifier, to_persian_digits
from cms.tracking_session import private

from . import conf

PENDING_KEY = "desk_mine_pending"
VERIFIED_KEY = "desk_mine"
CODE_LENGTH = 6
CODE_AGE = 5 * 60
CODE_TRIES = 3
WRONG_SCOPE = "desk-mine-wrong"


class MobileForm(PersianFormMixin, forms.Form):
    mobile = MobileField(
        help_text=gettext_lazy("The number you gave with your requests; a code is sent to it.")
    )


class CodeForm(PersianFormMixin, forms.Form):
    code = forms.CharField(
        label=gettext_lazy("One-time code"),
        max_length=20,
        help_text=gettext_lazy("The 6 digits of the text message; valid for 5 minutes."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "dir": "ltr"}
        ),
    )

    def clean_code(self):
        code = normalize_identifier(self.cleaned_data["code"])
        if not (code.isdigit() and len(code) == CODE_LENGTH):
            raise ValidationError(_("The code has 6 digits."), code="code_format")
        return code


def _digest(mobile: str, code: str) -> str:
    return salted_hmac("desk.mine", f"{mobile}:{code}").hexdigest()


def _number_open(mobile: str) -> bool:
    """``False`` once the number had its share of wrong codes, from any address."""
    limit, period = conf.mine_number_wrong_limit()
    return key_within(WRONG_SCOPE, mobile, limit, period)


def _send_code(mobile: str, code: str, language: str) -> None:
    """Only to a number that has submissions; silently else."""
    if not registry.find_submissions(mobile):
        return
    with translation.override(language):
        text = render_to_string(
            "desk/email/mine_code_sms.txt",
            {"code": to_persian_digits(code) if language == "fa" else code},
        ).strip()
    send_sms(mobile, text, fail_silently=True)


class _SendCodeAfterResponse(HttpResponseRedirect):
    """The redirect to the code page, which sends the code once it has been sent itself
    (the server closes a response after writing it): whether the number has submissions
    (a lookup, a gateway's seconds) never shows in the response time."""

    def __init__(self, url, send):
        super().__init__(url)
        self._send = send

    def close(self):
        send, self._send = self._send, None
        try:
            if send is not None:
                send()
        finally:
            super().close()


@private
def mine_lookup(request):
    if request.method == "POST":
        limit, period = conf.mine_code_limit()
        if not hit(request, "desk-mine-code", limit, period):
            return too_many_requests(request, period)
        form = MobileForm(request.POST)
        if form.is_valid():
            mobile = form.cleaned_data["mobile"]
            code = f"{secrets.randbelow(10**CODE_LENGTH):0{CODE_LENGTH}d}"
            # Past the number's wrong codes or its SMS cap, no code is issued (a digest
            # no code matches), and the page is the same as for any number.
            issued = _number_open(mobile) and destination_allowed("sms", mobile)
            request.session[PENDING_KEY] = {
                "mobile": mobile,
                "digest": _digest(mobile, code) if issued else "",
                "expires": int(time.time()) + CODE_AGE,
                "tries": 0,
            }
            url = reverse("desk_track:mine_code")
            if not issued:
                return redirect(url)
            language = current_language(request)
            return _SendCodeAfterResponse(url, lambda: _send_code(mobile, code, language))
    else:
        form = MobileForm()
    return render(request, "desk/mine_lookup.html", {"form": form})


@private
def mine_code(request):
    pending = request.session.get(PENDING_KEY)
    if not pending:
        return redirect("desk_track:mine")
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        limit, period = conf.mine_verify_limit()
        if not hit(request, "desk-mine-verify", limit, period):
            return too_many_requests(request, period)
        if form.is_valid():
            error = _check(request, pending, form.cleaned_data["code"])
            if error is None:
                return redirect("desk_track:mine_list")
            form.add_error("code", error)
    return render(request, "desk/mine_code.html", {"form": form, "mobile": pending["mobile"]})


def _check(request, pending, code) -> str | None:
    """``None`` when the code is right (the number is then verified); else why not."""
    if time.time() > pending["expires"]:
        request.session.pop(PENDING_KEY, None)
        return _("The code has expired. Ask for a new one.")
    if not _number_open(pending["mobile"]):
        request.session.pop(PENDING_KEY, None)
        return _("Too many wrong codes were typed for this number. Ask for a new code in an hour.")
    if pending["digest"] and hmac.compare_digest(
        pending["digest"], _digest(pending["mobile"], code)
    ):
        request.session.pop(PENDING_KEY, None)
        # A new session key once the number is proven (no session fixation).
        request.session.cycle_key()
        request.session[VERIFIED_KEY] = {"mobile": pending["mobile"], "seen": int(time.time())}
        return None
    limit, period = conf.mine_number_wrong_limit()
    hit_key(WRONG_SCOPE, pending["mobile"], limit, period)
    pending["tries"] += 1
    if pending["tries"] >= CODE_TRIES:
        request.session.pop(PENDING_KEY, None)
        return _("The code is not right, and it was tried 3 times. Ask for a new one.")
    request.session[PENDING_KEY] = pending
    left = CODE_TRIES - pending["tries"]
    return _("The code is not right. You can try %(left)s more times.") % {
        "left": to_persian_digits(left) if current_language(request) == "fa" else left
    }


def verified_mobile(request) -> str | None:
    data = request.session.get(VERIFIED_KEY)
    if not data:
        return None
    if time.time() - data.get("seen", 0) > conf.tracking_session_age():
        request.session.pop(VERIFIED_KEY, None)
        return None
    data["seen"] = int(time.time())
    request.session[VERIFIED_KEY] = data
    return data["mobile"]


@private
def mine_list(request):
    mobile = verified_mobile(request)
    if mobile is None:
        return redirect("desk_track:mine")
    return render(
        request,
        "desk/mine_list.html",
        {"submissions": registry.find_submissions(mobile), "mobile": mobile},
    )


@require_POST
@private
def mine_open(request):
    mobile = verified_mobile(request)
    if mobile is None:
        return redirect("desk_track:mine")
    plugin, ref = request.POST.get("plugin", ""), request.POST.get("ref", "")
    url = registry.open_submission(request, plugin, ref, mobile) if plugin and ref else None
    if url is None:
        raise Http404
    return redirect(url)


@require_POST
@private
def mine_close(request):
    request.session.pop(VERIFIED_KEY, None)
    request.session.pop(PENDING_KEY, None)
    return redirect("desk_track:mine")
