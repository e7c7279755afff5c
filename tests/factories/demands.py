"""A complete, valid demand as a person would type it (choices by their Chinese names)."""

#: 50 characters (full-width punctuation counts), the shortest description the form accepts.
DESCRIPTION_50 = "需要耐高温聚酰亚胺薄膜，在150℃下长期工作，热收缩率低于0.1%，厚度25微米，可卷对卷连续生产。"
assert len(DESCRIPTION_50) == 50

FORM_VALUES = {
    "company_name": "苏州恒新材料科技有限公司",
    "district": "相城区",
    "contact_name": "王磊",
    "contact_phone": "13912345678",
    "contact_title": "研发部 经理",
    "contact_email": "wanglei@hengxin.example.cn",
    "company_profile": "专注于高分子功能薄膜的研发与生产，主要产品为光学膜和绝缘膜。",
    "sales_bracket": "5000万-1亿",
    "title": "耐高温低收缩聚酰亚胺薄膜",
    "budget_wan": "150",
    "industry_field": "新材料",
    "industry_field_other": "",
    "description": DESCRIPTION_50,
    "cooperation_modes": ["合作开发", "技术转让"],
    "cooperation_other": "",
    "broker_name": "李敏",
    "broker_phone": "0512-65246015",
}
