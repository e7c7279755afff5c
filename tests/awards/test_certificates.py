"""A winner's certificate: one PDF page in Chinese and English that renders and names the winner."""

import io

import pypdfium2

from innochallenge.awards import prizes
from innochallenge.awards.certificates import certificate_pdf
from innochallenge.awards.nominations import Nominee
from tests.factories.accounts import UserFactory


def _text_and_ink(data: bytes) -> tuple[str, int]:
    page = pypdfium2.PdfDocument(io.BytesIO(data))[0]
    image = page.render(scale=1).to_pil().convert("L")
    return page.get_textpage().get_text_range(), sum(image.histogram()[:128])


def test_a_team_certificate_renders_in_chinese_and_english(hs2021, organiser):
    team = UserFactory(role="broker").organisation
    team.name, team.name_en = "苏州技术转移服务中心", "Suzhou Technology Transfer Centre"
    team.save()
    category = hs2021.award_categories.get(code="best-service-team")
    winner = prizes.confirm_winner(category, Nominee(team.name, 9, "", organisation=team), by=organiser)

    text, ink = _text_and_ink(certificate_pdf(winner))

    assert "荣誉证书" in text and "Certificate of Award" in text
    assert "苏州技术转移服务中心" in text and "Suzhou Technology Transfer Centre" in text
    assert "最佳服务团队奖" in text and "Best Service Team Award" in text
    assert ink > 2000  # the frame and the text, not a blank page


def test_a_broker_certificate_names_the_broker(hs2021, organiser):
    broker = UserFactory(role="broker", first_name="明", last_name="李")
    category = hs2021.award_categories.get(code="broker-craftsmanship")
    winner = prizes.confirm_winner(category, Nominee("李明", 9, "", user=broker), by=organiser)

    text, _ink = _text_and_ink(certificate_pdf(winner))

    assert winner.name in text
    assert "技术经纪人匠心奖" in text
