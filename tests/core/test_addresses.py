"""Links that leave the page (posters and their QR codes, the sitemap) carry SITE_URL when the operator
set it, else the address the page was opened at (an intranet machine without SITE_URL)."""

import pytest

PUBLIC = "https://challenge.example.gov.cn"


@pytest.fixture
def public_address(settings):
    settings.SITE_URL, settings.SITE_URL_SET = PUBLIC, True


def test_a_poster_printed_from_an_intranet_address_carries_the_public_one(
    hs2021, organiser, client_of, public_address
):
    html = client_of(organiser).get("/demands/poster/hs2021/xiangcheng/").content.decode()
    assert f'<p class="poster-url">{PUBLIC}/q/hs2021/xiangcheng</p>' in html


def test_without_site_url_the_poster_carries_the_address_it_was_opened_at(hs2021, organiser, client_of):
    html = client_of(organiser).get("/demands/poster/hs2021/xiangcheng/").content.decode()
    assert '<p class="poster-url">http://testserver/q/hs2021/xiangcheng</p>' in html


def test_the_sitemap_lists_public_addresses(db, client, public_address):
    xml = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{PUBLIC}/" in xml and "testserver" not in xml
