"""Short reports of backups, restores and drills, in Persian and English."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from .errors import bilingual, fmt


def _both(message) -> str:
    return bilingual(message).replace("\n", "  |  ")


def backup_lines(manifest: dict, path) -> list[str]:
    lines = []
    for dataset in manifest["datasets"]:
        lines.append(
            f"- {dataset['model']}: {dataset['rows']} / {len(dataset['files'])}"
            + (f" / {dataset['history_rows']}" if dataset["history_rows"] is not None else "")
        )
    message = (
        _("Encrypted backup written to %(path)s")
        if manifest.get("encrypted")
        else _("Backup written to %(path)s (not encrypted)")
    )
    lines.append(_both(fmt(message, {"path": str(path)})))
    return lines


def missing_lines(manifest: dict) -> list[str]:
    return [
        _both(fmt(_("File missing on disk: %(name)s"), {"name": name}))
        for dataset in manifest["datasets"]
        for name in dataset["missing_files"]
    ]


def restored_lines(report) -> list[str]:
    lines = [f"- {model}: {rows}" for model, rows in report.datasets.items()]
    lines.append(
        _both(
            fmt(
                _("Restored and verified: %(tables)s tables, %(rows)s rows, %(files)s files."),
                {"tables": report.tables, "rows": report.rows, "files": report.files},
            )
        )
    )
    return lines


def drill_lines(result, archive) -> list[str]:
    lines = [_both(fmt(_("Restore drill of %(path)s"), {"path": str(archive)}))]
    if result.error:
        lines.append(result.error)
    else:
        lines.append(
            _both(
                fmt(
                    _(
                        "Restored into a throw-away database: %(tables)s tables, %(rows)s rows, %(files)s files; counts and checksums match."
                    ),
                    {"tables": result.tables, "rows": result.rows, "files": result.files},
                )
            )
        )
    for label in result.differences:
        lines.append(
            _both(fmt(_("Restored rows of %(model)s differ from the archive."), {"model": label}))
        )
    opened = sum(1 for _label, ok in result.checks if ok)
    if result.checks:
        lines.append(
            _both(
                fmt(
                    ngettext_lazy(
                        "%(opened)s of %(count)s sampled tracking code opened with its second factor.",
                        "%(opened)s of %(count)s sampled tracking codes opened with their second factor.",
                        len(result.checks),
                    ),
                    {"opened": opened, "count": len(result.checks)},
                )
            )
        )
    for label, ok in result.checks:
        if not ok:
            lines.append(_both(fmt(_("Not found after the restore: %(code)s"), {"code": label})))
    lines.append(_both(_("Drill passed.") if result.ok else _("Drill FAILED.")))
    return lines
