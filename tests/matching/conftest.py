import pytest

from innochallenge.matching import library
from tests.publication.conftest import publish_demand  # the same published demands
from tests.solutions.conftest import PROFILE, make_provider

FILM = {
    "title": "交联聚酰亚胺薄膜及其制备方法",
    "abstract": (
        "一种交联聚酰亚胺薄膜，在150℃下长期使用，热收缩率低于0.05%，厚度12–50微米，可卷对卷连续生产。"
    ),
    "keywords": "聚酰亚胺，薄膜，热收缩率，耐高温",
    "field": "新材料",
    "owner": "示例大学",
    "kind": "patent",
    "maturity": "pilot",
}
REDUCER = {
    "title": "低背隙谐波减速器柔轮",
    "abstract": "柔轮齿形修形使谐波减速器背隙小于1弧分，传动效率85%以上，寿命超过10000小时。",
    "keywords": "谐波减速器，背隙，柔轮",
    "field": "装备制造",
    "owner": "示例理工学院",
    "kind": "patent",
    "maturity": "industrial",
}
BATTERY = {
    "title": "锂电池陶瓷涂覆隔膜",
    "abstract": "氧化铝陶瓷涂覆的聚烯烃隔膜，150℃下热收缩率低于3%，提高锂离子电池的安全性。",
    "keywords": "锂电池，隔膜，陶瓷涂覆",
    "field": "新能源",
    "owner": "示例研究院",
    "kind": "project",
    "maturity": "lab",
}


@pytest.fixture
def library_of(organiser):
    def add(*rows):
        return library.save_achievements([dict(r) for r in rows], by=organiser, source="test").ids

    return add


@pytest.fixture
def film_provider(organiser, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_provider(
            organiser,
            name_en="Polymer Film Lab",
            expertise="聚酰亚胺薄膜\n耐高温高分子材料",
            keywords="聚酰亚胺, 热收缩率, 薄膜",
        )


__all__ = ["PROFILE", "publish_demand"]
