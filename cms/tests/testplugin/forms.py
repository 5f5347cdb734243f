from django import forms
from django.utils.translation import gettext_lazy as _

from cms.forms import MobileField, PersianFormMixin
from cms.tracking import normalize_tracking_code
from cms.uploads import AttachmentsField
from sitepages.models import UnitPage


class TicketForm(PersianFormMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=UnitPage.objects.live())
    text = forms.CharField(label=_("Your message"), max_length=2000, widget=forms.Textarea)
    mobile = MobileField()
    files = AttachmentsField()


class LookupForm(PersianFormMixin, forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=40)
    mobile = MobileField()

    def clean_code(self):
        return normalize_tracking_code(self.cleaned_data["code"])


class WithdrawForm(PersianFormMixin, forms.Form):
    note = forms.CharField(label=_("Why"), max_length=200)
