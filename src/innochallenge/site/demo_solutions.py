"""The demo provider: a verified profile and one solution, handed in, to the first published sample, so
that the enterprise has something to shortlist and the provider something to follow."""

from django.core.files.uploadedfile import SimpleUploadedFile

from innochallenge.demands.models import Demand
from innochallenge.solutions import services
from innochallenge.solutions.enums import ProviderStatus
from innochallenge.solutions.models import ProviderProfile, Solution

PROFILE = {
    "name": "示例理工大学技术转移中心",
    "name_en": "Example University of Technology, Technology Transfer Centre",
    "provider_type": "university",
    "country": "CN",
    "expertise": "精密传动\n谐波减速器\n摩擦学与润滑",
    "keywords": "谐波减速器, 背隙, 柔轮, 高温润滑",
    "website": "https://tt.example.edu.cn",
    "contact_name": "王老师",
    "contact_email": "tt-office@example.edu.cn",
    "contact_phone": "0512-65880000",
}
SOLUTION = {
    "title": "柔轮齿形修形与高温固体润滑的低背隙谐波减速器",
    "summary": "以双圆弧齿形修形降低啮合侧隙，柔轮采用高温合金并配合固体润滑涂层，背隙降至 1 弧分以内。",
    "approach": "齿形修形仿真与试制；柔轮材料与热处理工艺；MoS₂ 复合涂层；150 ℃ 台架寿命试验。",
    "indicators": "背隙 ≤ 0.8 弧分（目标 1 弧分）；效率 ≥ 86%（目标 85%）；150 ℃ 下寿命 ≥ 10000 小时。",
    "timeline": "3 个月完成样机，9 个月完成寿命试验与小批量试产。",
    "cost_wan": "260",
    "team": "传动实验室 2 名教授、5 名工程师。",
    "ip_status": "patent_granted",
    "ip_note": "发明专利 2 项（齿形修形、柔轮涂层）。",
}
#: A one-page PDF: the plan the enterprise opens from the solution page.
PLAN_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def add_sample_solution(campaign, provider, organiser) -> None:
    organisation = provider.organisation
    profile = ProviderProfile.objects.filter(organisation=organisation).first()
    if profile is None:
        profile = services.save_profile(organisation, PROFILE, by=provider)
    if profile.status != ProviderStatus.VERIFIED:
        services.review_provider(profile, verified=True, by=organiser, note="演示数据")
    demand = Demand.objects.filter(campaign=campaign, status="published").order_by("number").first()
    if demand is None or Solution.objects.filter(demand=demand, provider=organisation).exists():
        return
    modes = campaign.cooperation_modes
    mode = modes.filter(code="joint-development").first() or modes.first()
    solution = services.create_solution(
        demand, organisation, SOLUTION | {"cooperation_mode": mode.pk if mode else ""}, by=provider
    )
    services.add_attachment(
        solution, SimpleUploadedFile("方案说明.pdf", PLAN_PDF, content_type="application/pdf"), by=provider
    )
    services.submit_solution(solution, by=provider)
