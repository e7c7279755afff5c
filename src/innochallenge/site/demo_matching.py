"""The demo's achievement library: a few achievements that answer (or do not answer) the published
sample demands, owned by the demo provider, so that matches, reasons and pushes can be tried at once."""

from innochallenge.matching import library
from innochallenge.matching.models import Achievement

ACHIEVEMENTS = [
    {
        "title": "谐波减速器柔轮双圆弧齿形修形技术",
        "abstract": "通过双圆弧齿形修形与柔轮热处理，使谐波减速器背隙降至1弧分以内，传动效率达到86%，"
        "额定负载下寿命超过10000小时，已在工业机器人关节中试用。",
        "keywords": "谐波减速器，背隙，柔轮，齿形修形",
        "field": "装备制造",
        "kind": "patent",
        "maturity": "pilot",
    },
    {
        "title": "精密行星减速机回程间隙控制方法",
        "abstract": "采用预紧与选配相结合的装配工艺控制行星减速机回程间隙，适用于数控机床与机器人。",
        "keywords": "行星减速机，回程间隙，装配工艺",
        "field": "装备制造",
        "kind": "project",
        "maturity": "industrial",
    },
    {
        "title": "交联型耐高温聚酰亚胺薄膜",
        "abstract": "一种交联聚酰亚胺薄膜，150℃下长期使用热收缩率低于0.05%，厚度12至50微米，"
        "适合卷对卷连续涂布生产。",
        "keywords": "聚酰亚胺，薄膜，热收缩率，耐高温",
        "field": "新材料",
        "kind": "patent",
        "maturity": "pilot",
    },
    {
        "title": "车规级LED封装用高导热低应力固晶材料",
        "abstract": "低模量高导热固晶胶降低温度循环中的焊点应力，通过AEC-Q102温度循环1000次无开裂。",
        "keywords": "LED封装，固晶材料，AEC-Q102，温度循环",
        "field": "新能源",
        "kind": "product",
        "maturity": "industrial",
    },
    {
        "title": "基于深度学习的金属表面缺陷视觉检测",
        "abstract": "卷积神经网络识别金属零件表面划痕、凹坑与缺齿，检出率99.6%，误报率低于0.5%。",
        "keywords": "机器视觉，缺陷检测，深度学习",
        "field": "人工智能",
        "kind": "paper",
        "maturity": "lab",
    },
]
OWNER = "示例理工大学"


def add_sample_achievements(organiser, provider) -> None:
    if Achievement.objects.filter(owner=OWNER).exists():
        return
    rows = [row | {"owner": OWNER, "contact_office": "示例理工大学技术转移中心"} for row in ACHIEVEMENTS]
    report = library.save_achievements(rows, by=organiser, source="demo")
    Achievement.objects.filter(pk__in=report.ids).update(owner_user=provider)
