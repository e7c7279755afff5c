"""How long 1,000 .docx demand forms take to import (issue #4 target: under 60 s on a 2-core machine).

The forms are written by the app's own exporter with varied, valid content, then imported through the same
service the batch page and `innochallenge import-demands` use, one file at a time (each all or nothing).
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import set_up_django, write_result

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000


def main() -> None:
    set_up_django()
    from innochallenge.accounts.enums import Role
    from innochallenge.accounts.models import User
    from innochallenge.campaigns import preset as presets
    from innochallenge.campaigns.services import load_preset
    from innochallenge.demands.importing import campaign_options, import_files
    from innochallenge.demands.io.docx_form import write_forms
    from innochallenge.demands.models import Demand

    campaign = load_preset(presets.read("hs2021")).campaign
    organiser = User.objects.create_user("bench", role=Role.ORGANISER)
    options = campaign_options(campaign)
    districts = [d.name for d in campaign.districts.all()]
    fields = [f.name for f in campaign.industry_fields.all() if not f.requires_text]
    brackets = [b.name for b in campaign.sales_brackets.all()]
    modes = [m.name for m in campaign.cooperation_modes.all() if not m.requires_text]

    started = time.perf_counter()
    files = []
    for i in range(N):
        raw = {
            "company_name": f"苏州测试企业{i:04d}有限公司",
            "district": districts[i % len(districts)],
            "contact_name": "张伟",
            "contact_phone": f"139{i:08d}",
            "contact_title": "技术部 主管",
            "contact_email": f"zhang{i}@example.cn",
            "company_profile": "主要从事精密零部件和自动化装备的研发、生产与销售。" * 2,
            "sales_bracket": brackets[i % len(brackets)],
            "title": f"第{i}号技术需求：高精度低背隙减速器",
            "budget_wan": str(50 + i % 300),
            "industry_field": fields[i % len(fields)],
            "industry_field_other": "",
            "description": "现有减速器背隙大于3弧分，需要控制在1弧分以内，传动效率不低于85%，"
            "寿命不少于10000小时，并能在150℃环境下连续运行，符合AEC-Q102要求。",
            "cooperation_modes": [modes[i % len(modes)], modes[(i + 2) % len(modes)]],
            "cooperation_other": "",
            "broker_name": "李敏",
            "broker_phone": "0512-65246015",
        }
        files.append((f"form-{i:04d}.docx", write_forms([raw], options)))
    written = time.perf_counter() - started

    started = time.perf_counter()
    reports = import_files(campaign, files, by=organiser)
    seconds = time.perf_counter() - started
    created = Demand.objects.count()
    refused = [r.name for r in reports if not r.ok]
    assert created == N and not refused, (created, refused[:5])
    write_result(
        "import_docx",
        {
            "files": N,
            "demands_created": created,
            "import_seconds": round(seconds, 2),
            "ms_per_file": round(1000 * seconds / N, 1),
            "files_per_second": round(N / seconds, 1),
            "writing_forms_seconds": round(written, 2),
        },
        target={"import_seconds_under": 60, "reached": seconds < 60},
    )


if __name__ == "__main__":
    main()
