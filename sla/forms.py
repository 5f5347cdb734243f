"""Admin forms of the sla app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SLAIndexPage

MAX_STATEMENT_FILE_SIZE = 1024 * 1024


class StatementImportForm(forms.Form):
    file = forms.FileField(
        label=_("Statement file"),
        help_text=_(
            "A UTF-8 text file written like the customer's statement: numbered sections "
            "(۱- مقدمه، ۲- هدف ...) and the validity date in the performance period."
        ),
    )
    parent = forms.ModelChoiceField(
        label=_("Publish under"),
        queryset=None,
        empty_label=None,
        help_text=_("The SLA index page the new draft goes under."),
    )
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=255,
        help_text=_("Leave empty to use the title written in the file."),
    )

    def __init__(self, *args, parents=(), **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["parent"].queryset = SLAIndexPage.objects.filter(
            pk__in=[page.pk for page in parents]
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_STATEMENT_FILE_SIZE:
            raise forms.ValidationError(_("The file is too large for a statement (1 MB at most)."))
        return upload
