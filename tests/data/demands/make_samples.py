"""Write the sample Word forms of tests/data/demands/ the way people really fill in attachment 3.

Run `python tests/data/demands/make_samples.py` after changing it; the .docx files are committed. The
values the importer must find in each are written by hand in expected.json, not derived from here.
Each sample is built cell by cell with python-docx (not with our exporter), each in its own style.
"""

from pathlib import Path

import docx
from docx.enum.text import WD_BREAK

HERE = Path(__file__).resolve().parent
DESCRIPTION_HINT = "（精准描述所要解决的技术需求、预期达到的技术指标、规格等目标）"
SHORT_DESCRIPTION = "需要把高频电感的体积缩小一半，同时保持电感量和品质因数不变。"  # 30 characters
PROFILE_HINT = "(介绍企业基本信息、主要产品及发展方向等, 300 字以内)"


def grid(document, rows):
    """The official 4-column grid: a row is ((label, value), (label, value)) or ((label, value),) whose
    value cell spans three columns (merged the way Word does it, with gridSpan)."""
    table = document.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    for row, pairs in zip(table.rows, rows, strict=True):
        cells = row.cells
        if len(pairs) == 1:
            merged = cells[1].merge(cells[3])
            cells[0].text, merged.text = pairs[0]
        else:
            (cells[0].text, cells[1].text), (cells[2].text, cells[3].text) = pairs
    return table


def two_columns(document, rows):
    """A variant some districts circulate: one label and one value per row."""
    table = document.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text = label, value
    return table


def vertically_merged_label(table, row_index):
    """Merge the label cell of a row with the label cell below it (a tall label, as in some templates)."""
    top, bottom = table.cell(row_index, 0), table.cell(row_index + 1, 0)
    top.merge(bottom)


def title(document, text="技术需求征集表"):
    document.add_paragraph().add_run(text).bold = True


def sample_a():
    """☑/□ marks, full-width colons and stray spaces in labels, budget with its unit, 其他 with its text."""
    d = docx.Document()
    title(d, "附件3：技术需求征集表")
    grid(
        d,
        [
            (("企业名称：", "  苏州瑞康生物医药科技有限公司 "), ("所属地区：", "相城区")),
            (("联 系 人：", "陈静"), ("联系方式：", "13962112345")),
            (("所属部门及职务：", "研发中心 主任"), ("E-mail：", "chenjing@ruikang-bio.example.cn")),
            (("企业简介：", "成立于2015年，专注于体外诊断试剂的研发与生产，主要产品为化学发光检测试剂盒。"),),
            (("企业上年度销售额：", "□1000万以下 ☑1000万-5000万 □5000万-1亿 □1亿-2亿 □2亿以上"),),
            (("技术需求名称：", "化学发光试剂冻干保护工艺"),),
            (("拟投入合作经费（必填）：", "150 万元"),),
            (("该需求所属产业领域：", "□数字经济 □人工智能 □装备制造 □新材料 □新能源 ☑其他（生物医药）"),),
            (
                (
                    "技术需求描述（不少于50个字）：",
                    "现有化学发光试剂在2-8℃保存期仅6个月，需要开发冻干保护配方与工艺，使试剂在25℃下保存18个月后"
                    "检测信号衰减不超过10%，批间差小于5%，复溶时间不超过3分钟。",
                ),
            ),
            (("希望的合作方式：", "□股权投资 □技术转让 □许可使用 ☑合作开发 □合作兴办新企业 □其它（  ）"),),
            (("技术经纪人姓名：", "周晓明"), ("联系电话：", "0512-65881234")),
        ],
    )
    d.save(HERE / "a-checkboxes-fullwidth.docx")


def sample_b():
    """√ and ■ marks after and before, the hints left in place, the unit printed in the budget cell."""
    d = docx.Document()
    title(d)
    grid(
        d,
        [
            (("企业名称", "苏州吴江恒力纺织机械有限公司"), ("所属地区", "吴江区")),
            (("联系人", "沈国华"), ("联系方式", "0512-63451234")),
            (("所属部门及职务", "技术部 总工程师"), ("E-mail", "shengh@hengli-tex.example.com")),
            (("企业简介", PROFILE_HINT + "专业生产高速剑杆织机及其关键零部件。"),),
            (("企业上年度销售额", "□ 1000 万以下 □ 1000 万-5000 万 □ 5000 万-1 亿 ■ 1 亿-2 亿 □ 2 亿以上"),),
            (("技术需求名称", "剑杆织机高速引纬机构减振降噪"),),
            (("拟投入合作经费 (必填)", "80万元"),),
            (("该需求所属产业领域", "□数字经济 □人工智能 √装备制造 □新材料 □新能源 □其他 ()"),),
            (
                (
                    "技术需求描述 (不少于 50 个字)",
                    DESCRIPTION_HINT + "织机车速提高到每分钟650转后，引纬机构振动加剧，整机噪声达到92分贝。"
                    "需要优化引纬机构动力学设计，使噪声降到85分贝以下，关键部件寿命不低于20000小时。",
                ),
            ),
            (
                (
                    "希望的合作方式",
                    "■股权投资 □技术转让 □许可使用 ■合作开发 □合作兴办新企业 ■其它（专利作价入股）",
                ),
            ),
            (("技术经纪人姓名", ""), ("联系电话", "")),
        ],
    )
    d.save(HERE / "b-ticks-and-hints.docx")


def sample_c():
    """Two columns per row, [x] and (x) marks, a field answered by its text alone, a tall merged label."""
    d = docx.Document()
    title(d)
    rows = [
        ("企业名称", "昆山华芯半导体封装有限公司"),
        ("所属地区", "昆山市"),
        ("联系人", "刘洋"),
        ("联系方式", "18915561234"),
        ("所属部门及职务", "工艺部 经理"),
        ("E-mail", "liuyang@huaxin-pkg.example.cn"),
        ("企业简介", "从事功率器件与车规级LED的封装测试。"),
        ("企业上年度销售额", "[ ]1000万以下 [ ]1000万-5000万 [ ]5000万-1亿 [ ]1亿-2亿 [x]2亿以上"),
        ("技术需求名称", "车规级LED封装焊点可靠性提升"),
        ("拟投入合作经费（必填）", "300"),
        ("该需求所属产业领域", "新能源"),
        (
            "技术需求描述（不少于50个字）",
            "车用高功率LED封装在AEC-Q102温度循环试验中出现焊点开裂，需要改进封装材料与工艺，",
        ),
        ("", "使1000次-40℃至125℃循环后光衰不超过5%，焊点剪切强度不低于15N。"),
        ("希望的合作方式", "( )股权投资 (x)技术转让 ( )许可使用 (x)合作开发 ( )合作兴办新企业 ( )其它"),
        ("技术经纪人姓名", "吴敏"),
        ("联系电话", "13814561234"),
    ]
    table = two_columns(d, rows)
    vertically_merged_label(table, 11)  # 技术需求描述 spans the two description rows
    d.save(HERE / "c-brackets-two-columns.docx")


def sample_d():
    """English labels (a foreign-invested enterprise), Chinese values, ✓ marks, a +852 phone."""
    d = docx.Document()
    title(d, "Technology Demand Form")
    grid(
        d,
        [
            (("Company name:", "苏州工业园区德康精密仪器有限公司"), ("District:", "Suzhou Industrial Park")),
            (("Contact person:", "Michael Wong 黄志明"), ("Contact phone:", "+852 2345 6789")),
            (("Department and title:", "R&D Director"), ("E-mail:", "m.wong@decon-instruments.example.com")),
            (("Company profile:", "Precision metrology instruments for semiconductor fabs; 精密测量仪器。"),),
            (("Sales last year:", "✓ 5000万-1亿"),),
            (("Demand title:", "晶圆缺陷检测光学系统国产化"),),
            (("Budget (10k CNY):", "500"),),
            (("Industry field:", "✓ Artificial intelligence"),),
            (
                (
                    "Demand description:",
                    "需要自主研发的明场晶圆缺陷检测光学系统，分辨率达到0.2微米，检测速度每小时不少于20片12英寸晶圆，"
                    "关键光学元件实现国产替代。",
                ),
            ),
            (("Cooperation modes:", "✓ Joint development  ✓ 许可使用"),),
            (("Technology broker:", "Anna Li"), ("Broker phone:", "+86 139 1234 5678")),
        ],
    )
    d.save(HERE / "d-english-labels.docx")


def sample_e():
    """Three forms one after another in one document, separated by page breaks, as a district sends them."""
    d = docx.Document()
    entries = [
        ("常熟市", "常熟海润新能源有限公司", "储能电池热失控预警算法", "新能源", "☑1亿-2亿", "200"),
        ("太仓市", "太仓中德精工有限公司", "精密滚珠丝杠磨削工艺", "装备制造", "☑5000万-1亿", "60.5"),
        ("姑苏区", "苏州古城数字文化有限公司", "古建筑三维重建与数字孪生", "数字经济", "☑1000万以下", "35"),
    ]
    for i, (district, company, demand, field, bracket, budget) in enumerate(entries):
        title(d)
        grid(
            d,
            [
                (("企业名称", company), ("所属地区", district)),
                (("联系人", "顾伟"), ("联系方式", f"1390512000{i}")),
                (("所属部门及职务", "总经理"), ("E-mail", f"gu{i}@example.cn")),
                (("企业简介", f"{company}成立于2012年。"),),
                (("企业上年度销售额", bracket),),
                (("技术需求名称", demand),),
                (("拟投入合作经费（必填）", f"{budget}万元"),),
                (("该需求所属产业领域", f"☑{field}"),),
                (
                    (
                        "技术需求描述（不少于50个字）",
                        f"关于“{demand}”：需要在现有产线基础上实现关键技术突破，性能指标提升30%以上，成本下降20%，"
                        "并在一年内完成中试验证和小批量应用。",
                    ),
                ),
                (("希望的合作方式", "☑合作开发"),),
                (("技术经纪人姓名", ""), ("联系电话", "")),
            ],
        )
        if i < len(entries) - 1:
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.save(HERE / "e-three-forms.docx")


def sample_f():
    """Refused: no budget, and a description of 30 characters."""
    d = docx.Document()
    title(d)
    grid(
        d,
        [
            (("企业名称", "苏州高新区示例电子有限公司"), ("所属地区", "高新区")),
            (("联系人", "钱程"), ("联系方式", "13771881234")),
            (("所属部门及职务", "研发部"), ("E-mail", "qian@example.cn")),
            (("企业简介", "电子元器件制造。"),),
            (("企业上年度销售额", "☑1000万-5000万"),),
            (("技术需求名称", "高频电感小型化"),),
            (("拟投入合作经费（必填）", "万元"),),
            (("该需求所属产业领域", "☑新材料"),),
            (
                (
                    "技术需求描述（不少于50个字）",
                    "需要把高频电感的体积缩小一半，同时保持电感量和品质因数不变。",
                ),
            ),
            (("希望的合作方式", "☑技术转让"),),
            (("技术经纪人姓名", ""), ("联系电话", "")),
        ],
    )
    d.save(HERE / "f-invalid-no-budget-short-description.docx")


if __name__ == "__main__":
    for make in (sample_a, sample_b, sample_c, sample_d, sample_e, sample_f):
        make()
    print("written to", HERE)
