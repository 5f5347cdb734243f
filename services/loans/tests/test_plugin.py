"""The loans plugin in the portal: tiles, menu and backup datasets (the site without it:
cms/tests/test_plugins_switched_off.py)."""

import pytest

from cms.plugins import registry


def test_the_plugin_is_registered_with_its_contributions(rf):
    plugin = registry.get("loans")
    assert plugin is not None
    request = rf.get("/")
    assert [tile.url for tile in plugin.get_home_tiles(request)] == ["/loans/"]
    assert [entry.url for entry in plugin.get_menu_entries(request)] == ["/loans/", "/loans/track/"]
    datasets = {dataset.model: dataset for dataset in plugin.get_backup_datasets()}
    assert datasets["loans.ApplicationDocument"].file_fields == ("file",)
    assert datasets["loans.FundAnswerImport"].file_fields == ("file",)
    for name in ("loans.LoanApplication", "loans.StageChange", "loans.LoanType", "loans.FundBatch"):
        assert datasets[name].get_model()._meta.label == name


@pytest.mark.django_db
def test_the_home_page_offers_loans(client, home_page):
    body = client.get("/").content.decode()
    assert 'href="/loans/"' in body and 'href="/loans/track/"' in body
