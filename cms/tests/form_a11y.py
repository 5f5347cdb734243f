"""What a screen-reader or keyboard user meets after a failed submit of a public form.

Shared by the apps' tests: the page has the GOV.UK error summary (a heading, one link per
field in error, focusable with tabindex="-1", focused by static/js/error-summary.js) and
each field in error points with aria-describedby at its message, ``id_X_error``, which
Django 5.2 puts on the input (or the template on the fieldset of a group of choices).
"""

from bs4 import BeautifulSoup


def assert_error_summary(html, fields, summary_id="error-summary"):
    soup = BeautifulSoup(html, "html.parser")
    summary = soup.find(id=summary_id)
    assert summary is not None, f"no error summary #{summary_id}"
    assert summary.get("tabindex") == "-1"
    assert summary.find("h2") is not None and summary.find("h2").get_text(strip=True)
    assert soup.find("script", src=lambda src: src and src.endswith("js/error-summary.js"))
    hrefs = [a["href"] for a in summary.find_all("a", href=True)]
    for href in hrefs:
        assert soup.find(id=href[1:]) is not None, f"summary link {href} leads nowhere"
    for name in fields:
        targets = {f"#id_{name}", f"#id_{name}_0"}
        assert targets & set(hrefs), f"the summary has no link to {name}: {hrefs}"
        control = soup.find(id=f"id_{name}") or soup.find(id=f"id_{name}_0")
        holder = control.find_parent("fieldset") or control
        if holder.name != "fieldset" and control.name not in ("input", "select", "textarea"):
            holder = control.find_parent("fieldset") or control
        described = (holder.get("aria-describedby") or "").split()
        assert f"id_{name}_error" in described, f"{name} is not described by its error"
        message = soup.find(id=f"id_{name}_error")
        assert message is not None and message.get_text(strip=True)
    for element in soup.find_all(attrs={"aria-describedby": True}):
        for ref in element["aria-describedby"].split():
            assert soup.find(id=ref) is not None, f"aria-describedby={ref} points at nothing"
    return summary
