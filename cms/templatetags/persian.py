"""Template filters for dates and digits, Persian on Persian pages.

Thin wrappers around :mod:`cms.formatting`: Python code imports that module, not this
one. Loaded as a builtin, so templates need no ``{% load %}``.

    {{ page.first_published_at|jdate }}          ۲۹ اسفند ۱۴۰۰   / 20 March 2022
    {{ page.first_published_at|jdate:"short" }}  ۱۴۰۰/۱۲/۲۹      / 2022-03-20
    {{ notice.start|jdatetime }}                 ۲۹ اسفند ۱۴۰۰، ساعت ۱۴:۳۰
    {{ service.fee|fa_digits }}                  ۱۲۰۰۰
    {{ service.fee|fa_number }}                  ۱۲٬۰۰۰
    {{ document.file_size|size_label }}          ۵٫۰ مگابایت   / 5.0 MB
"""

from django import template

from ..formatting import fa_digits, fa_number, jdate, jdatetime, jtime, tracking_code
from ..i18n import is_persian
from ..uploads import size_label

# Python code importing these names from here still works; new code imports
# cms.formatting and cms.i18n.
__all__ = [
    "fa_digits",
    "fa_number",
    "is_persian",
    "jdate",
    "jdatetime",
    "jtime",
    "size_label",
    "tracking_code",
]

register = template.Library()

for _filter in (jdate, jdatetime, jtime, fa_digits, fa_number, size_label, tracking_code):
    register.filter(_filter.__name__, _filter)
