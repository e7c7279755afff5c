"""Sample demands of the demo edition, so the lists, the quota page and the exports have something to show."""

import datetime as dt

from innochallenge.demands import services
from innochallenge.demands.models import Demand, LeadingEnterprise
from innochallenge.diagnosis import services as diagnosis
from innochallenge.publication import services as publication
from innochallenge.publication.models import Outlet

_PROFILE = "专注于主营产品的研发、生产与销售，拥有省级企业技术中心，产品出口欧美及东南亚。"

#: company, district, bracket, field, modes, budget, title, description
SAMPLES = [
    (
        "苏州示例精密机械有限公司",
        "相城区",
        "1亿-2亿",
        "装备制造",
        ["合作开发"],
        "120",
        "高精度低背隙谐波减速器",
        "现有谐波减速器在额定负载下背隙大于3弧分，需要将背隙控制在1弧分以内，传动效率不低于85%，"
        "寿命不少于10000小时，并满足150℃环境下连续运行。",
    ),
    (
        "苏州示例精密机械有限公司",
        "相城区",
        "1亿-2亿",
        "人工智能",
        ["技术转让", "合作开发"],
        "80",
        "装配线视觉缺陷检测系统",
        "需要一套用于精密齿轮装配线的视觉检测系统，可识别0.05毫米以上的划痕与缺齿，检出率不低于99.5%，"
        "误报率低于0.5%，单件检测时间不超过0.8秒。",
    ),
    (
        "苏州恒新材料科技有限公司",
        "吴江区",
        "5000万-1亿",
        "新材料",
        ["合作开发"],
        "150",
        "耐高温低收缩聚酰亚胺薄膜",
        "需要耐高温聚酰亚胺薄膜，在150℃下长期工作，热收缩率低于0.1%，厚度25微米，可卷对卷连续生产，"
        "介电强度不低于200kV/mm。",
    ),
    (
        "昆山示例光电有限公司",
        "昆山市",
        "2亿以上",
        "新能源",
        ["股权投资", "合作开发"],
        "300",
        "车规级高功率LED封装可靠性提升",
        "车用高功率LED封装在AEC-Q102温度循环试验中出现焊点开裂，需要改进封装材料与工艺，"
        "使1000次-40℃至125℃循环后光衰不超过5%。",
    ),
    (
        "张家港示例化工有限公司",
        "张家港市",
        "1000万-5000万",
        "其他",
        ["许可使用"],
        "60",
        "化工废水中低浓度有机物高效去除",
        "现有生化处理工艺对COD在200mg/L以下的难降解有机物去除率不足40%，需要新型高级氧化或吸附技术，"
        "使出水COD稳定低于50mg/L，吨水成本不超过5元。",
    ),
    (
        "苏州工业园区示例软件有限公司",
        "工业园区",
        "1000万以下",
        "数字经济",
        ["合作开发", "技术转让"],
        "45.5",
        "工业设备预测性维护数据平台",
        "需要面向中小制造企业的设备预测性维护平台，支持Modbus与OPC UA采集，振动数据采样率不低于10kHz，"
        "故障提前预警时间不少于72小时，准确率不低于90%。",
    ),
]


def add_sample_demands(campaign, organiser) -> None:
    """File the sample demands once; confirm the demo enterprise as a leading enterprise with only two
    demands, so the quota page shows how a shortfall is flagged."""
    if Demand.objects.filter(campaign=campaign).exists():
        return
    for company, district, bracket, field, modes, budget, title, description in SAMPLES:
        values = {
            "company_name": company,
            "district": district,
            "contact_name": "张伟",
            "contact_phone": "13912345678",
            "contact_title": "技术部 经理",
            "contact_email": "contact@demo.invalid",
            "company_profile": _PROFILE,
            "sales_bracket": bracket,
            "title": title,
            "budget_wan": budget,
            "industry_field": field,
            "industry_field_other": "环保水处理" if field == "其他" else "",
            "description": description,
            "cooperation_modes": modes,
            "is_leading_enterprise": company == SAMPLES[0][0],
        }
        services.create_demand(campaign, values, by=organiser, submit=True)
    for declaration in LeadingEnterprise.objects.filter(campaign=campaign):
        services.decide_leading(declaration, confirm=True, by=organiser, note="演示数据")


#: reference number → (show the company name, budget display, English title, English description)
PUBLISHED = {
    1: (
        True,
        "exact",
        "High-precision, low-backlash harmonic reducer",
        "Our harmonic reducers show more than 3 arc-minutes of backlash at rated load. We need backlash "
        "below 1 arc-minute, transmission efficiency of at least 85%, a life of 10,000 hours or more, and "
        "continuous operation at 150 °C.",
    ),
    3: (False, "range", "", ""),
    4: (
        False,
        "hidden",
        "Reliability of high-power automotive LED packages",
        "High-power automotive LED packages crack at the solder joints in AEC-Q102 temperature cycling. "
        "We need better packaging materials and processes so that light loss stays under 5% after 1,000 "
        "cycles between -40 °C and 125 °C.",
    ),
}

#: Where the demo edition's demands are republished (SPEC §4.3).
OUTLETS = [
    (
        "苏州市科技成果转化服务平台",
        "Suzhou S&T Achievement Transformation Platform",
        "platform",
        "suzhou-platform",
    ),
    ("上海国际技术交易市场", "Shanghai International Technology Mall", "platform", "shanghai-mall"),
    ("苏州日报科技版", "Suzhou Daily, science pages", "government_media", "suzhou-daily"),
    (
        "示例大学技术转移中心",
        "Example University Technology Transfer Office",
        "university",
        "example-university",
    ),
]


def review_samples(campaign, organiser, broker, today: dt.date) -> None:
    """Give the sample demands to the demo broker: three published (one under its name, two as 某企业),
    one sent back with a proposed rewrite, the rest waiting in the queue."""
    if Demand.objects.filter(campaign=campaign).exclude(status="submitted").exists():
        return
    for demand in Demand.objects.filter(campaign=campaign).order_by("number"):
        diagnosis.assign(demand, broker, due_on=today + dt.timedelta(days=7), by=organiser)
        if demand.number in PUBLISHED:
            show, budget, title_en, description_en = PUBLISHED[demand.number]
            publication.choose_display(demand, show_company_name=show, budget_display=budget, by=organiser)
            diagnosis.diagnose(
                demand, decision="approve", site_visit_done=True, site_visit_on=today, by=broker
            )
            publication.publish(demand, by=broker, title_en=title_en, description_en=description_en)
        elif demand.number == 2:
            diagnosis.diagnose(
                demand,
                decision="revise",
                reason="请写明检测节拍与误报率的测试条件。",
                proposals={"title": "精密齿轮装配线视觉缺陷检测系统"},
                by=broker,
            )
    for name, name_en, kind, key in OUTLETS:
        Outlet.objects.get_or_create(key=key, defaults={"name": name, "name_en": name_en, "kind": kind})
